using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Xunit.Abstractions;

namespace Steppe.Core.Tests.Frames;

/// <summary>
/// The IAU 2006/2000A routines against the test values of the SOFA library (IAU SOFA Board, <c>t_sofa_c.c</c>, the same
/// values as ERFA's <c>t_erfa_c.c</c>, functions <c>t_xy06</c>, <c>t_s06</c>, <c>t_era00</c>, <c>t_sp00</c>,
/// <c>t_c2ixys</c>, <c>t_pom00</c>, <c>t_c2t06a</c>, <c>t_pnm06a</c>, <c>t_pmat06</c>, <c>t_pfw06</c>, <c>t_obl06</c>,
/// <c>t_gst06a</c>, <c>t_eo06a</c>, <c>t_fal03</c>, <c>t_fane03</c>), quoted in TestData/README.md. Where Steppe takes a
/// different but equivalent route (the true equinox from the CIP series rather than from the nutation series), the
/// tolerance says how far the two routes may differ.
/// </summary>
public class Iau2006ReductionTests(ITestOutputHelper output)
{
    private const double OneMicroarcsecond = Math.PI / (180.0 * 3600.0 * 1e6);

    /// <summary>TT Julian centuries since J2000.0 of the two-part date 2400000.5 + <paramref name="mjd"/>.</summary>
    private static double Centuries(double mjd) => ((2400000.5 - JulianDate.J2000) + mjd) / JulianDate.DaysPerJulianCentury;

    private static void AssertMatrix(double[,] expected, Matrix3x3 actual, double tolerance, string name)
    {
        double[,] a =
        {
            { actual.M11, actual.M12, actual.M13 },
            { actual.M21, actual.M22, actual.M23 },
            { actual.M31, actual.M32, actual.M33 },
        };
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double d = Math.Abs(a[i, j] - expected[i, j]);
                Assert.True(d <= tolerance, $"{name}[{i + 1}{j + 1}]: {a[i, j]:R} vs {expected[i, j]:R} (off by {d:E2})");
            }
        }
    }

    [Fact]
    public void Sofa_Xy06_TestValue()
    {
        var (x, y) = Iau2006Reduction.CipXy(Centuries(53736.0));
        output.WriteLine($"dX = {(x - 0.5791308486706010975e-3) / OneMicroarcsecond:F4} µas, dY = {(y - 0.4020579816732958141e-4) / OneMicroarcsecond:F4} µas");

        // SOFA's tolerances are 1e-15 and 1e-16 rad (0.2 and 0.02 µas).
        Assert.Equal(0.5791308486706010975e-3, x, 1e-15);
        Assert.Equal(0.4020579816732958141e-4, y, 1e-16);
    }

    [Fact]
    public void Sofa_S06_TestValue()
    {
        double s = Iau2006Reduction.CioLocatorRadians(Centuries(53736.0), 0.5791308486706011000e-3, 0.4020579816732961219e-4);
        Assert.Equal(-0.1220032213076463117e-7, s, 1e-18);
    }

    [Fact]
    public void Sofa_Xys_ConsistentWithXy06AndS06()
    {
        var (x, y, s) = Iau2006Reduction.CipXys(Centuries(53736.0));
        Assert.Equal(0.5791308486706010975e-3, x, 1e-15);
        Assert.Equal(Iau2006Reduction.CioLocatorRadians(Centuries(53736.0), x, y), s, 1e-20);
    }

    [Fact]
    public void Sofa_Era00_TestValue() =>
        Assert.Equal(0.4022837240028158102, SiderealTime.EarthRotationAngleRadians(new JulianDate(2400000.5, 54388.0)), 1e-12);

    [Fact]
    public void Sofa_Sp00_TestValue() =>
        Assert.Equal(-0.6216698469981019309e-11, Iau2006Reduction.TioLocatorRadians(Centuries(52541.0)), 1e-12);

    [Fact]
    public void Sofa_C2ixys_TestValue()
    {
        var m = Iau2006Reduction.GcrsToCirs(0.5791308486706011000e-3, 0.4020579816732961219e-4, -0.1220040848472271978e-7);
        AssertMatrix(
            new[,]
            {
                { 0.9999998323037157138, 0.5581984869168499149e-9, -0.5791308491611282180e-3 },
                { -0.2384261642670440317e-7, 0.9999999991917468964, -0.4020579110169668931e-4 },
                { 0.5791308486706011000e-3, 0.4020579816732961219e-4, 0.9999998314954627590 },
            },
            m,
            1e-12,
            "c2ixys");
    }

    [Fact]
    public void Sofa_Pom00_TestValue()
    {
        var m = Iau2006Reduction.TirsToItrs(2.55060238e-7, 1.860359247e-6, -0.1367174580728891460e-10);
        AssertMatrix(
            new[,]
            {
                { 0.9999999999999674721, -0.1367174580728846989e-10, 0.2550602379999972345e-6 },
                { 0.1414624947957029801e-10, 0.9999999999982695317, -0.1860359246998866389e-5 },
                { -0.2550602379741215021e-6, 0.1860359247002414021e-5, 0.9999999999982370039 },
            },
            m,
            1e-16,
            "pom00");
    }

    [Fact]
    public void Sofa_Pfw06_And_Obl06_TestValues()
    {
        var (gamb, phib, psib, epsa) = Iau2006Reduction.FukushimaWilliamsAnglesRadians(Centuries(50123.9999));
        Assert.Equal(-0.2243387670997995690e-5, gamb, 1e-16);
        Assert.Equal(0.4091014602391312808, phib, 1e-12);
        Assert.Equal(-0.9501954178013031895e-3, psib, 1e-14);
        Assert.Equal(0.4091014316587367491, epsa, 1e-12);
        Assert.Equal(0.4090749229387258204, Iau2006Reduction.MeanObliquityRadians(Centuries(54388.0)), 1e-14);
    }

    [Fact]
    public void Sofa_Pmat06_TestValue_IsGcrsToMod()
    {
        AssertMatrix(
            new[,]
            {
                { 0.9999995505176007047, 0.8695404617348208406e-3, 0.3779735201865589104e-3 },
                { -0.8695404723772031414e-3, 0.9999996219496027161, -0.1361752497080270143e-6 },
                { -0.3779734957034089490e-3, -0.1924880847894457113e-6, 0.9999999285679971958 },
            },
            Iau2006Reduction.GcrsToMod(Centuries(50123.9999)),
            1e-14,
            "pmat06");
    }

    [Fact]
    public void Sofa_Pnm06a_TestValue_IsGcrsToTod()
    {
        // SOFA builds the true equinox from the IAU 2000A nutation series; Steppe from the CIP series X, Y of the same
        // theory. The IERS gives the two as consistent to about a microarcsecond; SOFA's own tolerance is 1e-14.
        double t = Centuries(50123.9999);
        var (x, y) = Iau2006Reduction.CipXy(t);
        AssertMatrix(
            new[,]
            {
                { 0.9999995832794205484, 0.8372382772630962111e-3, 0.3639684771140623099e-3 },
                { -0.8372533744743683605e-3, 0.9999996486492861646, 0.4132905944611019498e-4 },
                { -0.3639337469629464969e-3, -0.4163377605910663999e-4, 0.9999999329094260057 },
            },
            Iau2006Reduction.GcrsToTod(t, x, y),
            2 * OneMicroarcsecond,
            "pnm06a");
    }

    [Fact]
    public void Sofa_Eo06a_TestValue()
    {
        double t = Centuries(53736.0);
        var (x, y, s) = Iau2006Reduction.CipXys(t);
        double eo = Iau2006Reduction.EquationOfOriginsRadians(Iau2006Reduction.GcrsToTod(t, x, y), s);
        output.WriteLine($"EO − eo06a = {(eo - -0.1332882371941833644e-2) / OneMicroarcsecond:F3} µas");
        Assert.Equal(-0.1332882371941833644e-2, eo, 2 * OneMicroarcsecond);
    }

    /// <summary>A TT instant and UT1 − UTC (s) such that UT1 equals TT numerically, as the SOFA tests that pass the same
    /// two-part date for both.</summary>
    private static (Instant Instant, double Ut1MinusUtcSeconds) SameTtAndUt1(double mjd)
    {
        var instant = Instant.FromTt(new JulianDate(2400000.5, mjd));
        return (instant, instant.TaiMinusUtcSeconds() + Instant.TtMinusTaiSeconds);
    }

    private static readonly double ArcsecPerRad = 180.0 * 3600.0 / Math.PI;

    [Fact]
    public void Sofa_Gst06a_TestValue_IsTheTodToTirsAngle()
    {
        var (instant, dut1) = SameTtAndUt1(53736.0);
        var values = default(EarthOrientationTable.Values) with { Ut1MinusUtcSeconds = dut1 };
        var m = FrameTransforms.Rotation(Frame.Tod, Frame.Tirs, instant, values).Matrix;

        // r_TIRS = ROT3(GAST) r_TOD.
        double gast = Math.Atan2(m.M12, m.M11);
        if (gast < 0) gast += 2 * Math.PI;
        output.WriteLine($"GAST − gst06a = {(gast - 1.754166137675019159) / OneMicroarcsecond:F3} µas");
        Assert.Equal(1.754166137675019159, gast, 2 * OneMicroarcsecond);
        Assert.True(Math.Abs(m.M33 - 1) < 1e-15 && Math.Abs(m.M13) < 1e-15 && Math.Abs(m.M31) < 1e-15, "TOD and TIRS share the CIP as z axis");
    }

    [Fact]
    public void Sofa_C2t06a_TestValue_IsGcrfToItrf()
    {
        var (instant, dut1) = SameTtAndUt1(53736.0);
        var values = default(EarthOrientationTable.Values) with { PolarXArcsec = 2.55060238e-7 * ArcsecPerRad, PolarYArcsec = 1.860359247e-6 * ArcsecPerRad, Ut1MinusUtcSeconds = dut1 };
        var m = FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, instant, values).Matrix;

        // c2t06a takes X, Y from the nutation matrix (c2i06a), Steppe from the series (as xy06): SOFA's own test values
        // of the two routes differ by 2.8e-12 rad (0.6 µas) in Y (c2i06a[3][2] 0.4020580099454020310e-4, xy06 y
        // 0.4020579816732958141e-4), so the tolerance is 1 µas rather than SOFA's 1e-12.
        AssertMatrix(
            new[,]
            {
                { -0.1810332128305897282, 0.9834769806938592296, 0.6555550962998436505e-4 },
                { -0.9834768134136214897, -0.1810332203649130832, 0.5749800844905594110e-3 },
                { 0.5773474024748545878e-3, 0.3961816829632690581e-4, 0.9999998325501747785 },
            },
            m,
            OneMicroarcsecond,
            "c2t06a");
    }

    [Fact]
    public void Sofa_Fal03_Fane03_FundamentalArguments()
    {
        Span<double> fa = stackalloc double[CipSeries.ArgumentCount];
        CipSeries.FundamentalArguments(0.80, fa);
        Assert.Equal(5.132369751108684150, fa[0], 1e-12);
        Assert.Equal(2.079343830860413523, fa[12], 1e-12);
    }

    [Fact]
    public void InterpolatedSeries_AgreeWithTheSeries_ToAPicoradian()
    {
        // The frame chain interpolates X, Y, s + XY/2 between 3-hourly nodes; 1e-12 rad is 7 µm at LEO.
        var series = CipSeries.Instance;
        var random = new Random(11);
        double worst = 0;
        for (int i = 0; i < 400; i++)
        {
            double t = ((random.NextDouble() * 2) - 1) * 0.6;
            var a = series.Evaluate(t);
            var b = series.EvaluateInterpolated(t);
            worst = Math.Max(worst, Math.Max(Math.Abs(a.X - b.X), Math.Max(Math.Abs(a.Y - b.Y), Math.Abs(a.SPlusXyHalf - b.SPlusXyHalf))));
        }

        output.WriteLine($"worst: {worst:E2} rad");
        Assert.True(worst < 1e-12, $"{worst:E2} rad");

        // At a node the interpolation is the series itself.
        double node = 4000 * CipSeries.NodeSpacingDays / JulianDate.DaysPerJulianCentury;
        Assert.Equal(series.Evaluate(node).X, series.EvaluateInterpolated(node).X, 1e-18);
    }

    [Fact]
    public void Tables_HoldTheTermCountsTheyAnnounce()
    {
        var series = CipSeries.Instance;
        Assert.Equal((1306 + 253 + 36 + 4 + 1, 962 + 277 + 30 + 5 + 1, 33 + 3 + 25 + 4 + 1), series.TermCounts);
        output.WriteLine($"{series.DistinctArguments} distinct arguments");
        Assert.InRange(series.DistinctArguments, 1306, 2200);
    }

    [Fact]
    public void Table_WithAMissingTerm_IsRefused()
    {
        const string text = "Polynomial part (unit microarcsecond)\n\n 1. + 2. t\n\nj = 0  Number of terms = 2\n\n    1  1.0  2.0  0 0 0 0 1 0 0 0 0 0 0 0 0 0\n";
        var e = Assert.Throws<FormatException>(() => CipSeries.ParseTable(text, "bad.txt"));
        Assert.Contains("j = 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Polynomial_IsReadFromTheTableHeader()
    {
        var p = CipSeries.ParsePolynomial(" - 16617. + 2004191898. t - 429782.9 t^2 - 198618.34 t^3 + 7.578 t^4 + 5.9285 t^5", "tab5.2a.txt", 14);
        Assert.Equal([-16617.0, 2004191898.0, -429782.9, -198618.34, 7.578, 5.9285], p);
    }
}
