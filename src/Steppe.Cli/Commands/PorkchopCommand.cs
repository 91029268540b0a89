using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Spectre.Console;
using Steppe.Cli.Output;
using Steppe.Core.Bodies;
using Steppe.Core.Time;
using Steppe.Planning.Transfers;
using Steppe.Plots;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe porkchop</c>: a grid of ballistic transfers between two planets, its minima, a plot and JSON.</summary>
internal static class PorkchopCommand
{
    public static Command Create(CliContext context)
    {
        var origin = new Option<Planet>("--origin") { Description = $"Departure planet ({PlanetNames.Accepted}).", DefaultValueFactory = _ => Planet.EarthMoonBarycenter, CustomParser = ParsePlanet };
        var destination = new Option<Planet>("--destination") { Description = "Arrival planet.", DefaultValueFactory = _ => Planet.Mars, CustomParser = ParsePlanet };
        var depart = new Option<(Instant Start, Instant End)>("--depart") { Description = "Departure dates, START..END (ISO 8601 UTC, e.g. 2026-09-01..2027-01-31).", Required = true, CustomParser = ParseDateRange };
        var tof = new Option<(double Min, double Max)?>("--tof") { Description = "Times of flight, MIN..MAX days (e.g. 120..450).", CustomParser = r => ParseNumberRange(r) };
        var arrive = new Option<(Instant Start, Instant End)?>("--arrive") { Description = "Arrival dates, START..END (instead of --tof).", CustomParser = r => ParseDateRange(r) };
        var step = new Option<double>("--step-days") { Description = "Spacing of departure dates, days.", DefaultValueFactory = _ => 2.0 };
        var rowStep = new Option<double?>("--row-step-days") { Description = "Spacing of times of flight or arrival dates, days (default: --step-days)." };
        var ephemerisOption = CommonOptions.Ephemeris();
        var earthOption = CommonOptions.Earth();
        var plot = new Option<FileInfo?>("--plot") { Description = "Also draw the porkchop plot (C3 and arrival v∞ contours) to a .png or .svg file." };
        var format = new Option<OutputFormat>("--format")
        {
            Description = "table: the minimum-C3 Type I and Type II transfers; csv: every cell; json: the grid for the web page (axes and per-cell C3, v∞, DLA, type).",
            DefaultValueFactory = _ => OutputFormat.Table,
        };

        var command = new Command("porkchop", "Porkchop grid of ballistic transfers between two planets (departure C3, arrival v∞, Type I/II), its minima, a plot and JSON.")
        {
            origin, destination, depart, tof, arrive, step, rowStep, plot, format, ephemerisOption, earthOption,
        };
        command.SetAction(parse =>
        {
            var (d0, d1) = parse.GetValue(depart);
            var tofRange = parse.GetValue(tof);
            var arriveRange = parse.GetValue(arrive);
            double stepDays = parse.GetValue(step);
            double rowDays = parse.GetValue(rowStep) ?? stepDays;
            if (!(stepDays > 0) || !(rowDays > 0))
            {
                throw new CliException(ExitCodes.Usage, "--step-days and --row-step-days must be positive");
            }

            if (tofRange is null == arriveRange is null)
            {
                throw new CliException(ExitCodes.Usage, "give either --tof MIN..MAX (days) or --arrive START..END");
            }

            if (parse.GetValue(origin) == parse.GetValue(destination))
            {
                throw new CliException(ExitCodes.Usage, "--origin and --destination are the same planet");
            }

            if (tofRange is { } t && !(t.Min > 0))
            {
                throw new CliException(ExitCodes.Usage, $"--tof: the time of flight must be positive, found {t.Min.ToString(CultureInfo.InvariantCulture)} days (the arrival would not be after the departure)");
            }

            if (arriveRange is { } a && a.End <= d0)
            {
                throw new CliException(ExitCodes.Usage, $"--arrive: the arrival window ends ({a.End.ToIsoString(0)}) before the departure window begins ({d0.ToIsoString(0)})");
            }

            var plotFile = parse.GetValue(plot);
            if (plotFile is not null && !IsPlotExtension(plotFile.Extension))
            {
                throw new CliException(ExitCodes.Usage, $"--plot: expected a .png or .svg file name, found {plotFile.Name}");
            }

            var transferEphemeris = new TransferEphemeris(parse.GetValue(ephemerisOption)!, parse.GetValue(earthOption));
            PorkchopGrid grid = null!;
            context.ErrorConsole.Status().Start("Solving Lambert's problem over the grid…", _ =>
            {
                grid = tofRange is { } tr
                    ? Porkchop.Compute(parse.GetValue(origin), parse.GetValue(destination), d0, d1, TimeSpan.FromDays(stepDays), TimeSpan.FromDays(tr.Min), TimeSpan.FromDays(tr.Max), TimeSpan.FromDays(rowDays), transferEphemeris)
                    : Porkchop.ComputeByArrival(parse.GetValue(origin), parse.GetValue(destination), d0, d1, TimeSpan.FromDays(stepDays), arriveRange!.Value.Start, arriveRange.Value.End, TimeSpan.FromDays(rowDays), transferEphemeris);
            });

            if (plotFile is not null)
            {
                if (string.Equals(plotFile.Extension, ".svg", StringComparison.OrdinalIgnoreCase))
                {
                    PorkchopPlot.SaveSvg(grid, plotFile.FullName);
                }
                else
                {
                    PorkchopPlot.SavePng(grid, plotFile.FullName);
                }

                context.Error.WriteLine($"steppe: plot written to {plotFile.Name}");
            }

            switch (parse.GetValue(format))
            {
                case OutputFormat.Json:
                    context.Out.WriteLine(PorkchopGridDto.From(grid).ToJson());
                    break;
                case OutputFormat.Csv:
                    Cells(grid).WriteCsv(context.Out);
                    break;
                default:
                    Minima(grid).WriteTable(context.Console);
                    break;
            }

            return grid.TransferCount > 0 ? ExitCodes.Ok : ExitCodes.BadInput;
        });
        return command;
    }

    private static ResultTable Minima(PorkchopGrid grid)
    {
        var caption = FormattableString.Invariant(
            $"{grid.Ephemeris.BodyName(grid.Origin)} to {grid.Ephemeris.BodyName(grid.Destination)} ({grid.Ephemeris.Description}): the minimum-C3 cell of each type among {grid.TransferCount} transfers, transfer angles within {MarsWindows.SingularBandAround180.Degrees:0}° of 180° left out as by mars-windows ")
            + "(zero-revolution prograde Lambert arcs, JPL approximate ephemeris; DLA/RLA of the departure asymptote in EME2000).";
        var table = new ResultTable(TransferColumns.Columns, caption);
        foreach (var s in new[] { grid.BestTypeI, grid.BestTypeII })
        {
            if (s is not null)
            {
                table.Add(TransferColumns.Cells(s));
            }
        }

        return table;
    }

    private static ResultTable Cells(PorkchopGrid grid)
    {
        var table = new ResultTable(
        [
            new("departure_utc", "departure"), new("arrival_utc", "arrival"), new("tof_days", "tof"), new("type", "type"),
            new("c3_km2_s2", "C3"), new("vinf_arrival_km_s", "v∞ arr"), new("dla_deg", "DLA"),
        ]);
        for (int i = 0; i < grid.ColumnCount; i++)
        {
            for (int j = 0; j < grid.RowCount; j++)
            {
                if (grid.Value(PorkchopQuantity.DepartureC3, i, j) is not double c3)
                {
                    continue;
                }

                table.Add(
                    grid.Departures[i],
                    grid.ArrivalAt(i, j),
                    grid.Value(PorkchopQuantity.TimeOfFlightDays, i, j),
                    grid.Value(PorkchopQuantity.TransferType, i, j) == 1 ? "I" : "II",
                    c3,
                    grid.Value(PorkchopQuantity.ArrivalVInfinity, i, j),
                    grid.Value(PorkchopQuantity.DepartureAsymptoteDeclination, i, j));
            }
        }

        return table;
    }

    private static bool IsPlotExtension(string extension) =>
        string.Equals(extension, ".png", StringComparison.OrdinalIgnoreCase) || string.Equals(extension, ".svg", StringComparison.OrdinalIgnoreCase);

    internal static Planet ParsePlanet(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!PlanetNames.TryParse(text, out var planet))
        {
            result.AddError($"{(result.Parent as OptionResult)?.Option.Name}: expected a planet ({PlanetNames.Accepted}), found '{text.Trim()}'");
            return default;
        }

        return planet;
    }

    private static (Instant Start, Instant End) ParseDateRange(ArgumentResult result)
    {
        var name = (result.Parent as OptionResult)?.Option.Name ?? "value";
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var parts = text.Split("..");
        if (parts.Length != 2)
        {
            result.AddError($"{name}: expected START..END, found '{text}'");
            return default;
        }

        if (!Instant.TryParse(parts[0], out var start, out var e1))
        {
            result.AddError($"{name}: start: {e1}");
            return default;
        }

        if (!Instant.TryParse(parts[1], out var end, out var e2))
        {
            result.AddError($"{name}: end: {e2}");
            return default;
        }

        if (end < start)
        {
            result.AddError($"{name}: the end ({parts[1]}) is before the start ({parts[0]})");
            return default;
        }

        return (start, end);
    }

    private static (double Min, double Max) ParseNumberRange(ArgumentResult result)
    {
        var name = (result.Parent as OptionResult)?.Option.Name ?? "value";
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var parts = text.Split("..");
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double min)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double max))
        {
            result.AddError($"{name}: expected MIN..MAX in days, found '{text}'");
            return default;
        }

        if (max < min)
        {
            result.AddError($"{name}: the maximum ({parts[1]}) is below the minimum ({parts[0]})");
            return default;
        }

        return (min, max);
    }
}
