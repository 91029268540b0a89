using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Steppe.Cli.Output;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Oem;
using Steppe.Formats.Opm;
using Steppe.Planning;
using Steppe.Planning.Conjunctions;
using Steppe.Planning.Conjunctions.Avoidance;
using Steppe.Planning.Fleet;
using Steppe.Planning.Precise;
using Steppe.Plots;

namespace Steppe.Cli.Commands;

/// <summary>What <c>steppe avoid</c> prints.</summary>
public enum AvoidFormat
{
    /// <summary>The conjunction, its Pc by three methods, the smallest burn of each lead time and direction, and the choice.</summary>
    Table,

    /// <summary>Everything, the whole trade space included, as JSON (the API's answer).</summary>
    Json,

    /// <summary>The chosen burn as a CCSDS OPM (the pre-burn state and a maneuver block).</summary>
    Opm,

    /// <summary>The post-burn ephemeris as a CCSDS OEM.</summary>
    Oem,
}

/// <summary>
/// <c>steppe avoid</c>: collision avoidance for one conjunction — from a CDM (<c>--cdm</c>) or from screening a fleet
/// satellite against one catalog object (<c>--primary</c>, <c>--secondary</c>) — with Pc by Foster 2D, Monte Carlo and
/// Coppola 3D, the trade space of burns (lead time × direction × size, each flown with the numerical propagator), the
/// smallest burn below the Pc threshold and a re-screen of the new orbit against the catalog.
/// </summary>
internal static class AvoidCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(CliContext context)
    {
        var input = new ElementInput();
        input.Elements.Description = "Element-set file with the primary, the secondary and the catalog to re-screen against; the catalog (--db) when absent.";
        var cdm = new Option<FileInfo?>("--cdm") { Description = "A CCSDS CDM (KVN) received for the conjunction: object 1 is the primary, both covariances are used." };
        var primary = new Option<string?>("--primary") { Description = "The fleet satellite (id, name or catalog number, e.g. kazeosat-2) or any catalog number." };
        var secondary = new Option<int?>("--secondary") { Description = "The catalog number of the other object." };
        var tca = CommonOptions.InstantOption("--tca", "With --primary: the approach nearest this time (ISO 8601 UTC); the closest in the span when absent.", required: false, context.Time);
        var from = CommonOptions.InstantOption("--from", "With --primary: start of the span screened (ISO 8601 UTC); now when absent.", required: false, context.Time);
        var days = new Option<double>("--days") { Description = "With --primary: days screened (at most 7).", DefaultValueFactory = _ => 3 };
        var threshold = new Option<double>("--threshold") { Description = "The Pc an avoidance burn must bring the conjunction below.", DefaultValueFactory = _ => AvoidanceOptions.DefaultThreshold };
        var hbr = new Option<double>("--hard-body-radius-m") { Description = "Combined hard-body radius, m.", DefaultValueFactory = _ => 20 };
        var leads = new Option<double[]>("--lead-times-rev") { Description = "Times of the burn before TCA, revolutions (0.3 to 20, at most 8 values).", CustomParser = r => Numbers(r, "--lead-times-rev"), DefaultValueFactory = _ => [0.5, 1, 2, 5] };
        var sizes = new Option<double[]?>("--dv-grid-mps") { Description = "Burn sizes of the grid, m/s, increasing (at most 16, each up to 20 m/s); default 0.01,0.02,0.05,0.1,0.2,0.5,1,2,5.", CustomParser = r => Numbers(r, "--dv-grid-mps") };
        var directions = new Option<string?>("--directions") { Description = "Burn directions in RTN, e.g. +T,-T,+R,-R,+N,-N (the default: all six)." };
        var samples = new Option<int>("--samples") { Description = "Monte Carlo sample pairs.", DefaultValueFactory = _ => EncounterProbability.DefaultSamples };
        var degree = new Option<int>("--degree") { Description = "Degree and order of the EGM2008 field of the burn propagations (0: point mass).", DefaultValueFactory = _ => 8 };
        var screenThreshold = new Option<double>("--rescreen-threshold-km") { Description = "Miss distance below which the re-screen reports an approach, km.", DefaultValueFactory = _ => ScreeningOptions.DefaultThresholdKm };
        var format = new Option<AvoidFormat>("--format") { Description = "table, json (with the whole trade space), opm (the chosen burn) or oem (the post-burn ephemeris).", DefaultValueFactory = _ => AvoidFormat.Table };
        var plot = new Option<FileInfo?>("--plot") { Description = "Also draw Pc against Δv (one curve per lead time and direction) to a .png or .svg file." };
        plot.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<FileInfo?>() is { } file && file.Extension.ToLowerInvariant() is not (".png" or ".svg"))
            {
                r.AddError($"--plot: expected a .png or .svg file name, found {file.Name}");
            }
        });
        var lenient = CommonOptions.LenientChecksums();
        var command = new Command("avoid", "Collision avoidance: Pc by three methods, the trade space of burns and the smallest one below the Pc threshold, re-screened against the catalog.")
        {
            cdm, primary, secondary, tca, from, days, input.Elements, input.Db, threshold, hbr, leads, sizes, directions, samples, degree, screenThreshold, format, plot, lenient,
        };
        command.SetAction(parse =>
        {
            var eop = context.Tables.EarthOrientation;
            var now = Instant.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
            double hbrM = parse.GetValue(hbr);
            if (!(hbrM > 0 && hbrM <= 1000)) throw new CliException(ExitCodes.Usage, $"--hard-body-radius-m: expected 0 to 1000 m, found {hbrM.ToString(CultureInfo.InvariantCulture)}");
            double rescreenKm = parse.GetValue(screenThreshold);
            if (!(rescreenKm > 0 && rescreenKm <= 50)) throw new CliException(ExitCodes.Usage, "--rescreen-threshold-km: expected 0 to 50 km");
            var cdmFile = parse.GetValue(cdm);
            string? primaryWord = parse.GetValue(primary);
            if ((cdmFile is null) == (primaryWord is null)) throw new CliException(ExitCodes.Usage, "give either --cdm FILE or --primary SATELLITE --secondary NORAD");
            bool catalogGiven = parse.GetResult(input.Elements) is not null || parse.GetResult(input.Db) is { Implicit: false };

            Encounter encounter;
            MeanElements? primaryElements = null;
            IReadOnlyList<MeanElements>? catalog = null;
            FleetSatellite? fleet;
            if (cdmFile is not null)
            {
                if (!cdmFile.Exists) throw new CliException(ExitCodes.BadInput, $"--cdm: {cdmFile.Name} does not exist");
                if (cdmFile.Length > AvoidanceStudies.MaxCdmChars) throw new CliException(ExitCodes.BadInput, $"--cdm: {cdmFile.Name} is larger than {AvoidanceStudies.MaxCdmChars / 1024} KiB");
                encounter = Guard(() => AvoidanceStudies.EncounterFromCdmText(File.ReadAllText(cdmFile.FullName), hbrM / 1000, eop, cdmFile.Name));
                fleet = FleetRegistry.Find(encounter.PrimaryId);
                if (catalogGiven)
                {
                    catalog = input.Load(parse, null, parse.GetValue(lenient), context);
                    primaryElements = catalog.FirstOrDefault(e => e.CatalogNumber.ToString(CultureInfo.InvariantCulture) == encounter.PrimaryId);
                    if (primaryElements is null) context.Error.WriteLine($"steppe: the catalog has no element set for {encounter.PrimaryId}: no re-screen");
                }
            }
            else
            {
                int number = FleetRegistry.Find(primaryWord!) is { } f ? f.NoradId
                    : int.TryParse(primaryWord, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n
                    : throw new CliException(ExitCodes.Usage, $"--primary: '{primaryWord}' is neither a fleet satellite ({string.Join(", ", FleetRegistry.All.Select(s => s.Id))}) nor a catalog number");
                fleet = FleetRegistry.Find(number.ToString(CultureInfo.InvariantCulture));
                int other = parse.GetValue(secondary) ?? throw new CliException(ExitCodes.Usage, "--secondary: the other object's catalog number is needed with --primary");
                double span = parse.GetValue(days);
                if (!(span > 0 && span <= 7)) throw new CliException(ExitCodes.Usage, $"--days: expected above 0 and at most 7, found {span.ToString(CultureInfo.InvariantCulture)}");
                catalog = input.Load(parse, null, parse.GetValue(lenient), context);
                primaryElements = catalog.FirstOrDefault(e => e.CatalogNumber == number) ?? throw new CliException(ExitCodes.BadInput, $"no element set for the primary {number}");
                var secondaryElements = catalog.FirstOrDefault(e => e.CatalogNumber == other) ?? throw new CliException(ExitCodes.BadInput, $"no element set for the secondary {other}");
                var start = parse.GetResult(from) is { Implicit: false } ? parse.GetValue(from) : now;
                var screening = new ScreeningOptions { ThresholdKm = 50, HardBodyRadiusKm = hbrM / 1000 };
                var found = Guard(() => AvoidanceStudies.EncounterFromScreening(primaryElements, secondaryElements, start, start.AddSeconds(span * 86400), parse.GetResult(tca) is { Implicit: false } ? parse.GetValue(tca) : null, screening, now, eop))
                    ?? throw new CliException(ExitCodes.BadInput, $"{number} and {other} come no closer than 50 km in the {span.ToString(CultureInfo.InvariantCulture)} days from {start.ToIsoString(0)}");
                encounter = found.Encounter;
                var ev = found.Event;
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"steppe: element sets: {number} epoch {ev.Primary.Epoch.ToIsoString(0)} ({ev.PrimaryElementAge.TotalDays:0.0} days before TCA), {other} epoch {ev.Secondary.Epoch.ToIsoString(0)} ({ev.SecondaryElementAge.TotalDays:0.0} days before TCA)"));
            }

            if (fleet is { Propulsion.PropellantKg: <= 0 })
            {
                context.Error.WriteLine($"steppe: {fleet.Name} has no propulsion: the burns are shown for the trade space only");
            }

            var options = Guard(() =>
            {
                var o = new AvoidanceOptions
                {
                    PcThreshold = parse.GetValue(threshold),
                    LeadTimesRevolutions = parse.GetValue(leads)!,
                    MonteCarloSamples = parse.GetValue(samples),
                    ForceModel = new AvoidanceOptions().ForceModel with { Gravity = parse.GetValue(degree) == 0 ? "none" : "EGM2008", Degree = parse.GetValue(degree) == 0 ? 0 : parse.GetValue(degree), Order = parse.GetValue(degree) == 0 ? 0 : parse.GetValue(degree) },
                    PrimarySpacecraft = fleet?.Spacecraft ?? new AvoidanceOptions().PrimarySpacecraft,
                    IspSeconds = fleet is { Propulsion.SpecificImpulseSeconds: > 0 } ? fleet.Propulsion.SpecificImpulseSeconds : null,
                };
                if (parse.GetValue(sizes) is { Length: > 0 } grid) o = o with { DeltaVGridMps = grid };
                if (parse.GetValue(directions) is { } words) o = o with { Directions = [.. words.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(BurnDirections.Parse)] };
                if (parse.GetValue(degree) is < 0 or > 70) throw new ArgumentException("degree: expected 0 to 70");
                o.Validate();
                return o;
            });

            var tables = new PreciseTables(context.Tables, PlanningEphemerides.Bundled);
            var request = new AvoidanceRequest
            {
                Encounter = encounter,
                Options = options,
                PrimaryElements = primaryElements,
                Catalog = primaryElements is null ? null : catalog,
                RescreenOptions = new ScreeningOptions { ThresholdKm = rescreenKm, HardBodyRadiusKm = hbrM / 1000 },
            };
            var study = Guard(() => AvoidanceStudies.Run(request, tables, now));
            Write(parse.GetValue(format), study, context);
            if (parse.GetValue(plot) is { } file)
            {
                try
                {
                    AvoidancePlot.Save(study, file.FullName);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliException(ExitCodes.BadInput, $"--plot: {file.Name}: {e.Message}");
                }

                context.Error.WriteLine($"steppe: plot written to {file.Name}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(AvoidFormat format, AvoidanceStudy study, CliContext context)
    {
        var opmText = study.Opm is { } opm ? OpmWriter.WriteKvn(opm) : null;
        switch (format)
        {
            case AvoidFormat.Json:
                context.Out.WriteLine(JsonSerializer.Serialize(AvoidanceStudies.Summary(study, opmText), Json));
                return;
            case AvoidFormat.Opm:
                context.Out.Write(opmText ?? throw new CliException(ExitCodes.BadInput, "no burn chosen: " + study.Plan.Note));
                return;
            case AvoidFormat.Oem:
                context.Out.Write(study.Oem is { } oem ? OemWriter.Write(oem) : throw new CliException(ExitCodes.BadInput, "no burn chosen: " + study.Plan.Note));
                return;
        }

        var plan = study.Plan;
        var e = plan.Encounter;
        var pc = plan.Pc;
        var o = context.Out;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Conjunction {e.PrimaryName} ({e.PrimaryId}) × {e.SecondaryName} ({e.SecondaryId}) at {e.Tca.ToIsoString(3)}: miss {e.MissKm * 1000:0.#} m, relative speed {e.RelativeSpeedKmPerS:0.####} km/s, hard-body radius {e.HardBodyRadiusKm * 1000:0.#} m"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Pc: Foster 2D {pc.Foster2D:0.###e+0}; Monte Carlo {pc.MonteCarlo:0.###e+0} ± {pc.MonteCarloStandardError:0.#e+0} ({pc.MonteCarloSamples} samples, seed {pc.MonteCarloSeed}); 3D (Coppola) {pc.ThreeD:0.###e+0}"));
        o.WriteLine(pc.Note);
        o.WriteLine($"Force model: {plan.ForceModel}");
        var table = new ResultTable(
            [
                new Column("lead_rev", "lead (rev)", "0.##"),
                new Column("burn_utc", "burn (UTC)"),
                new Column("direction", "dir"),
                new Column("delta_v_mps", "Δv (m/s)", "0.0000"),
                new Column("miss_km", "miss (km)", "0.000"),
                new Column("pc", "Pc"),
            ],
            string.Create(CultureInfo.InvariantCulture, $"Smallest burn of each lead time and direction that brings Pc below {plan.Threshold:0.#e+0} (bisection to 1 %; the whole grid with --format json)."));
        foreach (var m in plan.Minima)
        {
            table.Add(m.LeadTimeRevolutions, m.BurnTime, BurnDirections.Word(m.Direction), m.DeltaVMps, m.MissKm, m.Pc.ToString("0.###e+0", CultureInfo.InvariantCulture));
        }

        table.Write(OutputFormat.Table, context);
        o.WriteLine(plan.Note);
        if (study.Rescreen is { } r)
        {
            foreach (var (option, rescreen) in r.Rejected)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Rejected {option.DeltaVMps * 1000:0.#} mm/s {BurnDirections.Word(option.Direction)} {option.LeadTimeRevolutions:0.##} rev: {rescreen.NewApproaches.Count} new approach(es) below {rescreen.ThresholdKm:0.###} km"));
            }

            o.WriteLine(r.Rescreen?.Note ?? "Every candidate re-screened created a new approach: no burn chosen.");
            o.WriteLine(r.Note);
        }

        if (study.Chosen is { } c)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Chosen: {c.DeltaVMps * 1000:0.#} mm/s {BurnDirections.Word(c.Direction)} at {c.BurnTime.ToIsoString(3)} ({c.LeadTimeRevolutions:0.##} rev before TCA) → miss {c.MissKm * 1000:0.#} m, Pc {c.Pc:0.###e+0}. --format opm writes the maneuver, --format oem the new ephemeris."));
        }
    }

    private static T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message);
        }
    }

    private static double[] Numbers(System.CommandLine.Parsing.ArgumentResult result, string name)
    {
        var values = new List<double>();
        foreach (var token in result.Tokens)
        {
            foreach (var part in token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                {
                    result.AddError($"{name}: '{part}' is not a number");
                    return [];
                }

                values.Add(v);
            }
        }

        return [.. values];
    }
}
