using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Steppe.Core.SpaceWeather;
using Steppe.Dynamics.Forces.Gravity;
using Steppe.Dynamics.Numerical;
using Steppe.Planning;
using Steppe.Planning.Precise;

namespace Steppe.Cli.Commands;

/// <summary>What <c>steppe propagate-many</c> and <c>steppe montecarlo</c> share: the force-model options of
/// <c>propagate --opm</c>, the tables, spans such as 6h, and a progress bar on standard error.</summary>
internal static class PreciseCommandSupport
{
    /// <summary>The force-model and spacecraft options of <c>propagate --opm</c> (not its --opm, and --duration only when asked).</summary>
    public static IEnumerable<Option> ForceOptions(PrecisePropagation precise, bool withDuration) =>
        precise.All.Where(o => o != precise.Opm && (withDuration || o != precise.Duration));

    /// <summary>The spacecraft values given beside the OPMs.</summary>
    public static SpacecraftOverrides Overrides(PrecisePropagation precise, ParseResult parse) => new(
        parse.GetValue(precise.MassKg), parse.GetValue(precise.DragAreaM2), parse.GetValue(precise.DragCoefficient), parse.GetValue(precise.SrpAreaM2),
        parse.GetValue(precise.ReflectivityCoefficient));

    /// <summary>The tables of this run: its Earth orientation and leap seconds, DE405, the bundled space weather, and the
    /// field of a user's ICGEM file when <paramref name="settings"/> name one (read here, once).</summary>
    public static PreciseTables Tables(CliContext context, ForceModelSettings settings)
    {
        GravityField? userField = null;
        if (!settings.IsPointMass && settings.BundledField is null)
        {
            var info = new FileInfo(settings.Gravity);
            if (!info.Exists)
            {
                throw new CliException(ExitCodes.Usage, $"--gravity: '{settings.Gravity}' is neither egm2008, jgm3, none nor a readable ICGEM .gfc file");
            }

            try
            {
                using var stream = info.OpenRead();
                userField = IcgemReader.Read(stream, info.Name);
            }
            catch (GravityFieldFormatException e)
            {
                throw new CliException(ExitCodes.BadInput, FirstLine(e.Message));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.BadInput, $"{info.Name}: {e.Message}");
            }
        }

        return new PreciseTables(context.Tables, PlanningEphemerides.Bundled, SpaceWeatherTable.Bundled, userField);
    }

    /// <summary>Checks that the settings build for <paramref name="conditions"/> (a usage error naming the option otherwise).</summary>
    public static ForceModel Model(PreciseTables tables, ForceModelSettings resolved, PreciseInitialConditions conditions)
    {
        try
        {
            return tables.Build(resolved, conditions.Spacecraft);
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Usage, $"--{FirstLine(e.Message).Split(" (Parameter", 2)[0]}");
        }
    }

    /// <summary>A span such as 90m, 6h, 1d or 3600 (seconds), in seconds; null when it is not one.</summary>
    public static double? ParseSpanSeconds(string text)
    {
        var number = text.Trim();
        double unit = 1;
        if (number.Length > 0 && char.IsLetter(number[^1]))
        {
            unit = char.ToLowerInvariant(number[^1]) switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => double.NaN };
            number = number[..^1];
        }

        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value * unit) ? value * unit : null;
    }

    /// <summary>The OPM's text, or a one-line input error.</summary>
    public static string ReadText(FileInfo file)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PreciseInputException($"{file.Name}: {e.Message}");
        }
    }

    /// <summary>Validated --threads.</summary>
    public static PreciseBatchOptions Workers(int threads) => threads == 0 || threads < -1
        ? throw new CliException(ExitCodes.Usage, $"--threads: expected a positive number (or -1 for every core), found {threads}")
        : new PreciseBatchOptions { MaxDegreeOfParallelism = threads };

    /// <summary>Runs <paramref name="work"/> under a progress bar on standard error (drawn only on a terminal).</summary>
    public static T WithProgress<T>(CliContext context, string description, Func<Action<long, long>, T> work)
    {
        T result = default!;
        context.ErrorConsole.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(description);
                var gate = new Lock();
                result = work((done, total) =>
                {
                    lock (gate)
                    {
                        task.MaxValue = Math.Max(1, total);
                        task.Value = Math.Max(task.Value, done);
                    }
                });
                lock (gate) task.Value = task.MaxValue;
            });
        return result;
    }

    public static string FirstLine(string text) => text.Split('\n')[0].Trim();

    /// <summary>An <see cref="IProgress{T}"/> that calls back at once, on the reporting thread.</summary>
    public sealed class Callback<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
