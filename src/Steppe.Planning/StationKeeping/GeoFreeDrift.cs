using Steppe.Core.Frames;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Numerical;

namespace Steppe.Planning.StationKeeping;

/// <summary>The free drift of a geostationary satellite measured on a numerical propagation: the longitude acceleration
/// (a parabola fitted to the daily mean longitudes), the inclination-vector drift (a line fitted to the daily mean
/// inclination vectors) and the daily mean elements themselves.</summary>
/// <param name="LongitudeAccelerationDegPerDay2">λ̈ fitted over the first <c>longitudeFitDays</c>, deg/day² (positive: eastward).</param>
/// <param name="InclinationDriftXRadPerS">di_x/dt fitted over the whole span, rad/s.</param>
/// <param name="InclinationDriftYRadPerS">di_y/dt fitted over the whole span, rad/s.</param>
/// <param name="Daily">The daily mean elements.</param>
public sealed record GeoFreeDrift(double LongitudeAccelerationDegPerDay2, double InclinationDriftXRadPerS, double InclinationDriftYRadPerS, IReadOnlyList<GeoMeanElements> Daily)
{
    /// <summary>The magnitude of the inclination drift, degrees per year.</summary>
    public double InclinationDriftDegPerYear =>
        Math.Sqrt((InclinationDriftXRadPerS * InclinationDriftXRadPerS) + (InclinationDriftYRadPerS * InclinationDriftYRadPerS)) * 365.25 * 86400 * 180 / Math.PI;

    /// <summary>
    /// Propagates <paramref name="initial"/> without manoeuvres for <paramref name="days"/> days with
    /// <paramref name="propagator"/>, samples it every 30 minutes, and fits λ̈ to the daily mean longitudes of the first
    /// <paramref name="longitudeFitDays"/> days (whole lunar half-months average out the Moon's fortnightly term) and the
    /// inclination drift to all of them.
    /// </summary>
    public static GeoFreeDrift Measure(NumericalPropagator propagator, StateVector initial, Spacecraft spacecraft, double slotLongitudeRad,
        int days, int longitudeFitDays = 28, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(propagator);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 3);
        var end = initial.Epoch.AddDays(days);
        var trajectory = propagator.Propagate(initial, spacecraft, end, cancellationToken: cancellationToken);
        double gm = GeoMath.Gm(propagator);
        var daily = new List<GeoMeanElements>(days);
        var samples = new List<GeoOrbitView>(48);
        for (int d = 0; d < days; d++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            samples.Clear();
            for (int k = 0; k < 48; k++)
            {
                var t = initial.Epoch.AddDays(d + (k / 48.0));
                samples.Add(GeoOrbitView.Of(trajectory.StateAt(t), propagator.Environment, slotLongitudeRad, gm));
            }

            daily.Add(GeoMeanElements.Of(samples));
        }

        int fit = Math.Clamp(longitudeFitDays, 3, days);
        var t0 = daily[0].Time;
        var (_, _, c2) = GeoMath.FitQuadratic(daily.Take(fit).Select(e => e.Time.DaysSince(t0)).ToArray(), daily.Take(fit).Select(e => e.LongitudeOffsetDeg).ToArray());
        var times = daily.Select(e => e.Time.SecondsSince(t0)).ToArray();
        var (_, ix) = GeoMath.FitLine(times, daily.Select(e => e.IxRad).ToArray());
        var (_, iy) = GeoMath.FitLine(times, daily.Select(e => e.IyRad).ToArray());
        return new GeoFreeDrift(2 * c2, ix, iy, daily);
    }
}

/// <summary>Small fits and constants shared by the station-keeping code.</summary>
internal static class GeoMath
{
    public static double Gm(NumericalPropagator propagator) => propagator.Options.CentralGravitationalParameterKm3PerS2;

    /// <summary>Least-squares y = c0 + c1 x.</summary>
    public static (double C0, double C1) FitLine(double[] x, double[] y)
    {
        int n = x.Length;
        double mx = x.Average(), my = y.Average();
        double sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }

        double c1 = sxx > 0 ? sxy / sxx : 0;
        return (my - (c1 * mx), c1);
    }

    /// <summary>Least-squares y = c0 + c1 x + c2 x² (normal equations, Cramer's rule; x of order tens).</summary>
    public static (double C0, double C1, double C2) FitQuadratic(double[] x, double[] y)
    {
        double s0 = x.Length, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i], x2 = xi * xi;
            s1 += xi;
            s2 += x2;
            s3 += x2 * xi;
            s4 += x2 * x2;
            t0 += y[i];
            t1 += y[i] * xi;
            t2 += y[i] * x2;
        }

        double det = Det(s0, s1, s2, s1, s2, s3, s2, s3, s4);
        double c0 = Det(t0, s1, s2, t1, s2, s3, t2, s3, s4) / det;
        double c1 = Det(s0, t0, s2, s1, t1, s3, s2, t2, s4) / det;
        double c2 = Det(s0, s1, t0, s1, s2, t1, s2, s3, t2) / det;
        return (c0, c1, c2);
    }

    private static double Det(double a, double b, double c, double d, double e, double f, double g, double h, double i) =>
        (a * ((e * i) - (f * h))) - (b * ((d * i) - (f * g))) + (c * ((d * h) - (e * g)));
}
