using System.Globalization;
using Steppe.Dynamics.Forces.Atmosphere;

namespace Steppe.Dynamics.Tests.Atmosphere;

public class Nrlmsise00Tests
{
    /// <summary>The inputs of the model's 17 standard test cases (nrlmsise-00_test.c of the NRLMSISE-00 C distribution).</summary>
    public static NrlmsiseInput StandardCase(int index)
    {
        int doy = 172;
        double sec = 29000, alt = 400, lat = 60, lon = -70, lst = 16, f107a = 150, f107 = 150, ap = 4;
        NrlmsiseApHistory? history = null;
        switch (index)
        {
            case 1: doy = 81; break;
            case 2: sec = 75000; alt = 1000; break;
            case 3: alt = 100; break;
            case 4: lat = 0; break;
            case 5: lon = 0; break;
            case 6: lst = 4; break;
            case 7: f107a = 70; break;
            case 8: f107 = 180; break;
            case 9: ap = 40; break;
            case 10: alt = 0; break;
            case 11: alt = 10; break;
            case 12: alt = 30; break;
            case 13: alt = 50; break;
            case 14: alt = 70; break;
            case 15: history = new NrlmsiseApHistory(100, 100, 100, 100, 100, 100, 100); break;
            case 16: alt = 100; history = new NrlmsiseApHistory(100, 100, 100, 100, 100, 100, 100); break;
        }

        return new NrlmsiseInput(doy, TimeSpan.FromSeconds(sec), alt, lat, lon, TimeSpan.FromHours(lst), f107a, f107, ap, history);
    }

    public static TheoryData<int> Cases { get; } = new(Enumerable.Range(0, 17));

    /// <summary>
    /// NRLMSISE-00 C distribution, test_gtd7 (the model's published check values): He, O, N2, O2, Ar, mass density, H, N,
    /// anomalous O (cm⁻³, g/cm³), T∞ and T (K), each to its seven printed digits (within half a unit of the last one).
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Nrlmsise00_StandardTestCase_MatchesEveryPrintedDigit(int index)
    {
        string[] printed = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "Atmosphere", "nrlmsise00_testoutput.txt"))[index]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, printed.Length);
        var model = new Nrlmsise00(index >= 15 ? NrlmsiseSwitches.StandardWithApHistory : NrlmsiseSwitches.Standard);
        var o = model.Evaluate(StandardCase(index));
        const double cm3 = 1e-6;
        double[] computed =
        [
            o.HeliumPerM3 * cm3, o.OxygenPerM3 * cm3, o.NitrogenPerM3 * cm3, o.DioxygenPerM3 * cm3, o.ArgonPerM3 * cm3,
            o.MassDensityKgPerM3 / 1000.0, o.HydrogenPerM3 * cm3, o.AtomicNitrogenPerM3 * cm3, o.AnomalousOxygenPerM3 * cm3,
            o.ExosphericTemperatureK, o.TemperatureK,
        ];
        for (int k = 0; k < 11; k++)
        {
            double expected = double.Parse(printed[k], CultureInfo.InvariantCulture);
            double halfUnit = expected == 0 ? 0 : 0.5e-6 * Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(expected))));
            Assert.True(Math.Abs(computed[k] - expected) <= halfUnit * (1 + 1e-9),
                $"case {index}, value {k}: computed {computed[k]:E9}, printed {printed[k]}");
        }
    }
}

public class Nrlmsise00RandomPointTests
{
    public static TheoryData<int> Rows { get; } = new(Enumerable.Range(0, 200));

    /// <summary>The NRLMSISE-00 C distribution (gtd7) at 200 random points over every layer, both magnetic-activity modes:
    /// every output to 1e-10 relative (the two differ only in the order of floating-point operations).</summary>
    [Theory]
    [MemberData(nameof(Rows))]
    public void Nrlmsise00_CDistribution_RandomPoint(int row)
    {
        string line = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "Atmosphere", "nrlmsise00_c_random.txt"))
            .Where(l => !l.StartsWith('#')).ElementAt(row);
        double[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(28, f.Length);
        bool history = f[9] == -1;
        var input = new NrlmsiseInput((int)f[0], TimeSpan.FromSeconds(f[1]), f[2], f[3], f[4], TimeSpan.FromHours(f[5]), f[6], f[7], f[8],
            new NrlmsiseApHistory(f[10], f[11], f[12], f[13], f[14], f[15], f[16]));
        var o = new Nrlmsise00(history ? NrlmsiseSwitches.StandardWithApHistory : NrlmsiseSwitches.Standard).Evaluate(input);
        double[] computed =
        [
            o.HeliumPerM3 * 1e-6, o.OxygenPerM3 * 1e-6, o.NitrogenPerM3 * 1e-6, o.DioxygenPerM3 * 1e-6, o.ArgonPerM3 * 1e-6,
            o.MassDensityKgPerM3 / 1000.0, o.HydrogenPerM3 * 1e-6, o.AtomicNitrogenPerM3 * 1e-6, o.AnomalousOxygenPerM3 * 1e-6,
            o.ExosphericTemperatureK, o.TemperatureK,
        ];
        for (int k = 0; k < 11; k++)
        {
            double expected = f[17 + k];
            Assert.True(Math.Abs(computed[k] - expected) <= Math.Abs(expected) * 1e-10,
                $"row {row} (alt {f[2]} km), value {k}: computed {computed[k]:E12}, C {expected:E12}");
        }
    }
}
