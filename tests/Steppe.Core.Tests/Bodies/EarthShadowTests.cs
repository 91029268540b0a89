using Steppe.Core.Bodies;
using Steppe.Core.Mathematics;

namespace Steppe.Core.Tests.Bodies;

/// <summary>The conical shadow model (Montenbruck &amp; Gill 2000, §3.4.2).</summary>
public class EarthShadowTests
{
    private const double R = 6378.137;
    private static readonly Vector3D Sun = new(Steppe.Core.Bodies.Sun.AstronomicalUnitKm, 0, 0);

    [Fact]
    public void BehindTheEarth_IsUmbra_InFront_IsSunlit()
    {
        var behind = EarthShadow.Geometry(new Vector3D(-7000, 0, 0), Sun);
        Assert.Equal(Illumination.Umbra, behind.State);
        Assert.Equal(0.0, behind.SunlitFraction);
        Assert.Equal(Math.Asin(R / 7000), behind.EarthRadiusRadians, 15);
        Assert.Equal(Math.Asin(EarthShadow.SunRadiusKm / (Steppe.Core.Bodies.Sun.AstronomicalUnitKm + 7000)), behind.SunRadiusRadians, 15);
        Assert.Equal(0.0, behind.SeparationRadians, 15);

        var front = EarthShadow.Geometry(new Vector3D(7000, 0, 0), Sun);
        Assert.Equal(Illumination.Sunlit, front.State);
        Assert.Equal(1.0, front.SunlitFraction);
        Assert.Equal(Math.PI, front.SeparationRadians, 12);
    }

    [Fact]
    public void FarBeyondTheUmbrasApex_IsAntumbra()
    {
        // The umbra ends about 1.38 million km behind the Earth: at 2 million km the Earth's disc (0.18°) lies inside the Sun's (0.27°).
        var g = EarthShadow.Geometry(new Vector3D(-2_000_000, 0, 0), Sun);
        Assert.Equal(Illumination.Antumbra, g.State);
        Assert.Equal(1.0 - Math.Pow(g.EarthRadiusRadians / g.SunRadiusRadians, 2), g.SunlitFraction, 12);
    }

    /// <summary>The visible fraction of the solar disc from the lens-area formula against a direct count of the points of
    /// the Sun's disc outside the Earth's (a 2000 × 2000 grid, independent of the formula).</summary>
    [Theory]
    [InlineData(0.0046, 1.2, 1.1990)]
    [InlineData(0.0046, 1.2, 1.2000)]
    [InlineData(0.0046, 1.2, 1.2040)]
    [InlineData(0.0046, 0.3, 0.3010)]
    public void SunlitFraction_MatchesACountOfTheDisc(double a, double b, double c)
    {
        var g = new ShadowGeometry(c, b, a);
        Assert.Equal(Illumination.Penumbra, g.State);
        const int n = 2000;
        int visible = 0, total = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double x = a * (((2.0 * (i + 0.5)) / n) - 1.0), y = a * (((2.0 * (j + 0.5)) / n) - 1.0);
                if ((x * x) + (y * y) > a * a) continue;
                total++;

                // The Earth's centre at distance c along x; flat discs (the angles are small).
                if (((x - c) * (x - c)) + (y * y) > b * b) visible++;
            }
        }

        Assert.Equal((double)visible / total, g.SunlitFraction, 3);
    }

    [Fact]
    public void Margins_CrossZeroOnTheBoundaries()
    {
        var g = new ShadowGeometry(1.0, 1.1, 0.1);
        Assert.Equal(0.0, g.UmbraMarginRadians, 15);
        Assert.Equal(-0.2, g.PenumbraMarginRadians, 15);
        Assert.Equal(Illumination.Umbra, g.State);
    }

    [Fact]
    public void InsideTheEarth_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EarthShadow.Geometry(new Vector3D(6000, 0, 0), Sun));
        Assert.Throws<ArgumentOutOfRangeException>(() => EarthShadow.Geometry(new Vector3D(7000, 0, 0), Sun, 0));
    }
}
