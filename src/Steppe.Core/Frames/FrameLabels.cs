namespace Steppe.Core.Frames;

/// <summary>
/// What each frame Steppe computes actually is, in words for captions, file comments and API descriptions: the
/// realisation and the conventions used, so no output claims more than was applied (one source for the CLI, the
/// server and the writers).
/// </summary>
public static class FrameLabels
{
    /// <summary>The ITRF realisation Steppe's Earth-fixed states are in: the one the IERS Earth orientation series it
    /// reads are aligned with (IERS finals2000A and EOP 20 C04 are aligned with ITRF2020).</summary>
    public const string ItrfRealisation = "ITRF2020";

    /// <summary>Where the Earth orientation comes from, and that it applies only where the table has data.</summary>
    public const string EarthOrientationSource =
        "UT1-UTC, polar motion and the celestial pole offsets dX, dY from the IERS Earth orientation table, where it has data";

    /// <summary>A one-line description of <paramref name="frame"/> as Steppe computes it under
    /// <paramref name="conventions"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An unknown frame.</exception>
    public static string Describe(Frame frame, FrameConventions conventions = FrameConventions.Iers2010)
    {
        bool fk5 = conventions == FrameConventions.Iau1976Fk5;
        return frame switch
        {
            Frame.Teme => "TEME (true equator, mean equinox: SGP4's frame, tied to the Earth by GMST-82)",
            Frame.Gcrf => fk5
                ? "GCRF via IAU-76/FK5 (IAU-1976 precession, IAU-1980 nutation with dpsi, deps where the table has them)"
                : "GCRF (IERS 2010 conventions: IAU 2006/2000A precession-nutation, CIO based, with dX, dY)",
            Frame.Itrf => fk5
                ? $"{ItrfRealisation} (Earth-fixed; IAU-76/FK5: GAST of GMST-82 and UT1, polar motion)"
                : $"{ItrfRealisation} (Earth-fixed; IERS 2010 conventions: Earth rotation angle of UT1, polar motion with s')",
            Frame.Tod => fk5 ? "TOD (true equator and equinox of date, IAU-1976/1980)" : "TOD (true equator and equinox of date, IAU 2006/2000A)",
            Frame.Mod => fk5 ? "MOD (mean equator and equinox of date, IAU-1976)" : "MOD (mean equator and equinox of date, IAU 2006 with the frame bias)",
            Frame.Pef => "PEF (pseudo-Earth-fixed: no polar motion)",
            Frame.Cirs => "CIRS (celestial intermediate reference system, IERS 2010)",
            Frame.Tirs => "TIRS (terrestrial intermediate reference system, IERS 2010)",
            Frame.HeliocentricEclipticJ2000 => "heliocentric, mean ecliptic and equinox of J2000.0",
            Frame.HeliocentricIcrf => "heliocentric, ICRF axes",
            _ => throw new ArgumentOutOfRangeException(nameof(frame), frame, "Unknown frame."),
        };
    }
}
