using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Steppe.Cli.Output;
using Steppe.Planning.Transfers;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe mars-windows</c>: the best Type I and Type II Earth–Mars transfer of each opportunity.</summary>
internal static class MarsWindowsCommand
{
    public static Command Create(CliContext context)
    {
        var from = new Option<int>("--from") { Description = "First year (UTC) of the departures.", Required = true };
        var to = new Option<int>("--to") { Description = "Last year (UTC) of the departures.", Required = true };
        var format = CommonOptions.Format();
        var ephemerisOption = CommonOptions.Ephemeris();
        var earthOption = CommonOptions.Earth();
        var command = new Command("mars-windows", "Earth–Mars launch opportunities: the minimum-C3 Type I and Type II ballistic transfer of each window.")
        {
            from, to, format, ephemerisOption, earthOption,
        };
        command.SetAction(parse =>
        {
            int y0 = parse.GetValue(from), y1 = parse.GetValue(to);
            if (y1 < y0)
            {
                throw new CliException(ExitCodes.Usage, $"--to ({y1}) is before --from ({y0})");
            }

            if (y0 < 1800 || y1 > 2049)
            {
                throw new CliException(ExitCodes.Usage, $"years must lie in 1800–2049 (the span of the planetary ephemeris used), found {y0}–{y1}");
            }

            var transferEphemeris = new TransferEphemeris(parse.GetValue(ephemerisOption)!, parse.GetValue(earthOption));
            IReadOnlyList<TransferWindow> windows = [];
            context.ErrorConsole.Status().Start($"Searching the Earth–Mars windows of {y0}–{y1}…", _ => windows = MarsWindows.Find(y0, y1, transferEphemeris));

            var columns = new List<Column> { new("year", "window") };
            columns.AddRange(TransferColumns.Columns);
            var table = new ResultTable(columns, string.Create(CultureInfo.InvariantCulture,
                $"Minimum-C3 zero-revolution ballistic transfers per opportunity (patched conics; {transferEphemeris.Description}); transfer angles within {MarsWindows.SingularBandAround180.Degrees:0}° of 180° excluded. Departure v∞ = √C3."));
            foreach (var w in windows)
            {
                foreach (var s in new[] { w.BestTypeI, w.BestTypeII })
                {
                    if (s is not null)
                    {
                        table.Add([w.Year, .. TransferColumns.Cells(s)]);
                    }
                }
            }

            table.Write(parse.GetValue(format), context);
            return ExitCodes.Ok;
        });
        return command;
    }
}
