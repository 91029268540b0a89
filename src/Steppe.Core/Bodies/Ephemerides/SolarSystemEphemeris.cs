using System.Globalization;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Bodies.Ephemerides;

/// <summary>
/// A solar-system ephemeris: the position and velocity of one body relative to another at an instant (TDB taken from
/// it), km and km/s, with ICRF axes (which are the GCRF's). Implementations: <see cref="JplChebyshevEphemeris"/> (JPL's
/// ASCII and binary exports and the bundled compact DE405), <see cref="SpkEphemeris"/> (NAIF SPK kernels), and the
/// labelled fallback <see cref="AnalyticSolarSystemEphemeris"/> (the low-precision series).
/// </summary>
public abstract class SolarSystemEphemeris
{
    /// <summary>What the ephemeris is, for output ("JPL DE405", "analytic series (fallback)").</summary>
    public abstract string Name { get; }

    /// <summary>Whether this is the low-precision analytic fallback rather than a numerically integrated ephemeris.</summary>
    public virtual bool IsAnalyticFallback => false;

    /// <summary>The first instant covered.</summary>
    public abstract Instant Start { get; }

    /// <summary>The last instant covered.</summary>
    public abstract Instant End { get; }

    /// <summary>The state of <paramref name="target"/> relative to <paramref name="center"/> at <paramref name="at"/>.</summary>
    /// <exception cref="EphemerisSpanException">The instant lies outside the ephemeris's span.</exception>
    public BodyState State(SolarSystemBody target, SolarSystemBody center, Instant at) => StateAtTdb(target, center, at.Tdb);

    /// <summary>The state of <paramref name="target"/> relative to <paramref name="center"/> at a TDB Julian date.</summary>
    /// <exception cref="EphemerisSpanException">The date lies outside the ephemeris's span.</exception>
    public abstract BodyState StateAtTdb(SolarSystemBody target, SolarSystemBody center, JulianDate tdb);

    /// <summary>The position of <paramref name="target"/> relative to <paramref name="center"/>, km (ICRF axes).</summary>
    /// <exception cref="EphemerisSpanException">The instant lies outside the ephemeris's span.</exception>
    public Vector3D PositionKm(SolarSystemBody target, SolarSystemBody center, Instant at) => State(target, center, at).PositionKm;

    /// <summary>The Sun seen from the Earth's centre, km, GCRF axes.</summary>
    /// <exception cref="EphemerisSpanException">The instant lies outside the ephemeris's span.</exception>
    public Vector3D SunGcrfKm(Instant at) => PositionKm(SolarSystemBody.Sun, SolarSystemBody.Earth, at);

    /// <summary>The Moon seen from the Earth's centre, km, GCRF axes.</summary>
    /// <exception cref="EphemerisSpanException">The instant lies outside the ephemeris's span.</exception>
    public Vector3D MoonGcrfKm(Instant at) => PositionKm(SolarSystemBody.Moon, SolarSystemBody.Earth, at);

    /// <summary>Whether <paramref name="at"/> lies inside the span.</summary>
    public bool Covers(Instant at) => at >= Start && at <= End;

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Renders a TDB Julian date as a calendar date for messages (proleptic Gregorian).</summary>
    internal static string TdbText(double jd)
    {
        var date = new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Unspecified).AddDays(Math.Clamp(jd - JulianDate.J2000, -730000.0, 2900000.0));
        return date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + " TDB";
    }
}

/// <summary>A date outside the span an ephemeris covers (a misuse: the caller asked for a date the data do not hold).</summary>
public sealed class EphemerisSpanException : ArgumentOutOfRangeException
{
    /// <summary>Creates the exception for <paramref name="requestedTdbJd"/> outside [<paramref name="startTdbJd"/>, <paramref name="endTdbJd"/>].</summary>
    public EphemerisSpanException(string ephemeris, double startTdbJd, double endTdbJd, double requestedTdbJd)
        : base("at", string.Create(CultureInfo.InvariantCulture,
            $"{ephemeris} covers {SolarSystemEphemeris.TdbText(startTdbJd)} to {SolarSystemEphemeris.TdbText(endTdbJd)} (JD {startTdbJd:0.0##} to {endTdbJd:0.0##}); {SolarSystemEphemeris.TdbText(requestedTdbJd)} is outside it."))
    {
        Ephemeris = ephemeris;
        StartTdbJulianDate = startTdbJd;
        EndTdbJulianDate = endTdbJd;
        RequestedTdbJulianDate = requestedTdbJd;
    }

    /// <summary>The ephemeris's name.</summary>
    public string Ephemeris { get; }

    /// <summary>The first TDB Julian date covered.</summary>
    public double StartTdbJulianDate { get; }

    /// <summary>The last TDB Julian date covered.</summary>
    public double EndTdbJulianDate { get; }

    /// <summary>The TDB Julian date asked for.</summary>
    public double RequestedTdbJulianDate { get; }
}
