using System.Globalization;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Maneuvers;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;

namespace Steppe.Planning.Conjunctions.Avoidance;

/// <summary>The direction of an avoidance burn in the primary's RTN axes at the burn.</summary>
public enum BurnDirection
{
    /// <summary>+T: along the velocity (raises the orbit, the satellite arrives later).</summary>
    AlongTrackPlus,

    /// <summary>−T: against the velocity (lowers the orbit, the satellite arrives earlier).</summary>
    AlongTrackMinus,

    /// <summary>+R: away from the Earth.</summary>
    RadialPlus,

    /// <summary>−R: towards the Earth.</summary>
    RadialMinus,

    /// <summary>+N: along the orbit normal r × v.</summary>
    CrossTrackPlus,

    /// <summary>−N: against the orbit normal.</summary>
    CrossTrackMinus,
}

/// <summary>Words and unit vectors of <see cref="BurnDirection"/>.</summary>
public static class BurnDirections
{
    /// <summary>All six directions.</summary>
    public static IReadOnlyList<BurnDirection> All { get; } = Enum.GetValues<BurnDirection>();

    /// <summary>The short word: <c>+T</c>, <c>-T</c>, <c>+R</c>, <c>-R</c>, <c>+N</c>, <c>-N</c>.</summary>
    public static string Word(BurnDirection direction) => direction switch
    {
        BurnDirection.AlongTrackPlus => "+T",
        BurnDirection.AlongTrackMinus => "-T",
        BurnDirection.RadialPlus => "+R",
        BurnDirection.RadialMinus => "-R",
        BurnDirection.CrossTrackPlus => "+N",
        BurnDirection.CrossTrackMinus => "-N",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Not a burn direction."),
    };

    /// <summary>The direction of a word (<see cref="Word"/>, case-insensitive; also <c>T</c>, <c>R</c>, <c>N</c> for plus).</summary>
    /// <exception cref="ArgumentException">Not a direction word.</exception>
    public static BurnDirection Parse(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Trim().ToUpperInvariant() switch
        {
            "+T" or "T" => BurnDirection.AlongTrackPlus,
            "-T" => BurnDirection.AlongTrackMinus,
            "+R" or "R" => BurnDirection.RadialPlus,
            "-R" => BurnDirection.RadialMinus,
            "+N" or "N" => BurnDirection.CrossTrackPlus,
            "-N" => BurnDirection.CrossTrackMinus,
            _ => throw new ArgumentException($"direction '{word}': expected +T, -T, +R, -R, +N or -N", nameof(word)),
        };
    }

    /// <summary>The unit vector in RTN (radial, transverse, normal) components.</summary>
    public static Vector3D Rtn(BurnDirection direction) => direction switch
    {
        BurnDirection.AlongTrackPlus => new Vector3D(0, 1, 0),
        BurnDirection.AlongTrackMinus => new Vector3D(0, -1, 0),
        BurnDirection.RadialPlus => new Vector3D(1, 0, 0),
        BurnDirection.RadialMinus => new Vector3D(-1, 0, 0),
        BurnDirection.CrossTrackPlus => new Vector3D(0, 0, 1),
        BurnDirection.CrossTrackMinus => new Vector3D(0, 0, -1),
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Not a burn direction."),
    };
}

/// <summary>The choices of an avoidance design (every one bounded: see <see cref="Validate"/>).</summary>
public sealed record AvoidanceOptions
{
    /// <summary>The default Pc threshold, 1e-4.</summary>
    public const double DefaultThreshold = 1e-4;

    /// <summary>Most lead times.</summary>
    public const int MaxLeadTimes = 8;

    /// <summary>Most Δv sizes in the grid.</summary>
    public const int MaxSizes = 16;

    /// <summary>The largest lead time, revolutions.</summary>
    public const double MaxLeadRevolutions = 20;

    /// <summary>The smallest lead time, revolutions (the burn must come before the TCA search window of ±¼ revolution).</summary>
    public const double MinLeadRevolutions = 0.3;

    /// <summary>The largest Δv of the grid, m/s.</summary>
    public const double MaxDeltaVMps = 20;

    /// <summary>The Pc a burn must bring the conjunction below.</summary>
    public double PcThreshold { get; init; } = DefaultThreshold;

    /// <summary>Times of the burn before TCA, in revolutions of the primary.</summary>
    public IReadOnlyList<double> LeadTimesRevolutions { get; init; } = [0.5, 1, 2, 5];

    /// <summary>The directions tried.</summary>
    public IReadOnlyList<BurnDirection> Directions { get; init; } = BurnDirections.All;

    /// <summary>The Δv sizes of the grid, m/s, increasing.</summary>
    public IReadOnlyList<double> DeltaVGridMps { get; init; } = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5];

    /// <summary>The bisection on the size stops when the bracket's upper end is within this fraction of its lower end.</summary>
    public double BisectionTolerance { get; init; } = 0.01;

    /// <summary>The force model of both objects (resolved against the primary's state). The default: 8×8 EGM2008, Sun,
    /// Moon, no SRP, no drag — the avoidance effect is the difference of two propagations of the same model.</summary>
    public ForceModelSettings ForceModel { get; init; } = new() { Degree = 8, Order = 8, SolarRadiationPressure = false, Drag = DragModel.None };

    /// <summary>The primary's mass and areas.</summary>
    public Spacecraft PrimarySpacecraft { get; init; } = new(500, 2, 2.2, 2, 1.3);

    /// <summary>The secondary's mass and areas.</summary>
    public Spacecraft SecondarySpacecraft { get; init; } = new(500, 2, 2.2, 2, 1.3);

    /// <summary>The primary's specific impulse, s, for the propellant spent (null: mass unchanged).</summary>
    public double? IspSeconds { get; init; }

    /// <summary>Monte Carlo samples of the Pc assessment.</summary>
    public int MonteCarloSamples { get; init; } = EncounterProbability.DefaultSamples;

    /// <summary>The Monte Carlo seed.</summary>
    public int Seed { get; init; } = EncounterProbability.DefaultSeed;

    /// <summary>Threads for the grid (−1: all processors).</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Throws unless every choice is in bounds.</summary>
    /// <exception cref="ArgumentException">A value is out of bounds; the message names it.</exception>
    public void Validate()
    {
        if (!(PcThreshold > 0 && PcThreshold < 1)) throw new ArgumentException($"threshold: expected a probability between 0 and 1, found {PcThreshold.ToString(CultureInfo.InvariantCulture)}");
        if (LeadTimesRevolutions is null || LeadTimesRevolutions.Count is 0 or > MaxLeadTimes) throw new ArgumentException($"lead times: expected 1 to {MaxLeadTimes} values");
        foreach (double lead in LeadTimesRevolutions)
        {
            if (!(lead >= MinLeadRevolutions && lead <= MaxLeadRevolutions)) throw new ArgumentException($"lead time: expected {MinLeadRevolutions} to {MaxLeadRevolutions} revolutions, found {lead.ToString(CultureInfo.InvariantCulture)}");
        }

        if (Directions is null || Directions.Count == 0 || Directions.Distinct().Count() != Directions.Count) throw new ArgumentException("directions: expected one or more different directions");
        if (DeltaVGridMps is null || DeltaVGridMps.Count is 0 or > MaxSizes) throw new ArgumentException($"Δv grid: expected 1 to {MaxSizes} sizes");
        for (int i = 0; i < DeltaVGridMps.Count; i++)
        {
            double dv = DeltaVGridMps[i];
            if (!(dv > 0 && dv <= MaxDeltaVMps) || (i > 0 && !(dv > DeltaVGridMps[i - 1]))) throw new ArgumentException($"Δv grid: expected increasing sizes above 0 and at most {MaxDeltaVMps} m/s");
        }

        if (!(BisectionTolerance >= 1e-4 && BisectionTolerance <= 0.04)) throw new ArgumentException("bisection tolerance: expected 1e-4 to 0.04");
        if (MonteCarloSamples < 100 || MonteCarloSamples > EncounterProbability.MaxSamples) throw new ArgumentException($"Monte Carlo samples: expected 100 to {EncounterProbability.MaxSamples}");
        if (IspSeconds is { } isp && !(isp > 0 && isp < 1e5)) throw new ArgumentException("Isp: expected a positive number of seconds");
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1) throw new ArgumentException("threads: expected a positive number or -1");
    }
}

/// <summary>One avoidance burn and the conjunction after it.</summary>
/// <param name="LeadTimeRevolutions">The time of the burn before the original TCA, revolutions.</param>
/// <param name="BurnTime">The time of the burn.</param>
/// <param name="Direction">The direction in RTN.</param>
/// <param name="DeltaVMps">The size, m/s.</param>
/// <param name="Tca">The new time of closest approach.</param>
/// <param name="MissKm">The new miss distance, km.</param>
/// <param name="RelativeSpeedKmPerS">The new relative speed, km/s.</param>
/// <param name="Pc">The new Foster 2D Pc (the covariances carried: the primary's RTN covariance at the old TCA on the
/// new state's RTN axes, the secondary's unchanged).</param>
public sealed record AvoidanceOption(double LeadTimeRevolutions, Instant BurnTime, BurnDirection Direction, double DeltaVMps, Instant Tca, double MissKm, double RelativeSpeedKmPerS, double Pc)
{
    /// <summary>The lead time in hours.</summary>
    public double LeadTimeHours(Instant originalTca) => originalTca.SecondsSince(BurnTime) / 3600.0;

    /// <summary>The burn's Δv vector in RTN, m/s.</summary>
    public Vector3D DeltaVRtnMps => BurnDirections.Rtn(Direction) * DeltaVMps;
}

/// <summary>The result of an avoidance design.</summary>
/// <param name="Encounter">The conjunction.</param>
/// <param name="Pc">The Pc of the conjunction by the three methods, with the short-term check.</param>
/// <param name="Nominal">The conjunction as the force model propagates it without a burn (Δv 0).</param>
/// <param name="Options">The trade space: every (lead time, direction, size) of the grid.</param>
/// <param name="Minima">For each (lead time, direction) that reaches the threshold within the grid, the smallest size
/// that does (bisection).</param>
/// <param name="Chosen">The smallest of <see cref="Minima"/> (of equal ones, the latest burn); null when no burn is needed (the nominal Pc is already
/// below the threshold) or none in the grid reaches it.</param>
/// <param name="Threshold">The Pc threshold.</param>
/// <param name="PeriodSeconds">The primary's osculating period, s.</param>
/// <param name="ForceModel">The force model in words.</param>
/// <param name="Note">What was done, in words.</param>
public sealed record AvoidancePlan(
    Encounter Encounter,
    PcAssessment Pc,
    AvoidanceOption Nominal,
    IReadOnlyList<AvoidanceOption> Options,
    IReadOnlyList<AvoidanceOption> Minima,
    AvoidanceOption? Chosen,
    double Threshold,
    double PeriodSeconds,
    string ForceModel,
    string Note);

/// <summary>
/// Collision-avoidance design: the trade space of impulsive burns (time before TCA × size × direction) with the miss
/// distance and Foster Pc after each, and the smallest burn that brings Pc below a threshold.
/// </summary>
/// <remarks>
/// Every burn is flown with the numerical propagator (<see cref="NumericalPropagator"/>, the force model of
/// <see cref="AvoidanceOptions.ForceModel"/>): the primary is propagated back from TCA to the earliest burn, then from the
/// burn time with the impulse to the end of the TCA window (TCA ± a quarter revolution), and the new TCA is found
/// against the secondary's propagated trajectory (<see cref="ConjunctionFromPropagation.FindTca"/>). For each
/// (lead time, direction) the grid brackets the first size whose Pc is below the threshold, and a bisection on the size
/// narrows the bracket to <see cref="AvoidanceOptions.BisectionTolerance"/> (1 %): the size returned meets the threshold
/// and the bracket's lower end, within 1 % of it, does not — so the burn is no larger than needed within 5 %.
/// </remarks>
public sealed class AvoidancePlanner
{
    private readonly Encounter _encounter;
    private readonly AvoidanceOptions _options;
    private readonly PreciseTables _tables;
    private readonly ForceModelSettings _settings;
    private readonly ForceEnvironment _environment;
    private readonly NumericalTrajectory _primary;
    private readonly NumericalTrajectory _secondary;
    private readonly Matrix3x3 _primaryRtnCovarianceKm2;
    private readonly Matrix3x3 _secondaryCovarianceKm2;
    private readonly Instant _windowStart;
    private readonly Instant _windowEnd;

    /// <summary>Prepares a design: propagates both objects around the encounter.</summary>
    /// <exception cref="ArgumentException">The encounter or an option is not usable.</exception>
    public AvoidancePlanner(Encounter encounter, AvoidanceOptions options, PreciseTables tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encounter);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tables);
        encounter.Validate();
        options.Validate();
        _encounter = encounter;
        _options = options;
        _tables = tables;
        _settings = options.ForceModel.Resolve(encounter.Primary);
        _environment = tables.Environment();
        var p = encounter.Primary;
        double a = 1.0 / ((2.0 / p.PositionKm.Length) - (p.VelocityKmPerS.LengthSquared / EncounterProbability.EarthGmKm3PerS2));
        if (!(a > 0)) throw new ArgumentException("The primary is not on a closed orbit.");
        PeriodSeconds = 2 * Math.PI * Math.Sqrt(a * a * a / EncounterProbability.EarthGmKm3PerS2);
        var tca = encounter.Tca;
        _windowStart = tca.AddSeconds(-PeriodSeconds / 4);
        _windowEnd = tca.AddSeconds(PeriodSeconds / 4);
        var start = tca.AddSeconds((-options.LeadTimesRevolutions.Max() * PeriodSeconds) - 60);
        var model1 = Model(options.PrimarySpacecraft);
        ForceModelDescription = model1.Description;
        var back = model1.Propagator(_environment).Propagate(encounter.Primary, options.PrimarySpacecraft, start, cancellationToken: cancellationToken);
        _primary = model1.Propagator(_environment).Propagate(back.StateAt(start), options.PrimarySpacecraft, _windowEnd, cancellationToken: cancellationToken);
        var model2 = Model(options.SecondarySpacecraft);
        var back2 = model2.Propagator(_environment).Propagate(encounter.Secondary, options.SecondarySpacecraft, _windowStart, cancellationToken: cancellationToken);
        _secondary = model2.Propagator(_environment).Propagate(back2.StateAt(_windowStart), options.SecondarySpacecraft, _windowEnd, cancellationToken: cancellationToken);
        var rtn = CovariancePropagation.ToFrame(encounter.PrimaryCovariance, CovarianceFrame.Rtn, encounter.Primary);
        _primaryRtnCovarianceKm2 = Encounter.PositionBlock(rtn);
        _secondaryCovarianceKm2 = Encounter.PositionBlock(encounter.SecondaryGcrf);
    }

    /// <summary>The primary's osculating period at TCA, s.</summary>
    public double PeriodSeconds { get; }

    /// <summary>The force model in words.</summary>
    public string ForceModelDescription { get; }

    /// <summary>The primary's trajectory without a burn, from before the earliest burn to the end of the TCA window.</summary>
    public NumericalTrajectory NominalPrimary => _primary;

    /// <summary>The secondary's trajectory over the TCA window.</summary>
    public NumericalTrajectory Secondary => _secondary;

    /// <summary>The conjunction without a burn.</summary>
    public AvoidanceOption Nominal() => Measure(_primary, 0, _encounter.Tca, BurnDirection.AlongTrackPlus, 0);

    /// <summary>The conjunction after one burn.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The lead time or size is out of bounds.</exception>
    public AvoidanceOption Evaluate(double leadTimeRevolutions, BurnDirection direction, double deltaVMps, CancellationToken cancellationToken = default)
    {
        var (trajectory, burn) = Fly(leadTimeRevolutions, direction, deltaVMps, _windowEnd, Model(_options.PrimarySpacecraft), cancellationToken);
        return Measure(trajectory, leadTimeRevolutions, burn, direction, deltaVMps);
    }

    /// <summary>The primary's trajectory with one burn, from the burn to <paramref name="end"/> (at least the end of the
    /// TCA window), and the maneuver flown.</summary>
    public (NumericalTrajectory Trajectory, ImpulsiveManeuver Maneuver) Trajectory(AvoidanceOption option, Instant end, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(option);
        var stop = end > _windowEnd ? end : _windowEnd;
        var (trajectory, _) = Fly(option.LeadTimeRevolutions, option.Direction, option.DeltaVMps, stop, Model(_options.PrimarySpacecraft), cancellationToken);
        return (trajectory, Maneuver(option.BurnTime, option.Direction, option.DeltaVMps));
    }

    /// <summary>The design: Pc assessment, trade space, minima and the chosen burn.</summary>
    public AvoidancePlan Plan(CancellationToken cancellationToken = default)
    {
        var pc = EncounterProbability.Assess(_encounter, _options.MonteCarloSamples, _options.Seed, cancellationToken);
        var nominal = Nominal();
        var pairs = (from lead in _options.LeadTimesRevolutions from direction in _options.Directions select (lead, direction)).ToArray();
        var grids = new List<AvoidanceOption>[pairs.Length];
        var minima = new AvoidanceOption?[pairs.Length];
        bool needed = nominal.Pc > _options.PcThreshold;
        Parallel.For(
            0,
            pairs.Length,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken },
            i =>
            {
                var (lead, direction) = pairs[i];
                var model = Model(_options.PrimarySpacecraft);
                AvoidanceOption Run(double dv)
                {
                    var (trajectory, burn) = Fly(lead, direction, dv, _windowEnd, model, cancellationToken);
                    return Measure(trajectory, lead, burn, direction, dv);
                }

                var grid = new List<AvoidanceOption>();
                AvoidanceOption? first = null;
                double below = 0;
                foreach (double dv in _options.DeltaVGridMps)
                {
                    var option = Run(dv);
                    grid.Add(option);
                    if (first is null && option.Pc <= _options.PcThreshold)
                    {
                        first = option;
                    }
                    else if (first is null)
                    {
                        below = dv;
                    }
                }

                grids[i] = grid;
                if (needed && first is not null)
                {
                    var hi = first;
                    double lo = below;
                    for (int iteration = 0; iteration < 60 && hi.DeltaVMps - lo > _options.BisectionTolerance * hi.DeltaVMps; iteration++)
                    {
                        double mid = lo > 0 && hi.DeltaVMps / lo > 1.2 ? Math.Sqrt(lo * hi.DeltaVMps) : 0.5 * (lo + hi.DeltaVMps);
                        var option = Run(mid);
                        if (option.Pc <= _options.PcThreshold)
                        {
                            hi = option;
                        }
                        else
                        {
                            lo = mid;
                        }
                    }

                    minima[i] = hi;
                }
            });

        var options = grids.SelectMany(g => g).ToList();
        var found = minima.Where(m => m is not null).Select(m => m!).OrderBy(m => m.DeltaVMps).ThenBy(m => m.LeadTimeRevolutions).ToList();
        var chosen = needed ? found.FirstOrDefault() : null;
        string note = !needed
            ? string.Create(CultureInfo.InvariantCulture, $"No burn needed: the propagated Pc {nominal.Pc:0.###e+0} is at or below the threshold {_options.PcThreshold:0.###e+0}.")
            : chosen is null
                ? string.Create(CultureInfo.InvariantCulture, $"No burn of the grid (up to {_options.DeltaVGridMps[^1]} m/s) brings Pc below {_options.PcThreshold:0.###e+0}.")
                : string.Create(CultureInfo.InvariantCulture, $"Smallest burn: {chosen.DeltaVMps * 1000:0.#} mm/s {BurnDirections.Word(chosen.Direction)} {chosen.LeadTimeRevolutions:0.##} rev before TCA → miss {chosen.MissKm * 1000:0.#} m, Pc {chosen.Pc:0.###e+0} (bisection to {_options.BisectionTolerance:P0}; numerical propagation of every option).");
        return new AvoidancePlan(_encounter, pc, nominal, options, found, chosen, _options.PcThreshold, PeriodSeconds, ForceModelDescription, note);
    }

    private ForceModel Model(Spacecraft spacecraft) => _tables.Build(_settings, spacecraft);

    private ImpulsiveManeuver Maneuver(Instant time, BurnDirection direction, double deltaVMps) =>
        ImpulsiveManeuver.At(time, BurnDirections.Rtn(direction) * (deltaVMps / 1000.0), ManeuverFrame.Ric, _options.IspSeconds);

    private (NumericalTrajectory Trajectory, Instant Burn) Fly(double lead, BurnDirection direction, double deltaVMps, Instant end, ForceModel model, CancellationToken cancellationToken)
    {
        if (!(lead >= AvoidanceOptions.MinLeadRevolutions) || lead > _options.LeadTimesRevolutions.Max() + 1e-9)
        {
            throw new ArgumentOutOfRangeException(nameof(lead), lead, "The lead time must lie between the smallest allowed and the largest of the options.");
        }

        if (!(deltaVMps >= 0 && deltaVMps <= AvoidanceOptions.MaxDeltaVMps))
        {
            throw new ArgumentOutOfRangeException(nameof(deltaVMps), deltaVMps, "The Δv must be between 0 and the largest allowed.");
        }

        var burn = _encounter.Tca.AddSeconds(-lead * PeriodSeconds);
        var state = _primary.StateAt(burn);
        // A force environment per flight: it caches the Sun, the Moon and the Earth's rotation of the last instant, so the
        // flights of the grid, which run in parallel, cannot share one.
        var trajectory = model.Propagator(_tables.Environment()).Propagate(state, _options.PrimarySpacecraft, end, [Maneuver(burn, direction, deltaVMps)], cancellationToken: cancellationToken);
        return (trajectory, burn);
    }

    private AvoidanceOption Measure(NumericalTrajectory primary, double lead, Instant burn, BurnDirection direction, double deltaVMps)
    {
        var tca = ConjunctionFromPropagation.FindTca(primary, _secondary, _windowStart, _windowEnd);
        var s1 = primary.StateAt(tca);
        var s2 = _secondary.StateAt(tca);
        var dr = s2.PositionKm - s1.PositionKm;
        var dv = s2.VelocityKmPerS - s1.VelocityKmPerS;
        var c1 = Covariances.FromRic(s1.PositionKm, s1.VelocityKmPerS, _primaryRtnCovarianceKm2);
        double pc = dv.Length > 0 ? CollisionProbability.Foster2D(dr, dv, Covariances.Add(c1, _secondaryCovarianceKm2), _encounter.HardBodyRadiusKm) : 1.0;
        return new AvoidanceOption(lead, burn, direction, deltaVMps, tca, dr.Length, dv.Length, pc);
    }
}
