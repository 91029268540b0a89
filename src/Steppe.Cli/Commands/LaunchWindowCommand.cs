using System.CommandLine;
using System.Globalization;
using Steppe.Cli.Output;
using Steppe.Planning.LaunchWindows;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe launch-window</c>: in-plane launch opportunities from a site into a target plane, with the range
/// check.</summary>
internal static class LaunchWindowCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new LaunchPlanningInputs(requireElements: false, context.Time);
        var format = CommonOptions.Format();
        var command = new Command("launch-window", "Launch windows into a target plane: the instants the site passes through it, azimuths, window widths and the range-safety check.");
        foreach (var option in inputs.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var (site, plane, from, to, options) = inputs.Read(parse, context);
            IReadOnlyList<LaunchOpportunity> ops;
            try
            {
                context.WarnAboutData(from, to);
                ops = LaunchWindowSearch.Find(site, plane, from, to, context.Tables.EarthOrientation, options);
            }
            catch (LaunchWindowException e)
            {
                throw LaunchPlanningInputs.ToCli(e);
            }

            var table = new ResultTable(Columns, Caption(site, plane, options));
            foreach (var o in ops)
            {
                table.Add(Cells(o));
            }

            table.Write(parse.GetValue(format), context);
            return ExitCodes.Ok;
        });
        return command;
    }

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
        o.Safety switch
        {
            RangeSafetyStatus.Accepted => "accepted",
            RangeSafetyStatus.Rejected => "rejected",
            _ => "no corridor data",
        },
        o.Corridor?.Name ?? o.RejectionReason,
    ];

    public static string Caption(LaunchSite site, TargetPlane plane, LaunchWindowOptions options) => string.Create(CultureInfo.InvariantCulture,
        $"Site {site.Name} ({site.Location.Latitude.Degrees:0.####}°, {site.Location.Longitude.Degrees:0.####}°E); target {plane.Name}, node rate {plane.NodeRateDegPerDay:0.000}°/day. "
        + $"Lift-off: the pad in the target plane (TEME) at insertion, ascent {options.Ascent.Duration.TotalMinutes:0.##} min. "
        + $"Azimuths in degrees clockwise from north; Earth-relative = the heading flown over the ground. "
        + $"Window: plane change up to {options.MaxPlaneChange.Degrees:0.###}°. ")
        + (site.Corridors.Count == 0
            ? "No azimuth corridors are known for this site."
            : "Corridors: " + string.Join("; ", site.Corridors.Select(c => $"{c.Name} {c.Range}")) + ".");
}
