using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using Spectre.Console;
using Steppe.Cluster.Hosting;
using Steppe.Cluster.Jobs;
using Steppe.Cli.Output;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Formats.Cdm;
using Steppe.Planning.Conjunctions;
using Steppe.Planning.Determination;

namespace Steppe.Cli.Commands;

/// <summary>What <c>steppe screen</c> prints.</summary>
public enum ScreenFormat
{
    /// <summary>A table for people.</summary>
    Table,

    /// <summary>CSV (units in the header).</summary>
    Csv,

    /// <summary>JSON (keys as the CSV header).</summary>
    Json,

    /// <summary>CCSDS Conjunction Data Messages (KVN), one per event, separated by blank lines.</summary>
    Cdm,
}

/// <summary>Where <c>steppe screen</c> takes the position covariance of each object from.</summary>
public enum ScreenCovariance
{
    /// <summary>The assumed regime σ growing with element age (<see cref="PositionCovarianceModel"/>).</summary>
    Assumed,

    /// <summary>Estimated from each object's element-set history in the catalog (TLE differencing) where it has enough
    /// sets (<see cref="Steppe.Planning.Determination.ElementSetCovariance.ForScreening(MeanElements, IEnumerable{MeanElements})"/>),
    /// assumed for the others.</summary>
    History,
}

/// <summary>
/// <c>steppe screen</c>: conjunction screening of primaries against a catalog, or of the catalog against itself, with
/// TCA, miss distance, RIC components and probability of collision, as a table, CSV, JSON or CCSDS CDMs.
/// </summary>
/// <remarks>
/// The screening itself runs through an <see cref="IScreeningRunner"/>: in this process by default, or with
/// <c>--cluster</c> on a Microsoft Orleans cluster (<see cref="ClusterScreeningRunner"/>: the same result, partitions
/// screened on the silos). A runner passed to <see cref="Create"/> replaces both (tests).
/// </remarks>
internal static class ScreenCommand
{
    public static Command Create(CliContext context, IScreeningRunner? runner = null)
    {
        var input = new ElementInput();
        input.Elements.Description = "Element-set file (TLE/3LE/2LE or CCSDS OMM, detected from its content) to screen; the latest elements of every object in orbit in the catalog (--db) when absent.";
        var primaries = new Option<int[]>("--primaries")
        {
            Description = "Catalog numbers of the primaries, e.g. 37749,39728,39731,40010,43783 (the Kazakh fleet); all-vs-all when absent.",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = ParseNumbers,
        };
        var from = CommonOptions.From(context.Time);
        var to = CommonOptions.InstantOption("--to", "End of the span (ISO 8601 UTC); 7 days after --from when absent.", required: false, context.Time);
        var threshold = new Option<double>("--threshold")
        {
            Description = "Miss-distance threshold, km.",
            DefaultValueFactory = _ => ScreeningOptions.DefaultThresholdKm,
        };
        var ricBox = new Option<RicBox?>("--ric-box")
        {
            Description = "Screen with a box in the primary's radial/in-track/cross-track frame instead: half-sizes R,I,C in km (e.g. 2,25,2).",
            CustomParser = ParseBox,
        };
        var hbr = new Option<double>("--hbr")
        {
            Description = "Combined hard-body radius for the probability of collision, m.",
            DefaultValueFactory = _ => ScreeningOptions.DefaultHardBodyRadiusKm * 1000.0,
        };
        var format = new Option<ScreenFormat>("--format")
        {
            Description = "Output: table, csv, json (units in every column name) or cdm (CCSDS 508.0-B-1 KVN, one message per event).",
            DefaultValueFactory = _ => ScreenFormat.Table,
        };
        var outputDir = new Option<DirectoryInfo?>("--output")
        {
            Description = "Also write one CDM file per event into this folder (created if needed).",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads to use (default: all processors).",
            DefaultValueFactory = _ => -1,
        };
        var covariance = new Option<ScreenCovariance>("--covariance")
        {
            Description = "Position covariance behind Pc: assumed (regime σ growing with element age) or history (estimated from each object's element-set history in the catalog, --db, by differencing its sets: objects with at least 3 sets within the 60 days up to the set screened; the others keep the assumed σ).",
            DefaultValueFactory = _ => ScreenCovariance.Assumed,
        };
        var lenient = CommonOptions.LenientChecksums();
        var cluster = new Option<bool>("--cluster")
        {
            Description = "Screen on a Steppe cluster ('steppe cluster silo'): partitions of the span are screened on the silos and merged; the result is the same. Needs --postgres or --gateway.",
        };
        var postgres = ClusterOptions.Postgres("with --cluster, find the silos there");
        var gateways = ClusterOptions.Gateways();
        var clusterId = ClusterOptions.ClusterId();
        var serviceId = ClusterOptions.ServiceId();
        var connectTimeout = ClusterOptions.ConnectTimeout();
        var partitions = new Option<int?>("--partitions")
        {
            Description = "With --cluster: how many partitions to cut the span into (default: 4 per active silo).",
        };

        var command = new Command("screen", "Conjunction screening: approaches closer than a threshold (or inside an RIC box) with TCA, miss distance, RIC components and probability of collision.")
        {
            input.Elements, input.Db, primaries, from, to, threshold, ricBox, hbr, covariance, format, outputDir, threads, lenient, cluster, postgres, gateways, clusterId, serviceId, partitions, connectTimeout,
        };
        command.SetAction(parse =>
        {
            var start = parse.GetValue(from);
            var end = parse.GetValue(to) is { } t && parse.GetResult(to) is not null ? t : start + ScreeningRequest.DefaultSpan;
            if (end <= start)
            {
                throw new CliException(ExitCodes.Usage, $"--to ({end}) is not after --from ({start})");
            }

            if (end - start > ConjunctionScreener.MaxSpan)
            {
                throw new CliException(ExitCodes.Usage, $"the span is {(end - start).TotalDays:0.#} days; at most {ConjunctionScreener.MaxSpan.TotalDays} days can be screened at once");
            }

            double thresholdKm = parse.GetValue(threshold);
            if (!(thresholdKm > 0) || thresholdKm > 1000)
            {
                throw new CliException(ExitCodes.Usage, $"--threshold: expected a distance in km between 0 and 1000, found {thresholdKm.ToString(CultureInfo.InvariantCulture)}");
            }

            double hbrM = parse.GetValue(hbr);
            if (!(hbrM >= 0) || !double.IsFinite(hbrM))
            {
                throw new CliException(ExitCodes.Usage, $"--hbr: expected a radius in m, zero or positive, found {hbrM.ToString(CultureInfo.InvariantCulture)}");
            }

            int threadCount = parse.GetValue(threads);
            if (threadCount == 0 || threadCount < -1)
            {
                throw new CliException(ExitCodes.Usage, $"--threads: expected a positive number, found {threadCount}");
            }

            bool onCluster = parse.GetValue(cluster);
            ClusterClientSettings? clusterSettings = null;
            if (onCluster)
            {
                clusterSettings = ClusterOptions.ClientSettings(parse.GetValue(clusterId)!, parse.GetValue(serviceId)!, parse.GetValue(postgres), parse.GetValue(gateways), parse.GetValue(connectTimeout), "screen --cluster");
                if (parse.GetValue(partitions) is < 1)
                {
                    throw new CliException(ExitCodes.Usage, $"--partitions: expected a positive number, found {parse.GetValue(partitions)}");
                }
            }
            else
            {
                foreach (var clusterOnly in new Option[] { postgres, gateways, partitions, connectTimeout })
                {
                    if (parse.GetResult(clusterOnly) is { Implicit: false }) throw new CliException(ExitCodes.Usage, $"{clusterOnly.Name} needs --cluster");
                }
            }

            var sourceName = parse.GetValue(input.Elements)?.Name ?? "the catalog";
            var catalog = input.Load(parse, null, parse.GetValue(lenient), context);
            var wanted = parse.GetValue(primaries) ?? [];
            var missing = wanted.Except(catalog.Select(e => e.CatalogNumber)).Order().ToList();
            if (missing.Count > 0)
            {
                throw new CliException(ExitCodes.BadInput, $"{sourceName}: no element set for primary {string.Join(", ", missing)}");
            }

            var covarianceModel = PositionCovarianceModel.Default;
            IReadOnlyList<ElementSetCovarianceEstimate> estimates = [];
            if (parse.GetValue(covariance) == ScreenCovariance.History)
            {
                using var store = CatalogAccess.Open(parse.GetValue(input.Db), context);
                (covarianceModel, estimates) = ElementSetCovariance.ForScreening(covarianceModel, catalog, n => [.. store.ElementHistory(n).Select(h => h.Elements)], threadCount);
            }

            var options = new ScreeningOptions
            {
                ThresholdKm = thresholdKm,
                ScreeningBox = parse.GetValue(ricBox),
                HardBodyRadiusKm = hbrM / 1000.0,
                Covariance = covarianceModel,
                MaxDegreeOfParallelism = threadCount,
            };
            var request = new ScreeningRequest { Catalog = catalog, Start = start, End = end, Primaries = wanted.Length > 0 ? wanted : null, Options = options };
            ScreeningResult result;
            if (runner is null && clusterSettings is not null)
            {
                var connection = ClusterOptions.Connect(clusterSettings);

                // Ctrl+C stops the job and releases its partitions on the silos, rather than leaving them running.
                using var cancel = new CancellationTokenSource();
                ConsoleCancelEventHandler onCancel = (_, e) =>
                {
                    e.Cancel = true;
                    cancel.Cancel();
                };
                Console.CancelKeyPress += onCancel;
                try
                {
                    var clusterRunner = new ClusterScreeningRunner(connection.Client, new ClusterJobOptions { Items = parse.GetValue(partitions) });
                    clusterRunner.PartitionRetried += (_, r) => context.Error.WriteLine($"steppe: {r.Reason}; partition {r.Item + 1} redone on silo {r.NextSilo}");
                    result = Run(clusterRunner, request, context, cancel.Token);
                }
                catch (ClusterUnavailableException e)
                {
                    throw new CliException(ExitCodes.ClusterUnavailable, $"cluster: {e.Message}");
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    throw new CliException(ExitCodes.Cancelled, "cancelled; the partitions on the silos were released");
                }
                finally
                {
                    Console.CancelKeyPress -= onCancel;
                    connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            }
            else
            {
                result = Run(runner ?? new LocalScreeningRunner(), request, context);
            }

            Report(result, context);
            if (parse.GetValue(covariance) == ScreenCovariance.History)
            {
                ReportEstimates(estimates, catalog.Count, context);
            }

            var creation = Instant.FromDateTime(context.Time.GetUtcNow().UtcDateTime);
            if (parse.GetValue(outputDir) is { } dir)
            {
                WriteCdmFiles(result, dir, creation, context);
            }

            if (parse.GetValue(format) == ScreenFormat.Cdm)
            {
                bool first = true;
                foreach (var e in result.Events)
                {
                    if (!first) context.Out.WriteLine();
                    first = false;
                    context.Out.Write(CdmKvnWriter.Write(ConjunctionCdm.ToCdm(e, result, creation, context.Tables.EarthOrientation)));
                }
            }
            else
            {
                var table = Table(result, compact: parse.GetValue(format) == ScreenFormat.Table);
                table.Write(parse.GetValue(format) switch { ScreenFormat.Csv => OutputFormat.Csv, ScreenFormat.Json => OutputFormat.Json, _ => OutputFormat.Table }, context);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static ScreeningResult Run(IScreeningRunner runner, ScreeningRequest request, CliContext context, CancellationToken cancellationToken = default)
    {
        ScreeningResult? result = null;
        context.ErrorConsole.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var progress = new SpectreProgress(ctx.AddTask("Propagating and gridding"), ctx.AddTask("Refining TCA and Pc", autoStart: false));
                result = runner.RunAsync(request, progress, cancellationToken).GetAwaiter().GetResult();
                progress.Complete();
            });
        return result!;
    }

    private static void Report(ScreeningResult result, CliContext context)
    {
        foreach (var f in result.Failures)
        {
            var name = string.IsNullOrWhiteSpace(f.Elements.Name) ? string.Empty : $" ({f.Elements.Name.Trim()})";
            context.Error.WriteLine($"steppe: {f.Elements.CatalogNumber}{name}: {f.Message}");
        }

        foreach (var p in result.ColocatedPairs.Take(20))
        {
            context.Error.WriteLine($"steppe: {p.First.CatalogNumber} and {p.Second.CatalogNumber} have identical element sets (co-located, e.g. docked); not screened against each other");
        }

        if (result.ColocatedPairs.Count > 20)
        {
            context.Error.WriteLine($"steppe: {result.ColocatedPairs.Count - 20} more co-located pairs not shown");
        }

        context.Error.WriteLine($"steppe: {result.CovarianceAssumption}");
    }

    private static void ReportEstimates(IReadOnlyList<ElementSetCovarianceEstimate> estimates, int objects, CliContext context)
    {
        context.Error.WriteLine(FormattableString.Invariant(
            $"steppe: covariance estimated from the element-set history of {estimates.Count} of {objects} object(s) (at least {ElementSetCovariance.MinimumHistorySets} sets within {ElementSetCovariance.HistoryWindow.TotalDays:0} days); the others keep the assumed regime σ"));
        foreach (var e in estimates.Take(20))
        {
            context.Error.WriteLine($"steppe:   {e}");
        }

        if (estimates.Count > 20)
        {
            context.Error.WriteLine($"steppe:   {estimates.Count - 20} more estimated objects not shown (the covariance columns of csv/json name them)");
        }
    }

    private static void WriteCdmFiles(ScreeningResult result, DirectoryInfo dir, Instant creation, CliContext context)
    {
        dir.Create();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in result.Events)
        {
            var cdm = ConjunctionCdm.ToCdm(e, result, creation, context.Tables.EarthOrientation);
            var stem = cdm.Header.MessageId;
            var name = stem + ".cdm";
            for (int k = 2; !used.Add(name); k++) name = $"{stem}_{k}.cdm";
            File.WriteAllText(Path.Combine(dir.FullName, name), CdmKvnWriter.Write(cdm));
        }

        context.Error.WriteLine($"steppe: {result.Events.Count} CDM file(s) written to {dir.Name}");
    }

    private static readonly IReadOnlyList<Column> Columns =
    [
        new("tca_utc", "TCA (UTC)"),
        new("primary_norad", "primary"),
        new("primary_name", "primary name"),
        new("secondary_norad", "secondary"),
        new("secondary_name", "secondary name"),
        new("miss_km", "miss (km)", "0.000"),
        new("relative_speed_km_s", "rel. speed (km/s)", "0.000"),
        new("radial_km", "R (km)", "0.000"),
        new("in_track_km", "I (km)", "0.000"),
        new("cross_track_km", "C (km)", "0.000"),
        new("pc", "Pc", "0.00E+00"),
        new("hbr_m", "HBR (m)", "0.0"),
        new("primary_sigma_r_km", "σR₁ (km)", "0.000"),
        new("primary_sigma_i_km", "σI₁ (km)", "0.000"),
        new("primary_sigma_c_km", "σC₁ (km)", "0.000"),
        new("secondary_sigma_r_km", "σR₂ (km)", "0.000"),
        new("secondary_sigma_i_km", "σI₂ (km)", "0.000"),
        new("secondary_sigma_c_km", "σC₂ (km)", "0.000"),
        new("primary_age_days", "age₁ (d)", "0.00"),
        new("secondary_age_days", "age₂ (d)", "0.00"),
        new("primary_covariance", "cov₁"),
        new("secondary_covariance", "cov₂"),
    ];

    // The table for people shows the approach; CSV and JSON add the σ, the hard-body radius, the element ages and whether
    // each object's covariance was estimated from its element-set history ("estimated") or assumed ("assumed").
    private static readonly int[] CompactColumns = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    private static ResultTable Table(ScreeningResult result, bool compact)
    {
        var s = result.Statistics;
        var volume = result.Options.ScreeningBox is { } b
            ? FormattableString.Invariant($"RIC box ±{b.RadialKm:0.###}/±{b.InTrackKm:0.###}/±{b.CrossTrackKm:0.###} km")
            : FormattableString.Invariant($"miss ≤ {result.Options.ThresholdKm:0.###} km");
        var caption = FormattableString.Invariant(
            $"{result.Events.Count} approaches, {volume}, {result.Start.ToIsoString(0)} to {result.End.ToIsoString(0)}; {s.Objects} objects ({s.ObjectsScreened} screened, {result.Failures.Count} with propagation failures). ")
            + "RIC: the secondary relative to the primary in the primary's radial / in-track / cross-track frame (TEME). " + result.CovarianceAssumption;
        var table = new ResultTable(compact ? [.. CompactColumns.Select(i => Columns[i])] : Columns, caption);
        double hbr = result.Options.HardBodyRadiusKm * 1000.0;
        foreach (var e in result.Events)
        {
            object?[] cells =
            [
                e.Tca,
                e.Primary.CatalogNumber,
                e.Primary.Name?.Trim() ?? string.Empty,
                e.Secondary.CatalogNumber,
                e.Secondary.Name?.Trim() ?? string.Empty,
                e.MissDistanceKm,
                e.RelativeSpeedKmPerS,
                e.RelativePositionRicKm.X,
                e.RelativePositionRicKm.Y,
                e.RelativePositionRicKm.Z,
                e.CollisionProbability,
                hbr,
                e.PrimarySigmaRicKm.X,
                e.PrimarySigmaRicKm.Y,
                e.PrimarySigmaRicKm.Z,
                e.SecondarySigmaRicKm.X,
                e.SecondarySigmaRicKm.Y,
                e.SecondarySigmaRicKm.Z,
                e.PrimaryElementAge.TotalDays,
                e.SecondaryElementAge.TotalDays,
                CovarianceKind(result, e.Primary),
                CovarianceKind(result, e.Secondary),
            ];
            table.Add(compact ? [.. CompactColumns.Select(i => cells[i])] : cells);
        }

        return table;
    }

    private static string CovarianceKind(ScreeningResult result, MeanElements elements) =>
        result.Options.Covariance.Objects.ContainsKey(elements.CatalogNumber) ? "estimated" : "assumed";

    private static int[] ParseNumbers(ArgumentResult result)
    {
        var numbers = new List<int>();
        foreach (var token in result.Tokens)
        {
            foreach (var part in token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n <= 0)
                {
                    result.AddError($"--primaries: expected catalog numbers such as 37749,39728, found '{part}'");
                    return [];
                }

                numbers.Add(n);
            }
        }

        return [.. numbers.Distinct()];
    }

    private static RicBox? ParseBox(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[3];
        if (parts.Length != 3 || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) && values[i] > 0 && values[i] <= 1000).All(ok => ok))
        {
            result.AddError($"--ric-box: expected three positive half-sizes R,I,C in km (e.g. 2,25,2), found '{text}'");
            return null;
        }

        return new RicBox(values[0], values[1], values[2]);
    }

    /// <summary>Forwards the screener's progress to two Spectre tasks (thread-safe: the screener reports from workers).</summary>
    private sealed class SpectreProgress(ProgressTask broad, ProgressTask refine) : IProgress<ScreeningProgress>
    {
        private readonly Lock _gate = new();

        public void Report(ScreeningProgress value)
        {
            lock (_gate)
            {
                var task = value.Stage == ScreeningStage.BroadPhase ? broad : refine;
                if (!task.IsStarted) task.StartTask();
                task.MaxValue = Math.Max(1, value.Total);
                task.Value = Math.Max(task.Value, value.Completed);
                if (value.Stage == ScreeningStage.Refinement && !broad.IsFinished) broad.Value = broad.MaxValue;
            }
        }

        public void Complete()
        {
            lock (_gate)
            {
                broad.Value = broad.MaxValue;
                if (!refine.IsStarted) refine.StartTask();
                refine.Value = refine.MaxValue;
            }
        }
    }
}
