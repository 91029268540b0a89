using Orleans.Configuration;

namespace Steppe.Cluster.Hosting;

/// <summary>
/// How Steppe silos find out that one of them has died, tuned for a job scheduler: a job waits on a dead silo's share
/// of the grain directory until the silo is declared dead, so detection is faster than Orleans' defaults (5 s probes,
/// dead in about 15–60 s), yet long enough that a silo busy screening on every core is not voted out for a pause.
/// </summary>
/// <remarks>
/// Each silo probes the others every <see cref="ProbeTimeout"/> (Orleans adapts the period and timeout to the answers
/// it sees, between half of it and <see cref="MaxProbeTimeout"/>); after <see cref="MissedProbesLimit"/> missed probes
/// it suspects the silo and writes a vote in the membership; <see cref="VotesForDeath"/> votes (fewer when fewer silos
/// are left to vote) declare it dead. A killed silo is therefore declared dead after
/// <see cref="MissedProbesLimit"/> × <see cref="ProbeTimeout"/> (<see cref="ExpectedDetectionTime"/>) and at most
/// <see cref="MissedProbesLimit"/> × <see cref="MaxProbeTimeout"/> (<see cref="LongestDetectionTime"/>). The client does
/// not wait for that to take a lost silo's items back (two failed polls suffice), but new items placed while the dead
/// silo still owns part of the grain directory may wait until it is declared dead.
/// Each silo writes its heartbeat in the membership every <see cref="HeartbeatPeriod"/>: a silo that a client excluded
/// after it failed to answer is used again once it has written a newer one.
/// </remarks>
public static class ClusterFailureDetection
{
    /// <summary>The probe period and initial probe timeout.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The longest probe timeout Orleans may adapt to when answers are slow.</summary>
    public static readonly TimeSpan MaxProbeTimeout = TimeSpan.FromSeconds(4);

    /// <summary>Missed probes in a row after which a silo is suspected (a vote in the membership).</summary>
    public const int MissedProbesLimit = 3;

    /// <summary>Votes that declare a silo dead.</summary>
    public const int VotesForDeath = 2;

    /// <summary>How often each silo writes its heartbeat (its "I am alive" time) in the membership.</summary>
    public static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(10);

    /// <summary>How often each silo reads the whole membership (changes also spread between silos at once).</summary>
    public static readonly TimeSpan TableRefreshPeriod = TimeSpan.FromSeconds(10);

    /// <summary>The time from a silo's death to its declaration as dead, with probes answered at their usual pace.</summary>
    public static TimeSpan ExpectedDetectionTime => ProbeTimeout * MissedProbesLimit;

    /// <summary>The same when probe timeouts have grown to <see cref="MaxProbeTimeout"/>.</summary>
    public static TimeSpan LongestDetectionTime => MaxProbeTimeout * MissedProbesLimit;

    /// <summary>One line for operators.</summary>
    public static string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"probes every {ProbeTimeout.TotalSeconds:0.#} s (up to {MaxProbeTimeout.TotalSeconds:0.#} s when answers are slow); suspected after {MissedProbesLimit} missed probes, dead after {VotesForDeath} votes: {ExpectedDetectionTime.TotalSeconds:0.#}–{LongestDetectionTime.TotalSeconds:0.#} s after a crash");

    /// <summary>Sets these values on Orleans' membership options.</summary>
    public static void Apply(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ProbeTimeout = ProbeTimeout;
        options.MinProbeTimeout = ProbeTimeout / 2;
        options.MaxProbeTimeout = MaxProbeTimeout;
        options.NumMissedProbesLimit = MissedProbesLimit;
        options.NumVotesForDeathDeclaration = VotesForDeath;
        options.IAmAliveTablePublishTimeout = HeartbeatPeriod;
        options.TableRefreshTimeout = TableRefreshPeriod;
    }
}
