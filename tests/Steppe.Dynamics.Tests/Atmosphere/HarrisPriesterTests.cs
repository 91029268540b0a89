using System.Globalization;
using Steppe.Core.Mathematics;
using Steppe.Core.Tests.Support;
using Steppe.Dynamics.Forces.Atmosphere;

namespace Steppe.Dynamics.Tests.Atmosphere;

public class HarrisPriesterTests
{
    private static readonly Vector3D s_sun = new(1.496e8, 0, 0);

    // The bulge apex for a Sun on +x: 30° east of it.
    private static readonly Vector3D s_apex = new(Math.Cos(Math.PI / 6), Math.Sin(Math.PI / 6), 0);

    /// <summary>Montenbruck &amp; Gill Table 3.8 (the CSV beside the repository): at each tabulated height the apex sees
    /// the maximum density and the antapex the minimum, to the table's four digits.</summary>
    [SkippableFact]
    public void MontenbruckGill_Table38_NodesAtApexAndAntapex()
    {
        var lines = File.ReadAllLines(ReferenceData.File("flight-dynamics/atmosphere/harris_priester_table.csv"))
            .Where(l => l.Length > 0 && char.IsDigit(l[0])).ToArray();
        Assert.Equal(50, lines.Length);
        foreach (string line in lines)
        {
            var f = line.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            var model = HarrisPriester.LowInclination;
            Assert.Equal(f[2], model.Density(f[0], s_apex * 7000, s_sun), f[2] * 1e-12);
            Assert.Equal(f[1], model.Density(f[0], -s_apex * 7000, s_sun), f[1] * 1e-12);
        }
    }

    /// <summary>Values worked by hand from the book's formulas (3.99–3.102: exponential interpolation between table rows,
    /// ρ = ρ_m + (ρ_M − ρ_m)·cosⁿ(ψ/2)) and Table 3.8.</summary>
    [Theory]
    [InlineData(450.0, 0.0, 2.0, 2.3715177260544665e-12)] // ψ = 90°, n = 2
    [InlineData(450.0, 0.0, 6.0, 1.2803390621465726e-12)] // ψ = 90°, n = 6
    [InlineData(400.0, 0.8660254037844387, 4.0, 6.813098096020908e-12)] // ψ = 30°, n = 4
    [InlineData(777.0, -0.5, 2.0, 3.173593634503367e-14)] // ψ = 120°, n = 2
    public void MontenbruckGill_Formulas_WorkedValues(double heightKm, double cosPsi, double n, double expectedKgPerM3)
    {
        // A position at angle ψ from the apex, in the plane of the apex and the pole.
        double sinPsi = Math.Sqrt(1 - (cosPsi * cosPsi));
        var position = (s_apex * cosPsi) + (Vector3D.UnitZ * sinPsi);
        double rho = new HarrisPriester(n).Density(heightKm, position * 7000, s_sun);
        Assert.Equal(expectedKgPerM3, rho, expectedKgPerM3 * 1e-12);
    }

    [Fact]
    public void BulgeLagsTheSunByThirtyDegrees()
    {
        var model = HarrisPriester.LowInclination;
        double atApex = model.Density(500, s_apex * 7000, s_sun);
        double towardSun = model.Density(500, Vector3D.UnitX * 7000, s_sun);
        double aheadOfApex = model.Density(500, new Vector3D(Math.Cos(Math.PI / 3), Math.Sin(Math.PI / 3), 0) * 7000, s_sun);
        Assert.True(atApex > towardSun);
        Assert.Equal(towardSun, aheadOfApex, towardSun * 1e-12); // symmetric about the apex
    }

    [Fact]
    public void Limits_ZeroAbove1000Km_LastValueAt1000Km_RefusedBelow100Km()
    {
        var model = HarrisPriester.Polar;
        Assert.Equal(0.0, model.Density(1000.001, s_apex * 8000, s_sun));
        Assert.Equal(1.810e-14, model.Density(1000.0, s_apex * 8000, s_sun), 1e-26);
        Assert.Equal(4.974e-07, model.Density(100.0, s_apex * 6500, s_sun), 1e-19);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.Density(99.9, s_apex * 6500, s_sun));
        Assert.Contains("99.900 km", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HarrisPriester(0));
    }
}
