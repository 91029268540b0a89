using System.CommandLine;
using Steppe.Cli.Output;
using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;

namespace Steppe.Cli.Commands;

/// <summary>
/// <c>steppe propagate-many</c>: <c>propagate --opm</c> for many objects at once, propagated in parallel on the local
/// cores (<see cref="PreciseBatch"/>: the same states as one <c>propagate --opm</c> per file, bit for bit). One table,
/// object by object in the order given; an object that fails is named on standard error and the others are printed.
/// </summary>
internal static class PropagateManyCommand
{
    private const long MaxRows = 20_000_000;

    public static Command Create(CliContext context)
    {
        var precise = new PrecisePropagation();
        var opm = new Option<FileInfo[]>("--opm")
        {
            Description = "An OPM (KVN or XML) to propagate; repeat it (or list several) for several objects.",
            AllowMultipleArgumentsPerToken = true,
        };
        var opmDir = new Option<DirectoryInfo?>("--opm-dir") { Description = "Also propagate every OPM of this folder (*.opm, *.kvn, *.xml), in name order." };
        var to = CommonOptions.To(context.Time, required: false);
        var step = new Option<double>("--step") { Description = "Step between states, seconds (default 60).", DefaultValueFactory = _ => 60.0 };
        var frame = new Option<OutputFrame>("--frame")
        {
            Description = "Frame of the output: gcrf (default), itrf, teme (km, km/s) or geodetic (deg, km on WGS-84).",
            DefaultValueFactory = _ => OutputFrame.Gcrf,
        };
        var format = CommonOptions.Format();
        var threads = new Option<int>("--threads") { Description = "Objects propagated at once (default -1: one per core).", DefaultValueFactory = _ => -1 };
        var command = new Command("propagate-many", "Propagate many OPM states numerically, in parallel on the local cores, with the force model of 'propagate --opm', and print each object's states over a span.")
        {
            opm, opmDir, to, step, frame, format, threads,
        };
        foreach (var option in PreciseCommandSupport.ForceOptions(precise, withDuration: true))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Run(context, parse, precise, Files(parse.GetValue(opm), parse.GetValue(opmDir)), parse.GetResult(to) is { } ? parse.GetValue(to) : null,
            parse.GetValue(step), parse.GetValue(frame), parse.GetValue(format), parse.GetValue(threads)));
        return command;
    }

    private static List<FileInfo> Files(FileInfo[]? files, DirectoryInfo? dir)
    {
        var all = new List<FileInfo>(files ?? []);
        if (dir is not null)
        {
            if (!dir.Exists)
            {
                throw new CliException(ExitCodes.BadInput, $"--opm-dir: no folder '{dir.FullName}'");
            }

            all.AddRange(dir.EnumerateFiles()
                .Where(f => f.Extension.ToLowerInvariant() is ".opm" or ".kvn" or ".xml")
                .OrderBy(f => f.Name, StringComparer.Ordinal));
        }

        return all.Count > 0 ? all : throw new CliException(ExitCodes.Usage, "give the objects with --opm FILE (repeatable) or --opm-dir DIR");
    }

    private static int Run(CliContext context, ParseResult parse, PrecisePropagation precise, List<FileInfo> files, Instant? to, double stepSeconds, OutputFrame frame,
        OutputFormat format, int threads)
    {
        if (!(stepSeconds > 0) || !double.IsFinite(stepSeconds))
        {
            throw new CliException(ExitCodes.Usage, $"--step: expected a positive number of seconds, found {stepSeconds}");
        }

        double? durationSeconds = null;
        if (to is null)
        {
            var text = parse.GetValue(precise.Duration) ?? "1d";
            durationSeconds = PreciseCommandSupport.ParseSpanSeconds(text) is { } d && d != 0
                ? d
                : throw new CliException(ExitCodes.Usage, $"--duration: expected a non-zero span such as 90m, 6h, 1d or 3600, found '{text}'");
        }

        var workers = PreciseCommandSupport.Workers(threads);
        var settings = precise.Settings(parse);
        var tables = PreciseCommandSupport.Tables(context, settings);
        var overrides = PreciseCommandSupport.Overrides(precise, parse);
        var eop = context.Tables.EarthOrientation;

        // Files that cannot start a propagation are named now; the others go on.
        var items = new List<PreciseBatchItem>();
        int badInput = 0;
        foreach (var file in files)
        {
            try
            {
                var conditions = OpmInput.Resolve(OpmInput.Parse(PreciseCommandSupport.ReadText(file), file.Name), file.Name, eop, overrides);
                var epoch = conditions.InitialState.Epoch;
                items.Add(new PreciseBatchItem(file.Name, conditions, to ?? epoch.AddSeconds(durationSeconds!.Value)));
            }
            catch (PreciseInputException e)
            {
                context.Error.WriteLine($"steppe: {e.Message}");
                badInput++;
            }
        }

        long rows = items.Sum(i => (long)Math.Floor(Math.Abs(i.End.SecondsSince(i.Conditions.InitialState.Epoch)) / stepSeconds) + 1);
        if (rows > MaxRows)
        {
            throw new CliException(ExitCodes.Usage, $"{rows} rows requested; the limit is {MaxRows} (use a larger --step or a shorter span)");
        }

        if (items.Count > 0)
        {
            // A settings error is the same for every object: say it once, as propagate --opm does.
            var first = items[0].Conditions;
            PreciseCommandSupport.Model(tables, Resolve(first, settings), first);
        }

        var outcomes = PreciseCommandSupport.WithProgress(context, $"Propagating {items.Count} objects", report =>
            PreciseBatch.Propagate(items, settings, tables, workers, new PreciseCommandSupport.Callback<PreciseBatchProgress>(p => report(p.Completed, p.Total))));

        if (frame is OutputFrame.Itrf or OutputFrame.Geodetic && items.Count > 0)
        {
            context.WarnAboutData(items.Min(i => Earliest(i)), items.Max(i => Latest(i)));
        }

        var headers = outcomes.Where(o => o.Model is not null)
            .Select(o => $"{(o.Settings!.Regime == OrbitRegime.Leo ? "LEO" : "GEO")} force model: {o.Model!.Description}; {o.Model.Integration}")
            .Distinct().ToList();
        var table = new ResultTable([new("object", "object"), new("time_utc", "time (UTC)"), .. StateColumns.For(frame)],
            $"{StateColumns.Caption(frame)} {string.Join(". ", headers)}.");
        int failed = 0;
        foreach (var (item, outcome) in items.Zip(outcomes))
        {
            if (outcome.Trajectory is not { } trajectory)
            {
                context.Error.WriteLine($"steppe: {outcome.Error}");
                failed++;
                continue;
            }

            var epoch = item.Conditions.InitialState.Epoch;
            long steps = (long)Math.Floor(Math.Abs(item.End.SecondsSince(epoch)) / stepSeconds) + 1;
            double sign = item.End >= epoch ? 1 : -1;
            for (long k = 0; k < steps; k++)
            {
                var t = epoch.AddSeconds(sign * k * stepSeconds);
                var s = trajectory.StateAt(t);
                if (!s.PositionKm.IsFinite || !s.VelocityKmPerS.IsFinite)
                {
                    context.Error.WriteLine($"steppe: {item.Name}: propagation failed: the state at {t} is not finite; no states after this time");
                    failed++;
                    break;
                }

                var cells = new List<object?> { item.Name, t };
                StateColumns.Add(cells, s, frame, eop);
                table.Add([.. cells]);
            }
        }

        if (format != OutputFormat.Table)
        {
            foreach (var header in headers) context.Error.WriteLine($"steppe: {header}");
        }

        table.Write(format, context);
        return badInput > 0 ? ExitCodes.BadInput : failed > 0 ? ExitCodes.PropagationFailure : ExitCodes.Ok;
    }

    private static ForceModelSettings Resolve(PreciseInitialConditions conditions, ForceModelSettings settings)
    {
        try
        {
            return conditions.Resolve(settings);
        }
        catch (PreciseInputException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message);
        }
    }

    private static Instant Earliest(PreciseBatchItem i) => i.End < i.Conditions.InitialState.Epoch ? i.End : i.Conditions.InitialState.Epoch;

    private static Instant Latest(PreciseBatchItem i) => i.End > i.Conditions.InitialState.Epoch ? i.End : i.Conditions.InitialState.Epoch;
}
