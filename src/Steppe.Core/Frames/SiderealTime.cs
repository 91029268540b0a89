using Steppe.Core.Time;

namespace Steppe.Core.Frames;

/// <summary>Earth rotation angles: Greenwich mean sidereal time (IAU-1982, the one SGP4 and TEME use) and the
/// Earth rotation angle (IAU-2000).</summary>
public static class SiderealTime
{
    private const double TwoPi = 2.0 * Math.PI;

    /// <summary>
    /// Greenwich mean sidereal time, IAU-1982 model (Aoki et al. 1982; Vallado, <i>Fundamentals of Astrodynamics
    /// and Applications</i>, 4th ed., eq. 3-47), in radians in [0, 2π), for a UT1 Julian date.
    /// </summary>
    public static double GmstIau82Radians(JulianDate ut1)
    {
        double t = ut1.CenturiesSinceJ2000;

        // Seconds of time; 876600 h × 3600 s/h accounts for the whole turns per Julian century.
        double seconds = (((-6.2e-6 * t) + 0.093104) * t * t) + (((876600.0 * 3600.0) + 8640184.812866) * t) + 67310.54841;
        double radians = (seconds * (Math.PI / 180.0) / 240.0) % TwoPi;
        return radians < 0 ? radians + TwoPi : radians;
    }

    /// <summary>Greenwich mean sidereal time (IAU-1982) at <paramref name="instant"/>, using UT1 from <paramref name="eop"/>.</summary>
    public static double GmstIau82Radians(Instant instant, EarthOrientationTable eop) => GmstIau82Radians(instant.Ut1From(eop));

    /// <summary>
    /// Earth rotation angle (IERS Conventions 2010, eq. 5.15), radians in [0, 2π), for a UT1 Julian date;
    /// computed from the two parts of the date so no precision is lost.
    /// </summary>
    public static double EarthRotationAngleRadians(JulianDate ut1)
    {
        double du = ut1.DaysSinceJ2000;
        double whole = Math.Floor(du);
        double frac = du - whole;

        // 2π(0.7790572732640 + 0.00273781191135448 Du + frac(Du)) avoids multiplying a large number by 1.0027….
        double turns = (0.7790572732640 + (0.00273781191135448 * du) + frac) % 1.0;
        if (turns < 0) turns += 1.0;
        return turns * TwoPi;
    }
}
