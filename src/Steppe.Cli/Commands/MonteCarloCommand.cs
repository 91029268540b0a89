using System.CommandLine;
using System.Globalization;
using Steppe.Cli.Output;
using Steppe.Cluster.Hosting;
using Steppe.Cluster.Jobs;
using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;

namespace Steppe.Cli.Commands;

/// <summary>
/// <c>steppe montecarlo</c>: samples of an OPM's covariance (and optionally of C_D and C_R) propagated with the force
/// model of <c>propagate --opm</c>, on the local cores or (<c>--cluster</c>) in chunks on a Steppe cluster with the same
/// result; prints the sample mean and the 1σ in RIC at each <c>--at</c> time.
/// </summary>
internal static class MonteCarloCommand
{
    public static Command Create(CliContext context)
    {
        var precise = new PrecisePropagation();
        var opm = new Option<FileInfo>("--opm") { Description = "The OPM (KVN or XML) whose state and covariance (CX_X … CZ_DOT_Z_DOT, in RTN or an inertial frame) are sampled.", Required = true };
        var samples = new Option<int>("--samples") { Description = "How many samples (default 1000).", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the draws: the same seed gives the same samples, locally or on a cluster (default 1).", DefaultValueFactory = _ => 1 };
        var at = new Option<string>("--at")
        {
            Description = "Report times after the OPM epoch, comma-separated spans such as 6h,12h,24h or seconds (default 1d).",
            DefaultValueFactory = _ => "1d",
        };
        var cdSigma = new Option<double>("--cd-sigma-percent") { Description = "1σ dispersion of C_D (so of C_D·A/m), percent (default 0)." };
        var crSigma = new Option<double>("--cr-sigma-percent") { Description = "1σ dispersion of C_R, percent (default 0)." };
        var samplesOut = new Option<FileInfo?>("--samples-out") { Description = "Also write every sample's GCRF state at each report time to this CSV file." };
        var threads = new Option<int>("--threads") { Description = "Samples propagated at once locally (default -1: one per core).", DefaultValueFactory = _ => -1 };
        var format = CommonOptions.Format();
        var cluster = new Option<bool>("--cluster")
        {
            Description = "Run on a Steppe cluster ('steppe cluster silo'): chunks of samples on the silos, merged in sample order; the result is the local one " +
                "(the silos use their bundled tables and gravity fields). Needs --postgres or --gateway.",
        };
        var postgres = ClusterOptions.Postgres("with --cluster, find the silos there");
        var gateways = ClusterOptions.Gateways();
        var clusterId = ClusterOptions.ClusterId();
        var serviceId = ClusterOptions.ServiceId();
        var connectTimeout = ClusterOptions.ConnectTimeout();
        var chunks = new Option<int?>("--chunks") { Description = "With --cluster: how many chunks to cut the samples into (default: 4 per active silo)." };
        var command = new Command("montecarlo", "Monte Carlo propagation of an OPM's covariance with the force model of 'propagate --opm': the sample mean and 1σ (RIC) at chosen times, locally or on a cluster.")
        {
            opm, samples, seed, at, cdSigma, crSigma, samplesOut, threads, format, cluster, postgres, gateways, clusterId, serviceId, connectTimeout, chunks,
        };
        foreach (var option in PreciseCommandSupport.ForceOptions(precise, withDuration: false))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var file = parse.GetValue(opm)!;
            int count = parse.GetValue(samples);
            if (count < 2)
            {
                throw new CliException(ExitCodes.Usage, $"--samples: expected at least 2, found {count}");
            }

            var dispersions = new MonteCarloDispersions(parse.GetValue(cdSigma), parse.GetValue(crSigma));
            try
            {
                dispersions.Validate();
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new CliException(ExitCodes.Usage, "--cd-sigma-percent, --cr-sigma-percent: expected non-negative percentages");
            }

            var workers = PreciseCommandSupport.Workers(parse.GetValue(threads));
            var settings = precise.Settings(parse);
            var tables = PreciseCommandSupport.Tables(context, settings);
            string text = Input(() => PreciseCommandSupport.ReadText(file));
            var epoch = Input(() => OpmInput.Parse(text, file.Name)).State.Epoch;
            var times = Times(parse.GetValue(at)!, epoch);
            var job = new MonteCarloJob(text, file.Name, PreciseCommandSupport.Overrides(precise, parse), settings, times, count, parse.GetValue(seed), dispersions);
            var request = Input(() => job.Resolve(context.Tables));
            PreciseCommandSupport.Model(tables, request.Settings, request.Conditions);

            ClusterClientSettings? clusterSettings = null;
            if (parse.GetValue(cluster))
            {
                clusterSettings = ClusterOptions.ClientSettings(parse.GetValue(clusterId)!, parse.GetValue(serviceId)!, parse.GetValue(postgres), parse.GetValue(gateways),
                    parse.GetValue(connectTimeout), "montecarlo --cluster");
                if (parse.GetValue(chunks) is < 1)
                {
                    throw new CliException(ExitCodes.Usage, $"--chunks: expected a positive number, found {parse.GetValue(chunks)}");
                }

                if (!settings.IsPointMass && settings.BundledField is null)
                {
                    throw new CliException(ExitCodes.Usage, "--gravity: a cluster run uses the silos' bundled fields (egm2008, jgm3) or none, not a file");
                }
            }
            else
            {
                foreach (var clusterOnly in new Option[] { postgres, gateways, chunks, connectTimeout })
                {
                    if (parse.GetResult(clusterOnly) is { Implicit: false }) throw new CliException(ExitCodes.Usage, $"{clusterOnly.Name} needs --cluster");
                }
            }

            string description = $"Monte Carlo: {count} samples";
            MonteCarloResult result = clusterSettings is null
                ? PreciseCommandSupport.WithProgress(context, description, report =>
                    MonteCarlo.Run(request, tables, workers, new PreciseCommandSupport.Callback<MonteCarloProgress>(p => report(p.Completed, p.Total))))
                : OnCluster(context, clusterSettings, job, tables, parse.GetValue(chunks), description);

            var failures = result.Failures.ToList();
            if (failures.Count > 0)
            {
                context.Error.WriteLine($"steppe: {failures.Count} of {count} samples failed (first: {failures[0].Error}); the statistics are over the others");
            }

            if (result.Statistics.Count == 0)
            {
                throw new CliException(ExitCodes.PropagationFailure, $"{file.Name}: fewer than 2 samples reached the report times");
            }

            if (parse.GetValue(samplesOut) is { } outFile)
            {
                WriteSamples(outFile, result);
            }

            string header = $"{(result.Settings.Regime == OrbitRegime.Leo ? "LEO" : "GEO")} force model: {result.Model}; {tables.Build(result.Settings, request.Conditions.Spacecraft).Integration}";
            string caption = string.Create(CultureInfo.InvariantCulture,
                $"Monte Carlo of {file.Name}: {count} samples, seed {job.Seed}, C_D ±{dispersions.DragPercent} %, C_R ±{dispersions.ReflectivityPercent} % (1σ); " +
                $"mean in GCRF (km, km/s); 1σ in the radial, in-track, cross-track axes of the mean (km, m/s). {header}.");
            var table = new ResultTable(
                [
                    new("time_utc", "time (UTC)"), new("samples", "samples"),
                    new("sigma_r_km", "σR (km)", "0.000"), new("sigma_i_km", "σI (km)", "0.000"), new("sigma_c_km", "σC (km)", "0.000"),
                    new("sigma_vr_m_s", "σṘ (m/s)", "0.000"), new("sigma_vi_m_s", "σİ (m/s)", "0.000"), new("sigma_vc_m_s", "σĊ (m/s)", "0.000"),
                    new("mean_x_km", "x (km)", "0.000"), new("mean_y_km", "y (km)", "0.000"), new("mean_z_km", "z (km)", "0.000"),
                    new("mean_vx_km_s", "vx (km/s)", "0.000000"), new("mean_vy_km_s", "vy (km/s)", "0.000000"), new("mean_vz_km_s", "vz (km/s)", "0.000000"),
                ],
                caption);
            foreach (var s in result.Statistics)
            {
                var p = s.RicPositionSigmaKm;
                var v = s.RicVelocitySigmaKmPerS * 1000;
                table.Add(s.Time, s.Count, p.X, p.Y, p.Z, v.X, v.Y, v.Z,
                    s.Mean.PositionKm.X, s.Mean.PositionKm.Y, s.Mean.PositionKm.Z, s.Mean.VelocityKmPerS.X, s.Mean.VelocityKmPerS.Y, s.Mean.VelocityKmPerS.Z);
            }

            if (parse.GetValue(format) != OutputFormat.Table)
            {
                context.Error.WriteLine($"steppe: {header}");
            }

            table.Write(parse.GetValue(format), context);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static MonteCarloResult OnCluster(CliContext context, ClusterClientSettings settings, MonteCarloJob job, PreciseTables tables, int? chunks, string description)
    {
        var connection = ClusterOptions.Connect(settings);

        // Ctrl+C stops the job and releases its chunks on the silos, rather than leaving them running.
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var runner = new ClusterMonteCarloRunner(connection.Client, new ClusterJobOptions { Items = chunks });
            runner.ChunkRetried += (_, r) => context.Error.WriteLine($"steppe: {r.Reason}; chunk {r.Item + 1} redone on silo {r.NextSilo}");
            return PreciseCommandSupport.WithProgress(context, description, report =>
                runner.RunAsync(job, tables, new PreciseCommandSupport.Callback<MonteCarloProgress>(p => report(p.Completed, p.Total)), cancel.Token).GetAwaiter().GetResult());
        }
        catch (ClusterUnavailableException e)
        {
            throw new CliException(ExitCodes.ClusterUnavailable, $"cluster: {e.Message}");
        }
        catch (PreciseInputException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message);
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.BadInput, $"cluster: {PreciseCommandSupport.FirstLine(e.Message)}");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Cancelled, "cancelled; the chunks on the silos were released");
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static List<Instant> Times(string text, Instant epoch)
    {
        var times = new List<Instant>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (PreciseCommandSupport.ParseSpanSeconds(part) is not { } seconds || !(seconds > 0))
            {
                throw new CliException(ExitCodes.Usage, $"--at: expected positive spans after the epoch such as 6h,12h,24h, found '{part}'");
            }

            times.Add(epoch.AddSeconds(seconds));
        }

        return times.Count > 0 ? times : throw new CliException(ExitCodes.Usage, "--at: give at least one report time, e.g. 6h,12h,24h");
    }

    private static void WriteSamples(FileInfo file, MonteCarloResult result)
    {
        var table = new ResultTable(
        [
            new("sample", "sample"), new("time_utc", "time (UTC)"), new("x_km", "x"), new("y_km", "y"), new("z_km", "z"),
            new("vx_km_s", "vx"), new("vy_km_s", "vy"), new("vz_km_s", "vz"), new("cd_factor", "C_D factor"), new("cr_factor", "C_R factor"),
        ]);
        foreach (var s in result.Samples.Where(s => s.States is not null))
        {
            foreach (var state in s.States!)
            {
                table.Add(s.Index, state.Epoch, state.PositionKm.X, state.PositionKm.Y, state.PositionKm.Z, state.VelocityKmPerS.X, state.VelocityKmPerS.Y, state.VelocityKmPerS.Z,
                    s.DragScale, s.ReflectivityScale);
            }
        }

        try
        {
            using var writer = new StreamWriter(file.FullName);
            table.WriteCsv(writer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"--samples-out: {file.Name}: {e.Message}");
        }
    }

    private static T Input<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (PreciseInputException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message);
        }
    }
}
