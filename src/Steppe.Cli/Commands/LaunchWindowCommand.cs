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

            var table = new ResultTable(LaunchColumns.Columns, LaunchColumns.Caption(site, plane, options));
            foreach (var o in ops)
            {
                table.Add(LaunchColumns.Cells(o));
            }

            table.Write(parse.GetValue(format), context);
            return ExitCodes.Ok;
        });
        return command;
    }
}
