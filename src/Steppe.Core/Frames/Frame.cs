namespace Steppe.Core.Frames;

/// <summary>The reference frames Steppe works in.</summary>
public enum Frame
{
    /// <summary>True Equator, Mean Equinox: the quasi-inertial frame of SGP4 output.</summary>
    Teme,

    /// <summary>Pseudo-Earth-fixed: TEME rotated by Greenwich mean sidereal time, no polar motion (under the IERS 2010
    /// conventions the same axes as <see cref="Tirs"/>).</summary>
    Pef,

    /// <summary>International Terrestrial Reference Frame (Earth-fixed, with polar motion): the realisation of the Earth
    /// orientation data used (IERS finals2000A and EOP 20 C04 are aligned with ITRF2020).</summary>
    Itrf,

    /// <summary>True equator and equinox of date (IAU 2006/2000A, or IAU-1976/1980 under the FK5 conventions).</summary>
    Tod,

    /// <summary>Mean equator and equinox of date (IAU 2006 precession with the frame bias, or IAU-1976 under the FK5
    /// conventions).</summary>
    Mod,

    /// <summary>Geocentric Celestial Reference Frame: by default from the ITRF through the IAU 2006/2000A CIO-based chain
    /// with the celestial pole offsets dX, dY (IERS Conventions 2010); under <see cref="FrameConventions.Iau1976Fk5"/>
    /// J2000 through IAU-76/FK5 with the dψ, dε corrections when the table has them.</summary>
    Gcrf,

    /// <summary>Heliocentric, mean ecliptic and equinox of J2000.0 (the frame of the approximate planetary positions).</summary>
    HeliocentricEclipticJ2000,

    /// <summary>Heliocentric, axes of the ICRF (J2000 mean equator and equinox, to the tens of milliarcseconds that
    /// separate them).</summary>
    HeliocentricIcrf,

    /// <summary>Celestial Intermediate Reference System: CIP equator, origin at the CIO (IERS Conventions 2010).</summary>
    Cirs,

    /// <summary>Terrestrial Intermediate Reference System: CIP equator, origin at the TIO; CIRS rotated by the Earth
    /// rotation angle, the ITRF without polar motion (IERS Conventions 2010).</summary>
    Tirs,
}
