using System.Globalization;
using Steppe.Planning.LaunchWindows;

namespace Steppe.Cli.Output;

/// <summary>The columns of a launch opportunity, shared by <c>steppe launch-window</c> and <c>steppe rendezvous</c>.</summary>
internal static class LaunchColumns
{
    /// <summary>The columns every launch-opportunity row starts with (shared with <c>rendezvous</c>).</summary>
    public static IReadOnlyList<Column> Columns { get; } =
    [
        new("direction", "pass"),
        new("liftoff_utc", "lift-off (UTC)"),
        new("window_open_utc", "window opens (UTC)"),
        new("window_close_utc", "window closes (UTC)"),
        new("inertial_azimuth_deg", "inertial az (°)", "0.00"),
        new("earth_relative_azimuth_deg", "Earth-rel. az (°)", "0.00"),
        new("insertion_utc", "insertion (UTC)"),
        new("insertion_lat_deg", "ins. lat (°)", "0.00"),
        new("insertion_lon_deg", "ins. lon (°E)", "0.00"),
        new("target_raan_deg", "target node (°)", "0.000"),
        new("range_safety", "range"),
        new("corridor", "corridor / reason"),
    ];

    /// <summary>The cells of one opportunity, in the order of <see cref="Columns"/>.</summary>
    public static object?[] Cells(LaunchOpportunity o) =>
    [
        o.Direction == LaunchDirection.Ascending ? "northbound" : "southbound",
        o.LiftOff,
        o.WindowOpen,
        o.WindowClose,
        o.InertialAzimuth.Degrees,
        o.EarthRelativeAzimuth.Degrees,
        o.Insertion,
        o.InsertionPoint.Latitude.Degrees,
        o.InsertionPoint.Longitude.Degrees,
        o.TargetRaan.Degrees,
        o.Safety.ToName(),
        o.Corridor?.Name ?? o.RejectionReason,
    ];

    /// <summary>The table caption: site, target plane, ascent, window and corridors.</summary>
    public static string Caption(LaunchSite site, TargetPlane plane, LaunchWindowOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"Site {site.Name} ({site.Location.Latitude.Degrees:0.####}°, {site.Location.Longitude.Degrees:0.####}°E); target {plane.Name}, node rate {plane.NodeRateDegPerDay:0.000}°/day. "
        + $"Lift-off: the pad in the target plane (TEME) at insertion, ascent {options.Ascent.Duration.TotalMinutes:0.##} min. "
        + $"Azimuths in degrees clockwise from north; Earth-relative = the heading flown over the ground. "
        + $"Window: plane change up to {options.MaxPlaneChange.Degrees:0.###}°. ")
        + (site.Corridors.Count == 0
            ? "No azimuth corridors are known for this site."
            : "Corridors: " + string.Join("; ", site.Corridors.Select(c => $"{c.Name} {c.Range}")) + ".");
}
