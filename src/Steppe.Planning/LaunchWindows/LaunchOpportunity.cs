using Steppe.Core.Geodesy;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Planning.LaunchWindows;

/// <summary>On which pass of the target plane over the site a launch goes.</summary>
public enum LaunchDirection
{
    /// <summary>The site is on the northbound half of the orbit: a north-easterly launch for a prograde orbit (the
    /// "ascending" or northeast opportunity).</summary>
    Ascending,

    /// <summary>The site is on the southbound half: a south-easterly launch for a prograde orbit (the "descending" or
    /// southeast opportunity).</summary>
    Descending,
}

/// <summary>What the range-safety check says about an opportunity.</summary>
public enum RangeSafetyStatus
{
    /// <summary>The Earth-relative azimuth lies in one of the site's corridors.</summary>
    Accepted,

    /// <summary>The azimuth lies outside every corridor of the site.</summary>
    Rejected,

    /// <summary>The site has no corridor data, so the azimuth was not checked.</summary>
    NoCorridorData,
}

/// <summary>The names the CLI and the API give a range-safety verdict.</summary>
public static class RangeSafetyStatusNames
{
    /// <summary><c>accepted</c>, <c>rejected</c> or <c>no-corridor-data</c>.</summary>
    public static string ToName(this RangeSafetyStatus status) => status switch
    {
        RangeSafetyStatus.Accepted => "accepted",
        RangeSafetyStatus.Rejected => "rejected",
        _ => "no-corridor-data",
    };
}

/// <summary>
/// One instant at which the site passes through the target plane, with the launch azimuths, the window that an allowed
/// plane change opens around it, the insertion point and the range-safety verdict. Rejected opportunities are kept (with
/// the reason), never dropped.
/// </summary>
/// <param name="Direction">Northbound (ascending) or southbound (descending) pass.</param>
/// <param name="LiftOff">The in-plane lift-off instant: the pad lies in the plane the target will have at insertion.</param>
/// <param name="WindowOpen">Earliest lift-off with a plane change within the allowed angle (equals
/// <paramref name="LiftOff"/> when none is allowed).</param>
/// <param name="WindowClose">Latest such lift-off.</param>
/// <param name="InertialAzimuth">Azimuth of the inertial velocity at insertion, seen from the pad (clockwise from
/// north).</param>
/// <param name="EarthRelativeAzimuth">Azimuth of the velocity relative to the rotating Earth: the heading the vehicle
/// flies over the ground, checked against the corridors.</param>
/// <param name="Insertion">Orbit-insertion instant (lift-off plus the ascent duration).</param>
/// <param name="InsertionPoint">Geodetic position of the insertion point (WGS-84, at the insertion altitude).</param>
/// <param name="InsertionArgumentOfLatitude">Angle from the target's ascending node to the insertion point along the
/// plane.</param>
/// <param name="TargetRaan">The target's node at insertion (TEME).</param>
/// <param name="TargetInclination">The target's inclination at insertion.</param>
/// <param name="Safety">Range-safety verdict.</param>
/// <param name="Corridor">The corridor the azimuth lies in, or null.</param>
/// <param name="RejectionReason">Why the opportunity is rejected, or null.</param>
public sealed record LaunchOpportunity(
    LaunchDirection Direction,
    Instant LiftOff,
    Instant WindowOpen,
    Instant WindowClose,
    Angle InertialAzimuth,
    Angle EarthRelativeAzimuth,
    Instant Insertion,
    GeodeticPoint InsertionPoint,
    Angle InsertionArgumentOfLatitude,
    Angle TargetRaan,
    Angle TargetInclination,
    RangeSafetyStatus Safety,
    AzimuthCorridor? Corridor,
    string? RejectionReason)
{
    /// <summary>Length of the launch window (zero for an instantaneous window).</summary>
    public TimeSpan WindowWidth => WindowClose - WindowOpen;
}
