namespace Steppe.Core.Frames;

/// <summary>The conventions a frame transformation follows (as Orekit's <c>IERSConventions</c>).</summary>
public enum FrameConventions
{
    /// <summary>
    /// IERS Conventions (2010), the default: GCRF ↔ CIRS ↔ TIRS ↔ ITRF with the IAU 2006/2000A precession–nutation (CIO
    /// based: X, Y, s), the Earth rotation angle, polar motion with s′ and the celestial pole offsets dX, dY of the Earth
    /// orientation table; MOD and TOD are the IAU 2006 mean and true equator and equinox of date consistent with that
    /// chain; PEF is TIRS; TEME is tied to PEF by GMST (IAU-1982) as SGP4 requires.
    /// </summary>
    Iers2010,

    /// <summary>
    /// The IAU-76/FK5 reduction as Vallado (2013, §3.7) gives it: IAU-1976 precession, IAU-1980 nutation with the dψ, dε
    /// corrections of the Earth orientation table, GAST of the IAU-1982 GMST, polar motion without s′. CIRS and TIRS do
    /// not exist in it.
    /// </summary>
    Iau1976Fk5,
}
