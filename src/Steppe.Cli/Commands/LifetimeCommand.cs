using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Steppe.Core.Orbits;
using Steppe.Formats.Tle;
using Steppe.Planning;
using Steppe.Planning.Fleet;
using Steppe.Planning.Lifetime;

namespace Steppe.Cli.Commands;

/// <summary>
/// <c>steppe lifetime</c>: orbital lifetime and reentry window of a fleet satellite, a catalogued object or the element
/// sets of a file (the ballistic coefficient fitted to the last days of elements unless given), and with
/// <c>--disposal</c> the end-of-life rules (IADC graveyard, 25-year, 5-year) with the Δv to comply.
/// </summary>
internal static class LifetimeCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var target = new Argument<string?>("object") { Description = "A fleet satellite (kazstsat, kazsat-3, ...) or a catalogue number.", Arity = ArgumentArity.ZeroOrOne };
        var tle = new Option<FileInfo?>("--tle") { Description = "Element sets (TLE/3LE) of one object to use instead of the catalogue's history." };
        var areaToMass = new Option<double?>("--area-to-mass-m2-per-kg") { Description = "The ballistic coefficient C_D·A/m, m²/kg (default: fitted to the element history)." };
        var historyDays = new Option<double>("--history-days") { Description = "Days of elements before the last set to fit the coefficient to (default 30).", DefaultValueFactory = _ => 30 };
        var horizonYears = new Option<double>("--horizon-years") { Description = "How far ahead to look, years (at most 100; default 100).", DefaultValueFactory = _ => 100 };
        var hold = new Option<bool>("--hold-space-weather") { Description = "Hold the activity of the last 81 days instead of following the table's predictions." };
        var disposal = new Option<bool>("--disposal") { Description = "Also check the disposal rules (IADC GEO graveyard; LEO 25-year and 5-year) and the Δv to comply." };
        var format = new Option<string>("--format") { Description = "Output: table (default) or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var plot = new Option<FileInfo?>("--plot") { Description = "Also draw the decay of the mean perigee and apogee with the reentry window to FILE.png or FILE.svg." };
        var db = CatalogAccess.Db();
        var command = new Command("lifetime", "Orbital lifetime and reentry window (drag, NRLMSISE-00, space weather), and disposal compliance with the Δv to comply.")
        {
            target, tle, areaToMass, historyDays, horizonYears, hold, disposal, format, plot, db,
        };
        command.SetAction(parse =>
        {
            string? what = parse.GetValue(target);
            var fleet = what is null ? null : FleetRegistry.Find(what);
            int? norad = fleet?.NoradId ?? (int.TryParse(what, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null);
            var plotFile = parse.GetValue(plot);
            if (plotFile is not null && !plotFile.Name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) && !plotFile.Name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException(ExitCodes.Usage, $"--plot: expected a file name ending in .png or .svg, found '{plotFile.Name}'");
            }

            if (what is not null && norad is null)
            {
                throw new CliException(ExitCodes.Usage, $"'{what}' is neither a fleet satellite ({string.Join(", ", FleetRegistry.All.Select(f => f.Id))}) nor a catalogue number");
            }

            IReadOnlyList<MeanElements> history;
            if (parse.GetValue(tle) is { } file)
            {
                var read = TleReader.Read(PreciseCommandSupport.ReadText(file));
                var sets = read.Elements.Where(e => norad is null || e.CatalogNumber == norad).ToList();
                if (sets.Count == 0)
                {
                    throw new CliException(ExitCodes.BadInput, $"{file.Name}: no element set{(norad is null ? string.Empty : $" of {norad}")}");
                }

                int first = sets[^1].CatalogNumber;
                history = sets.Where(s => s.CatalogNumber == first).ToList();
            }
            else
            {
                if (norad is null)
                {
                    throw new CliException(ExitCodes.Usage, "give an object (fleet satellite or catalogue number) or --tle FILE");
                }

                using var store = CatalogAccess.Open(parse.GetValue(db), context);
                history = store.ElementHistory(norad.Value).Select(s => s.Elements).ToList();
                if (history.Count == 0)
                {
                    throw new CliException(ExitCodes.BadInput, $"the catalogue has no element set of {norad}");
                }
            }

            double years = parse.GetValue(horizonYears);
            if (!(years > 0) || years > 100)
            {
                throw new CliException(ExitCodes.Usage, "--horizon-years: expected a number of years in (0, 100]");
            }

            double days = parse.GetValue(historyDays);
            if (!(days > 0) || days > 365)
            {
                throw new CliException(ExitCodes.Usage, "--history-days: expected a number of days in (0, 365]");
            }

            double? given = parse.GetValue(areaToMass);
            if (given is { } g && !(g > 0 && double.IsFinite(g)))
            {
                throw new CliException(ExitCodes.Usage, "--area-to-mass-m2-per-kg: expected a positive number");
            }

            var tables = context.Tables;
            var craft = fleet?.Spacecraft;
            var request = new LifetimeRequest
            {
                HistoryDays = days,
                Horizon = TimeSpan.FromDays(365.25 * years),
                GivenBallisticCoefficientM2PerKg = given,
                NominalBallisticCoefficientM2PerKg = craft is { MassKg: > 0, DragAreaM2: > 0 } ? craft.BallisticCoefficientM2PerKg : null,
                HoldSpaceWeather = parse.GetValue(hold),
            };
            var prediction = LifetimePredictor.Predict(history, request, tables.SpaceWeather, tables.EarthOrientation, PlanningEphemerides.Bundled);
            IReadOnlyList<DisposalCheck> checks = [];
            if (parse.GetValue(disposal))
            {
                checks = EndOfLife.Checks(prediction.Start, prediction.BallisticCoefficientM2PerKg, craft?.ReflectivityCoefficient ?? 1.3,
                    craft is { MassKg: > 0 } ? craft.SrpAreaM2 / craft.MassKg : 0.02,
                    tables.SpaceWeather, tables.EarthOrientation, PlanningEphemerides.Bundled);
            }

            string name = fleet?.Name ?? history[^1].Name ?? history[^1].CatalogNumber.ToString(CultureInfo.InvariantCulture);
            if (parse.GetValue(format) == "json")
            {
                context.Out.WriteLine(JsonSerializer.Serialize(LifetimeReport.From(name, prediction, checks), JsonOptions));
            }
            else
            {
                WriteTable(context.Out, name, prediction, checks);
            }

            if (plotFile is not null)
            {
                string title = $"{name}: decay to reentry ({prediction.Source.ToString().ToLowerInvariant()} C_D·A/m {prediction.BallisticCoefficientM2PerKg.ToString("0.#####", CultureInfo.InvariantCulture)} m²/kg)";
                if (plotFile.Name.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                {
                    File.WriteAllBytes(plotFile.FullName, Plots.LifetimePlot.RenderPng(prediction, title));
                }
                else
                {
                    File.WriteAllText(plotFile.FullName, Plots.LifetimePlot.RenderSvg(prediction, title));
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteTable(TextWriter o, string name, LifetimePrediction p, IReadOnlyList<DisposalCheck> checks)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"# {name}: lifetime from the element set of {p.ElementSetEpoch} (prediction epoch {p.Epoch})"));
        o.WriteLine($"# model: {p.Model}; {p.SpaceWeather}");
        o.WriteLine(string.Create(c, $"mean perigee altitude (km)      {p.Start.PerigeeAltitudeKm:F1}"));
        o.WriteLine(string.Create(c, $"mean apogee altitude (km)       {p.Start.ApogeeAltitudeKm:F1}"));
        string sd = p.BallisticCoefficientStdDevM2PerKg is { } s ? string.Create(c, $" ± {s:F5}") : string.Empty;
        o.WriteLine(string.Create(c, $"C_D·A/m (m²/kg)                 {p.BallisticCoefficientM2PerKg:F5}{sd} ({p.Source.ToString().ToLowerInvariant()})"));
        if (p.Reentry is { } r)
        {
            o.WriteLine(string.Create(c, $"reentry (80 km, UTC)            {r.Predicted}"));
            o.WriteLine(string.Create(c, $"window (UTC)                    {r.WindowStart} – {r.WindowEnd} (±{r.RelativeHalfWidth * 100:F0} % of the remaining time)"));
            o.WriteLine(string.Create(c, $"remaining (days)                {r.Remaining.TotalDays:F2}"));
        }
        else
        {
            o.WriteLine(string.Create(c, $"reentry                         none before {p.Horizon}"));
        }

        foreach (var check in checks)
        {
            o.WriteLine(string.Create(c, $"{check.Rule,-31} {(check.Compliant ? "compliant" : "NOT compliant")}; Δv {check.DeltaVMps:F2} m/s — {check.Note}"));
        }
    }
}
