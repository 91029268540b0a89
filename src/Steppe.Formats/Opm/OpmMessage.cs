using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Formats.Opm;

/// <summary>
/// A CCSDS Orbit Parameter Message (502.0-B-3): one state at an epoch with, optionally, its osculating Keplerian
/// elements, the spacecraft's parameters, a 6×6 covariance and planned maneuvers — the standard way to hand a
/// propagator its initial conditions. Dates are instants; the time system they were written in is
/// <see cref="OpmMetadata.TimeSystem"/>.
/// </summary>
public sealed record OpmMessage
{
    /// <summary>The format version ("2.0" or "3.0").</summary>
    public string Version { get; init; } = "3.0";

    /// <summary>Header comments.</summary>
    public IReadOnlyList<string> HeaderComments { get; init; } = [];

    /// <summary>User-defined classification (version 3.0).</summary>
    public string? Classification { get; init; }

    /// <summary>When the message was made.</summary>
    public required Instant CreationDate { get; init; }

    /// <summary>Who made it.</summary>
    public required string Originator { get; init; }

    /// <summary>The message's identifier (version 3.0).</summary>
    public string? MessageId { get; init; }

    /// <summary>The metadata.</summary>
    public required OpmMetadata Metadata { get; init; }

    /// <summary>The state vector.</summary>
    public required OpmStateVector State { get; init; }

    /// <summary>The osculating Keplerian elements, if given.</summary>
    public OpmKeplerianElements? Keplerian { get; init; }

    /// <summary>The spacecraft parameters, if given.</summary>
    public OpmSpacecraftParameters? Spacecraft { get; init; }

    /// <summary>The covariance, if given.</summary>
    public OpmCovariance? Covariance { get; init; }

    /// <summary>Planned maneuvers, in the order given.</summary>
    public IReadOnlyList<OpmManeuver> Maneuvers { get; init; } = [];

    /// <summary>User-defined parameters (the keyword without its <c>USER_DEFINED_</c> prefix → value).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UserDefined { get; init; } = [];
}

/// <summary>The metadata of an OPM.</summary>
/// <param name="ObjectName">The spacecraft's name.</param>
/// <param name="ObjectId">Its identifier (the international designator is recommended).</param>
/// <param name="CenterName">The origin of the frame (e.g. EARTH).</param>
/// <param name="RefFrame">The frame of the state and the elements (e.g. GCRF, EME2000, ITRF2000, TOD).</param>
/// <param name="TimeSystem">The time scale of every date (UTC, TAI, TT, GPS, TDB).</param>
/// <param name="RefFrameEpoch">The epoch of a frame that needs one, as written.</param>
public sealed record OpmMetadata(string ObjectName, string ObjectId, string CenterName, string RefFrame, string TimeSystem, string? RefFrameEpoch = null)
{
    /// <summary>Comments.</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];
}

/// <summary>The state vector of an OPM.</summary>
/// <param name="Epoch">The epoch.</param>
/// <param name="PositionKm">Position, km.</param>
/// <param name="VelocityKmPerS">Velocity, km/s.</param>
public sealed record OpmStateVector(Instant Epoch, Vector3D PositionKm, Vector3D VelocityKmPerS)
{
    /// <summary>Comments.</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];
}

/// <summary>Osculating Keplerian elements (exactly one of the anomalies is given).</summary>
/// <param name="SemiMajorAxisKm">a, km.</param>
/// <param name="Eccentricity">e.</param>
/// <param name="InclinationDegrees">i, degrees.</param>
/// <param name="RaOfAscNodeDegrees">Ω, degrees.</param>
/// <param name="ArgOfPericenterDegrees">ω, degrees.</param>
/// <param name="TrueAnomalyDegrees">ν, degrees, or null.</param>
/// <param name="MeanAnomalyDegrees">M, degrees, or null.</param>
/// <param name="GmKm3PerS2">GM used, km³/s².</param>
public sealed record OpmKeplerianElements(double SemiMajorAxisKm, double Eccentricity, double InclinationDegrees, double RaOfAscNodeDegrees, double ArgOfPericenterDegrees, double? TrueAnomalyDegrees, double? MeanAnomalyDegrees, double GmKm3PerS2)
{
    /// <summary>Comments.</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];
}

/// <summary>Spacecraft parameters (each optional in the message).</summary>
/// <param name="MassKg">Mass, kg.</param>
/// <param name="SolarRadAreaM2">Area for solar radiation pressure, m².</param>
/// <param name="SolarRadCoeff">C_R.</param>
/// <param name="DragAreaM2">Drag area, m².</param>
/// <param name="DragCoeff">C_D.</param>
public sealed record OpmSpacecraftParameters(double? MassKg, double? SolarRadAreaM2, double? SolarRadCoeff, double? DragAreaM2, double? DragCoeff)
{
    /// <summary>Comments.</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];
}

/// <summary>A 6×6 position–velocity covariance (km², km²/s, km²/s²), kept as the 21 values of its lower triangle in the
/// order of <see cref="OpmKeywords.Covariance"/>.</summary>
/// <param name="RefFrame">The covariance's frame (null: the metadata's).</param>
/// <param name="LowerTriangle">The 21 values.</param>
public sealed record OpmCovariance(string? RefFrame, IReadOnlyList<double> LowerTriangle)
{
    /// <summary>Comments.</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];

    /// <summary>Element (row, column) of the symmetric matrix, 0-based.</summary>
    public double this[int row, int column]
    {
        get
        {
            int r = Math.Max(row, column), c = Math.Min(row, column);
            return LowerTriangle[(r * (r + 1) / 2) + c];
        }
    }
}

/// <summary>A planned maneuver.</summary>
/// <param name="EpochIgnition">Ignition.</param>
/// <param name="Duration">Burn duration (zero: impulsive).</param>
/// <param name="DeltaMassKg">Mass change, kg (zero or negative).</param>
/// <param name="RefFrame">The Δv's frame (e.g. RTN, TNW, EME2000).</param>
/// <param name="DeltaVKmPerS">Δv components, km/s.</param>
public sealed record OpmManeuver(Instant EpochIgnition, TimeSpan Duration, double DeltaMassKg, string RefFrame, Vector3D DeltaVKmPerS)
{
    /// <summary>Comments.</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];
}
