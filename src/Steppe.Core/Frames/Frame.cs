namespace Steppe.Core.Frames;

/// <summary>The reference frames Steppe works in.</summary>
public enum Frame
{
    /// <summary>True Equator, Mean Equinox: the quasi-inertial frame of SGP4 output.</summary>
    Teme,

    /// <summary>Pseudo-Earth-fixed: TEME rotated by Greenwich mean sidereal time, no polar motion.</summary>
    Pef,

    /// <summary>International Terrestrial Reference Frame (Earth-fixed, with polar motion).</summary>
    Itrf,

    /// <summary>True of date (IAU-1976/1980 precession–nutation).</summary>
    Tod,

    /// <summary>Mean of date (IAU-1976 precession).</summary>
    Mod,

    /// <summary>Geocentric Celestial Reference Frame (J2000 mean equator and equinox via IAU-76/FK5, with EOP corrections when given).</summary>
    Gcrf,

    /// <summary>Heliocentric, mean ecliptic and equinox of J2000.0 (the frame of the approximate planetary positions).</summary>
    HeliocentricEclipticJ2000,

    /// <summary>Heliocentric, axes of the ICRF (J2000 mean equator and equinox, to the tens of milliarcseconds that
    /// separate them).</summary>
    HeliocentricIcrf,
}
