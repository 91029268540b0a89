using System.Text.Json;
using Steppe.Core.Frames;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;

namespace Steppe.Cluster.Contracts;

/// <summary>
/// A chunk of a Monte Carlo run: the job's plain values (the OPM's text, spacecraft overrides, the force-model settings,
/// the report times, the seed, the dispersions) and the range of samples this item draws and propagates. The silo rebuilds
/// the request from its own bundled tables.
/// </summary>
[GenerateSerializer, Immutable, Alias("steppe.montecarlo-work")]
internal sealed record MonteCarloChunkWork : ClusterWork
{
    [Id(0)] public required string OpmText { get; init; }

    [Id(1)] public required string SourceName { get; init; }

    /// <summary>Mass, drag area, C_D, SRP area, C_R overrides (NaN: none).</summary>
    [Id(2)] public required double[] Overrides { get; init; }

    /// <summary>The <see cref="ForceModelSettings"/> as JSON.</summary>
    [Id(3)] public required string SettingsJson { get; init; }

    [Id(4)] public required InstantDto[] Times { get; init; }

    [Id(5)] public required int Samples { get; init; }

    [Id(6)] public required long Seed { get; init; }

    [Id(7)] public required double DragPercent { get; init; }

    [Id(8)] public required double ReflectivityPercent { get; init; }

    /// <summary>The chunk's first sample.</summary>
    [Id(9)] public required int First { get; init; }

    /// <summary>Samples in the chunk.</summary>
    [Id(10)] public required int Count { get; init; }

    /// <summary>The settings' values only (not the field a computed property reaches).</summary>
    private static readonly JsonSerializerOptions SettingsJsonOptions = new() { IgnoreReadOnlyProperties = true };

    public override string Describe() => $"Monte Carlo samples {First} to {First + Count - 1}";

    public static MonteCarloChunkWork From(MonteCarloJob job, int first, int count)
    {
        var o = job.Overrides ?? new SpacecraftOverrides();
        return new MonteCarloChunkWork
        {
            OpmText = job.OpmText,
            SourceName = job.SourceName,
            Overrides = [o.MassKg ?? double.NaN, o.DragAreaM2 ?? double.NaN, o.DragCoefficient ?? double.NaN, o.SrpAreaM2 ?? double.NaN, o.ReflectivityCoefficient ?? double.NaN],
            SettingsJson = JsonSerializer.Serialize(job.Settings, SettingsJsonOptions),
            Times = [.. job.Times.Select(InstantDto.From)],
            Samples = job.Samples,
            Seed = job.Seed,
            DragPercent = job.Dispersions.DragPercent,
            ReflectivityPercent = job.Dispersions.ReflectivityPercent,
            First = first,
            Count = count,
        };
    }

    /// <summary>The job this chunk belongs to.</summary>
    /// <exception cref="ArgumentException">The chunk does not hold a job (its settings are not readable).</exception>
    public MonteCarloJob ToJob()
    {
        if (Overrides.Length != 5) throw new ArgumentException("A Monte Carlo chunk carries 5 spacecraft overrides.", nameof(Overrides));
        ForceModelSettings settings;
        try
        {
            settings = JsonSerializer.Deserialize<ForceModelSettings>(SettingsJson, SettingsJsonOptions) ?? throw new ArgumentException("The force-model settings are empty.", nameof(SettingsJson));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The force-model settings are not readable: {e.Message}", nameof(SettingsJson), e);
        }

        double? Value(int i) => double.IsNaN(Overrides[i]) ? null : Overrides[i];
        return new MonteCarloJob(
            OpmText,
            SourceName,
            new SpacecraftOverrides(Value(0), Value(1), Value(2), Value(3), Value(4)),
            settings,
            [.. Times.Select(t => t.ToInstant())],
            Samples,
            Seed,
            new MonteCarloDispersions(DragPercent, ReflectivityPercent));
    }
}

/// <summary>The samples of a chunk: initial states and states at the report times (sample-major, 6 values each), the
/// parameter factors, and the error of each failed sample (null for the others).</summary>
[GenerateSerializer, Immutable, Alias("steppe.montecarlo-outcome")]
internal sealed record MonteCarloChunkOutcome : WorkOutcome
{
    /// <summary>Initial GCRF states, 6 values per sample.</summary>
    [Id(0)] public required double[] Initial { get; init; }

    /// <summary>GCRF states at the report times, <c>6 · times</c> values per sample (NaN for a failed sample).</summary>
    [Id(1)] public required double[] States { get; init; }

    [Id(2)] public required double[] DragScale { get; init; }

    [Id(3)] public required double[] ReflectivityScale { get; init; }

    [Id(4)] public required string?[] Errors { get; init; }

    public static MonteCarloChunkOutcome From(IReadOnlyList<MonteCarloSample> samples, int timeCount)
    {
        var initial = new double[samples.Count * 6];
        var states = new double[samples.Count * timeCount * 6];
        Array.Fill(states, double.NaN);
        for (int k = 0; k < samples.Count; k++)
        {
            Write(samples[k].Initial, initial, k * 6);
            if (samples[k].States is { } s)
            {
                for (int t = 0; t < timeCount; t++) Write(s[t], states, ((k * timeCount) + t) * 6);
            }
        }

        return new MonteCarloChunkOutcome
        {
            Initial = initial,
            States = states,
            DragScale = [.. samples.Select(s => s.DragScale)],
            ReflectivityScale = [.. samples.Select(s => s.ReflectivityScale)],
            Errors = [.. samples.Select(s => s.Error)],
        };
    }

    /// <summary>The samples again, numbered from <paramref name="first"/>, with the epoch and the report times of the job.</summary>
    /// <exception cref="InvalidDataException">The arrays do not fit the chunk.</exception>
    public MonteCarloSample[] ToSamples(int first, Core.Time.Instant epoch, IReadOnlyList<Core.Time.Instant> times)
    {
        int n = Errors.Length;
        if (Initial.Length != n * 6 || States.Length != n * times.Count * 6 || DragScale.Length != n || ReflectivityScale.Length != n)
        {
            throw new InvalidDataException("A Monte Carlo chunk's samples do not fit the job it belongs to.");
        }

        var samples = new MonteCarloSample[n];
        for (int k = 0; k < n; k++)
        {
            StateVector[]? states = null;
            if (Errors[k] is null)
            {
                states = new StateVector[times.Count];
                for (int t = 0; t < times.Count; t++) states[t] = Read(States, ((k * times.Count) + t) * 6, times[t]);
            }

            samples[k] = new MonteCarloSample(first + k, Read(Initial, k * 6, epoch), DragScale[k], ReflectivityScale[k], states, Errors[k]);
        }

        return samples;
    }

    private static void Write(StateVector s, double[] into, int at)
    {
        into[at] = s.PositionKm.X;
        into[at + 1] = s.PositionKm.Y;
        into[at + 2] = s.PositionKm.Z;
        into[at + 3] = s.VelocityKmPerS.X;
        into[at + 4] = s.VelocityKmPerS.Y;
        into[at + 5] = s.VelocityKmPerS.Z;
    }

    private static StateVector Read(double[] from, int at, Core.Time.Instant time) =>
        new(time, Frame.Gcrf, new(from[at], from[at + 1], from[at + 2]), new(from[at + 3], from[at + 4], from[at + 5]));
}
