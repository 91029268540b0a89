using System.CommandLine;
using Steppe.Cli.Output;
using Steppe.Planning.LaunchWindows;
using Steppe.Planning.Rendezvous;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe rendezvous</c>: launch opportunities with the phase angle at insertion and the rendezvous scheme
/// that fits.</summary>
internal static class RendezvousCommand
{
    public static Command Create(CliContext context)
    {
        var inputs = new LaunchPlanningInputs(requireElements: true, context.Time);
        var format = CommonOptions.Format();
        var acceptedOnly = new Option<bool>("--accepted-only") { Description = "Leave out the opportunities the range rejects." };
        var command = new Command("rendezvous", "Rendezvous phasing at each launch opportunity: phase angle of the target at insertion, the scheme that fits (2-orbit, 4-orbit, 2-day) and the expected docking time.");
        foreach (var option in inputs.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(acceptedOnly);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var (site, plane, from, to, options) = inputs.Read(parse, context);
            IReadOnlyList<RendezvousOpportunity> assessed;
            try
            {
                context.WarnAboutData(from, to);
                var ops = LaunchWindowSearch.Find(site, plane, from, to, context.Tables.EarthOrientation, options);
                if (parse.GetValue(acceptedOnly))
                {
                    ops = ops.Where(o => o.Safety != RangeSafetyStatus.Rejected).ToList();
                }

                assessed = RendezvousPlanner.Assess(ops, plane);
            }
            catch (LaunchWindowException e)
            {
                throw LaunchPlanningInputs.ToCli(e);
            }

            var columns = LaunchColumns.Columns.Concat(
            [
                new Column("phase_angle_deg", "phase (°)", "0.00"),
                new Column("profile", "scheme"),
                new Column("docking_utc", "docking (UTC)"),
                new Column("target_altitude_km", "target alt (km)", "0.0"),
            ]).ToList();
            var caption = LaunchColumns.Caption(site, plane, options)
                + " Phase: the target's angle ahead of the insertion point along the orbit. Schemes (phase ranges): "
                + string.Join(", ", RendezvousProfiles.SoyuzProgressToIss.Select(p => FormattableString.Invariant($"{p.Name} {p.PhaseMin.Degrees:0.#}°–{p.PhaseMax.Degrees:0.#}°")))
                + "; see docs/rendezvous.md.";
            var table = new ResultTable(columns, caption);
            foreach (var r in assessed)
            {
                table.Add([.. LaunchColumns.Cells(r.Launch), r.PhaseAngle.Degrees, r.Profile?.Name ?? "none", r.Docking, r.TargetAltitudeKm]);
            }

            table.Write(parse.GetValue(format), context);
            return ExitCodes.Ok;
        });
        return command;
    }
}
