using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Events;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Integrators;
using Steppe.Dynamics.Maneuvers;

namespace Steppe.Dynamics.Numerical;

/// <summary>Which integrator a <see cref="NumericalPropagator"/> uses.</summary>
public enum IntegratorKind
{
    /// <summary>Adaptive Dormand–Prince 8(5,3) with step control on position error.</summary>
    DormandPrince853,

    /// <summary>Fixed-step Adams–Bashforth–Moulton of order 8 (PEC, or PECE on request), started by DOP853.</summary>
    AdamsBashforthMoulton,

    /// <summary>Fixed-step Gauss–Jackson of order 8 in summed form (PEC, or PECE on request), started by DOP853.</summary>
    GaussJackson,
}

/// <summary>How a <see cref="NumericalPropagator"/> integrates.</summary>
public sealed record NumericalPropagatorOptions
{
    /// <summary>The integrator (default DOP853).</summary>
    public IntegratorKind Integrator { get; init; } = IntegratorKind.DormandPrince853;

    /// <summary>DOP853's absolute tolerance on the position per step, km (default 1e-9 km: about 1 cm over 7 days of LEO).</summary>
    public double PositionToleranceKm { get; init; } = 1e-9;

    /// <summary>DOP853's relative tolerance on the position (default 0: the absolute tolerance alone).</summary>
    public double RelativeTolerance { get; init; }

    /// <summary>DOP853's longest step (default: none).</summary>
    public TimeSpan? MaximumStep { get; init; }

    /// <summary>The multistep method's fixed step (default 30 s; 1 cm over 7 days of LEO with a 70×70 field and the full
    /// model takes 12 s or less, GEO 7.5 minutes).</summary>
    public TimeSpan FixedStep { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the multistep method evaluates the forces again at the corrected state (PECE, two evaluations per
    /// step) rather than once at the predicted state (PEC, the default: as accurate for orbits at the steps that reach a
    /// centimetre, at half the cost).</summary>
    public bool MultistepEvaluatesCorrected { get; init; }

    /// <summary>GM of the central body, km³/s² (default EGM2008's 398600.4415); its point-mass attraction is added to the
    /// forces unless <see cref="IncludeCentralPointMass"/> is false (when a full field supplies it).</summary>
    public double CentralGravitationalParameterKm3PerS2 { get; init; } = 398600.4415;

    /// <summary>Whether to add the central body's point mass −μr/r³ (default true).</summary>
    public bool IncludeCentralPointMass { get; init; } = true;

    /// <summary>Whether to integrate the variational equations for the 6×6 state transition matrix with the state
    /// (<see cref="NumericalTrajectory.StateTransitionMatrixAt"/>); analytic partials where a force gives them
    /// (<see cref="IForceModelWithPartials"/>), central differences otherwise. Impulsive Δv are taken as fixed inertial
    /// vectors and a burn's thrust is left out of the partials. Best with DOP853, whose dense output carries the matrix
    /// at 7th order (the multistep method's Hermite interpolation is cubic for it).</summary>
    public bool StateTransitionMatrix { get; init; }
}

/// <summary>
/// Numerical orbit propagation in GCRF: the central body's point mass plus a list of <see cref="IForceModel"/>s,
/// integrated forwards or backwards by DOP853 or the 8th-order Adams–Bashforth–Moulton method, with impulsive maneuvers
/// (at a time or at an event), finite burns (thrust, Isp, mass depletion, pointing fixed in RIC/VNC or inertially) and
/// events found on the dense output. The result is a <see cref="NumericalTrajectory"/> that gives the state at any
/// instant of the span. Earth orientation and the Sun and Moon come from the tables handed in, never from a global.
/// </summary>
public sealed class NumericalPropagator
{
    /// <summary>Below this geocentric distance (the WGS-84 polar radius, km) a state is inside the Earth.</summary>
    public const double MinimumRadiusKm = 6356.752;

    private readonly IForceModel[] _forces;

    /// <summary>A propagator with the forces <paramref name="forces"/>, Earth orientation and ephemeris from <paramref name="environment"/>'s tables.</summary>
    public NumericalPropagator(ForceEnvironment environment, IEnumerable<IForceModel> forces, NumericalPropagatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(forces);
        Environment = environment;
        _forces = forces.ToArray();
        Options = options ?? new NumericalPropagatorOptions();
        if (!(Options.PositionToleranceKm > 0) || !(Options.RelativeTolerance >= 0) || Options.FixedStep <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Tolerances and the fixed step must be positive.");
        }
    }

    /// <summary>A propagator with the forces <paramref name="forces"/>, Earth orientation from <paramref name="earthOrientation"/>
    /// and the Sun and Moon from <paramref name="ephemeris"/>.</summary>
    public NumericalPropagator(EarthOrientationTable earthOrientation, SolarSystemEphemeris ephemeris, IEnumerable<IForceModel> forces, NumericalPropagatorOptions? options = null)
        : this(new ForceEnvironment(earthOrientation, ephemeris), forces, options)
    {
    }

    /// <summary>The environment the forces share.</summary>
    public ForceEnvironment Environment { get; }

    /// <summary>The options.</summary>
    public NumericalPropagatorOptions Options { get; }

    /// <summary>The forces, besides the central point mass.</summary>
    public IReadOnlyList<IForceModel> Forces => _forces;

    /// <summary>
    /// Propagates <paramref name="initial"/> (any frame; converted to GCRF) of a spacecraft of <paramref name="spacecraft"/>
    /// to <paramref name="end"/> (before the epoch: backwards), firing <paramref name="maneuvers"/> and
    /// <paramref name="burns"/> and reporting the events of <paramref name="detectors"/>. A maneuver at a time outside
    /// the span is not applied (it is not in this arc); one at the epoch is applied before the first step; an
    /// event-triggered maneuver fires at the first occurrence of its event after the previous one and is not applied
    /// when its event does not occur.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The initial state is inside the Earth or not finite, the mass is not
    /// positive, or a burn lies partly outside the span or runs in a backward propagation.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked every step).</exception>
    public NumericalTrajectory Propagate(
        StateVector initial,
        Spacecraft spacecraft,
        Instant end,
        IEnumerable<ImpulsiveManeuver>? maneuvers = null,
        IEnumerable<FiniteBurn>? burns = null,
        IEnumerable<OrbitEventDetector>? detectors = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spacecraft);
        var gcrf = initial.Frame == Frame.Gcrf ? initial : initial.To(Frame.Gcrf, Environment.EarthOrientation);
        if (!gcrf.PositionKm.IsFinite || !gcrf.VelocityKmPerS.IsFinite)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), "The initial state is not finite.");
        }

        if (gcrf.PositionKm.Length < MinimumRadiusKm)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), gcrf.PositionKm.Length, $"The initial state lies inside the Earth (r = {gcrf.PositionKm.Length:F3} km).");
        }

        if (!(spacecraft.MassKg > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(spacecraft), spacecraft.MassKg, "The mass must be positive.");
        }

        var run = new Run(this, gcrf, spacecraft.MassKg, end, maneuvers, burns, detectors) { Cancellation = cancellationToken };
        return run.Execute();
    }

    /// <summary>One propagation.</summary>
    private sealed class Run
    {
        private readonly NumericalPropagator _owner;
        private readonly Instant _epoch;
        private readonly double _tEnd;
        private readonly Instant _end;
        private readonly int _direction;
        private readonly OrbitEquations _equations;
        private readonly double[] _y;
        private readonly double[] _work;
        private readonly List<IDenseSegment> _segments = [];
        private readonly List<OrbitEvent> _events = [];
        private readonly List<ManeuverRecord> _applied = [];
        private readonly List<(double Time, ImpulsiveManeuver Maneuver)> _timed = [];
        private readonly Queue<ImpulsiveManeuver> _eventManeuvers = new();
        private readonly List<FiniteBurn> _burns;
        private readonly OrbitEventDetector[] _detectors;
        private readonly double[] _previousG;
        private double _armedPreviousG;

        /// <summary>Checked at every step: a cancelled propagation stops within one step.</summary>
        public CancellationToken Cancellation { get; init; }

        public Run(NumericalPropagator owner, StateVector initial, double massKg, Instant end, IEnumerable<ImpulsiveManeuver>? maneuvers, IEnumerable<FiniteBurn>? burns, IEnumerable<OrbitEventDetector>? detectors)
        {
            _owner = owner;
            _epoch = initial.Epoch;
            _end = end;
            _tEnd = end.SecondsSince(_epoch);
            _direction = _tEnd >= 0 ? 1 : -1;
            var opts = owner.Options;
            _equations = new OrbitEquations(_epoch, opts.IncludeCentralPointMass ? opts.CentralGravitationalParameterKm3PerS2 : 0.0, owner._forces, owner.Environment, opts.StateTransitionMatrix);
            _y = new double[_equations.Dimension];
            _work = new double[_equations.Dimension];
            Write(initial.PositionKm, initial.VelocityKmPerS, massKg, _y);
            if (opts.StateTransitionMatrix)
            {
                for (int i = 0; i < 6; i++)
                {
                    _y[OrbitEquations.StmOffset + (7 * i)] = 1.0;
                }
            }
            foreach (var m in maneuvers ?? [])
            {
                ArgumentNullException.ThrowIfNull(m);
                switch (m.Trigger)
                {
                    case ManeuverTrigger.AtTime at:
                        double t = at.Time.SecondsSince(_epoch);
                        if (t * _direction >= 0 && t * _direction <= _tEnd * _direction)
                        {
                            _timed.Add((t, m));
                        }

                        break;
                    case ManeuverTrigger.AtEvent:
                        _eventManeuvers.Enqueue(m);
                        break;
                }
            }

            _timed.Sort((a, b) => (_direction * a.Time).CompareTo(_direction * b.Time));
            _burns = (burns ?? []).ToList();
            foreach (var burn in _burns)
            {
                burn.Validate();
                double s = burn.Start.SecondsSince(_epoch), e = burn.End.SecondsSince(_epoch);
                if (_direction < 0 || s < 0 || e > _tEnd)
                {
                    throw new ArgumentOutOfRangeException(nameof(burns), burn.Start, "A finite burn must lie inside a forward propagation's span.");
                }
            }

            _detectors = (detectors ?? []).ToArray();
            _previousG = new double[_detectors.Length];
            _switches = [.. owner._forces.OfType<IForceModelWithSwitches>().SelectMany(f => Enumerable.Range(0, f.SwitchCount).Select(i => (f, i)))];
            _previousSwitch = new double[_switches.Length];
            _stepStart = new double[_equations.Dimension];
        }

        private readonly (IForceModelWithSwitches Force, int Index)[] _switches;
        private readonly double[] _previousSwitch;
        private readonly double[] _stepStart;
        private double _restartStepSeconds;
        private double[][]? _starter;
        private IFixedStepIntegrator? _multistep;

        /// <summary>How many grid points the chosen multistep method starts from.</summary>
        private int StartPoints => _owner.Options.Integrator == IntegratorKind.GaussJackson ? GaussJackson.Points : AdamsBashforthMoulton.Order;

        /// <summary>The loosest DOP853 tolerance that starts (and restarts) the fixed-step method, km per step.</summary>
        private const double StarterToleranceKm = 1e-12;

        /// <summary>Switching function <paramref name="k"/> at <paramref name="t"/> for the state <paramref name="y"/>.</summary>
        private double Switch(int k, double t, ReadOnlySpan<double> y)
        {
            Read(y, out var r, out var v, out double mass);
            return _switches[k].Force.SwitchFunction(_switches[k].Index, new ForceState(_epoch.AddSeconds(t), r, v, mass), _owner.Environment);
        }

        /// <summary>Where a step from <paramref name="t"/> towards <paramref name="tb"/> may end: <paramref name="tb"/>, or
        /// sooner where a force with switches limits the step (<see cref="IForceModelWithSwitches.MaximumStepSeconds"/>).</summary>
        private double StepTarget(double t, ReadOnlySpan<double> y, double tb)
        {
            if (_switches.Length == 0)
            {
                return tb;
            }

            Read(y, out var r, out var v, out double mass);
            var state = new ForceState(_epoch.AddSeconds(t), r, v, mass);
            double limit = double.PositiveInfinity;
            IForceModelWithSwitches? previous = null;
            foreach (var (force, _) in _switches)
            {
                if (!ReferenceEquals(force, previous))
                {
                    limit = Math.Min(limit, force.MaximumStepSeconds(state, _owner.Environment));
                    previous = force;
                }
            }

            return limit < Math.Abs(tb - t) ? t + (_direction * limit) : tb;
        }

        private void InitialiseSwitches(double t)
        {
            for (int k = 0; k < _switches.Length; k++)
            {
                _previousSwitch[k] = Switch(k, t, _y);
            }
        }

        /// <summary>The earliest sign change of a switching function inside <paramref name="step"/> (bracketed to 1 µs: the later end), or NaN.</summary>
        private double FindSwitch(IDenseSegment step)
        {
            double earliest = double.NaN;
            for (int k = 0; k < _switches.Length; k++)
            {
                step.Interpolate(step.End, _work);
                double gEnd = Switch(k, step.End, _work);
                if (_previousSwitch[k] == 0)
                {
                    // The arc started on the switch itself (e.g. at 00:00 UTC for a 3-hourly input): the side it runs
                    // on is the one the first step ends on.
                    _previousSwitch[k] = gEnd;
                    continue;
                }

                if (gEnd * _previousSwitch[k] >= 0)
                {
                    continue;
                }

                double lo = step.Start, hi = step.End, gLo = _previousSwitch[k];
                while (Math.Abs(hi - lo) > 1e-6)
                {
                    double mid = 0.5 * (lo + hi);
                    step.Interpolate(mid, _work);
                    double g = Switch(k, mid, _work);
                    if (g * gLo > 0)
                    {
                        lo = mid;
                        gLo = g;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                if (double.IsNaN(earliest) || (hi - earliest) * _direction < 0)
                {
                    earliest = hi;
                }
            }

            return earliest;
        }

        /// <summary>The switch inside <paramref name="step"/> (from <paramref name="tStart"/>) to restart at, or NaN. A switch
        /// within a millisecond of the start is not worth a restart: the step stands and the switches carry on from the
        /// side it ends on.</summary>
        private double SwitchIn(IDenseSegment step, double tStart)
        {
            if (_switches.Length == 0)
            {
                return double.NaN;
            }

            double tSwitch = FindSwitch(step);
            if (!double.IsNaN(tSwitch) && (tSwitch - tStart) * _direction <= 1e-3)
            {
                step.Interpolate(step.End, _work);
                for (int k = 0; k < _switches.Length; k++)
                {
                    _previousSwitch[k] = Switch(k, step.End, _work);
                }

                return double.NaN;
            }

            return tSwitch;
        }

        public NumericalTrajectory Execute()
        {
            // Breakpoints: where the right-hand side or the state jumps.
            var breaks = new SortedSet<double>(Comparer<double>.Create((a, b) => (_direction * a).CompareTo(_direction * b))) { _tEnd };
            foreach (var (time, _) in _timed)
            {
                breaks.Add(time);
            }

            foreach (var burn in _burns)
            {
                breaks.Add(burn.Start.SecondsSince(_epoch));
                breaks.Add(burn.End.SecondsSince(_epoch));
            }

            double t = 0;
            InitialiseDetectors(t);
            int timedIndex = 0;
            while (timedIndex < _timed.Count && _timed[timedIndex].Time == 0)
            {
                Apply(0, _timed[timedIndex].Maneuver); // at the epoch: the propagation starts after it
                timedIndex++;
            }

            foreach (double tb in breaks)
            {
                if (tb * _direction <= t * _direction)
                {
                    continue;
                }

                double mid = 0.5 * (t + tb);
                _equations.ActiveBurn = _burns.FirstOrDefault(b => b.Start.SecondsSince(_epoch) <= mid && mid < b.End.SecondsSince(_epoch));
                t = Arc(t, tb);
                while (timedIndex < _timed.Count && _timed[timedIndex].Time == tb)
                {
                    Apply(tb, _timed[timedIndex].Maneuver);
                    timedIndex++;
                }
            }

            _equations.ActiveBurn = null;
            return new NumericalTrajectory(_epoch, _segments, _events, _applied, Instant.Min(_epoch, _end), Instant.Max(_epoch, _end), _direction, _equations.Dimension);
        }

        private double Arc(double t, double tb)
        {
            var opts = _owner.Options;
            while (t != tb)
            {
                if (opts.Integrator == IntegratorKind.DormandPrince853 || Math.Abs(tb - t) < opts.FixedStep.TotalSeconds * StartPoints)
                {
                    t = ArcDop853(t, tb);
                }
                else
                {
                    t = ArcMultistep(t, tb);
                }
            }

            return t;
        }

        /// <summary>Integrates with DOP853 from <paramref name="t"/> to <paramref name="tb"/> at <paramref name="toleranceKm"/>
        /// (default the options'), first trying <paramref name="initialStepSeconds"/> (0: Hairer's estimate); stops early at a
        /// switch or an event-triggered maneuver and returns where it stopped.</summary>
        private double ArcDop853(double t, double tb, double toleranceKm = 0, double initialStepSeconds = 0)
        {
            var opts = _owner.Options;
            // After a switch the step that straddled it is a good first step on the other side.
            double initialStep = _restartStepSeconds > 0 ? _restartStepSeconds : initialStepSeconds;
            _restartStepSeconds = 0.0;
            var integrator = new Dop853Integrator(_equations, new Dop853Options(toleranceKm > 0 ? toleranceKm : opts.PositionToleranceKm, opts.RelativeTolerance, 3, opts.MaximumStep?.TotalSeconds ?? double.PositiveInfinity, initialStep));
            integrator.Reset(t, _y, _direction);
            InitialiseSwitches(t);
            while (integrator.Time != tb)
            {
                Cancellation.ThrowIfCancellationRequested();
                double tStart = integrator.Time;
                if (_switches.Length > 0)
                {
                    integrator.State.CopyTo(_stepStart);
                }

                integrator.Step(StepTarget(integrator.Time, integrator.State, tb));
                var step = integrator.CurrentStep;
                double tSwitch = SwitchIn(step, tStart);
                if (!double.IsNaN(tSwitch))
                {
                    // Redo the step up to the kink (trying it in one step), then restart there.
                    double straddling = Math.Abs(step.End - step.Start);
                    integrator.Reset(tStart, _stepStart, _direction, Math.Abs(tSwitch - tStart));
                    while (integrator.Time != tSwitch)
                    {
                        integrator.Step(StepTarget(integrator.Time, integrator.State, tSwitch));
                        var part = integrator.CurrentStep;
                        if (Scan(part, out double tPartManeuver))
                        {
                            _segments.Add(part.Clone(tPartManeuver));
                            part.Interpolate(tPartManeuver, _y);
                            Apply(tPartManeuver, _eventManeuvers.Dequeue());
                            return tPartManeuver;
                        }

                        _segments.Add(part.Clone());
                    }

                    integrator.State.CopyTo(_y);
                    _restartStepSeconds = straddling;
                    return tSwitch;
                }

                if (Scan(step, out double tManeuver))
                {
                    _segments.Add(step.Clone(tManeuver));
                    step.Interpolate(tManeuver, _y);
                    Apply(tManeuver, _eventManeuvers.Dequeue());
                    return tManeuver;
                }

                _segments.Add(step.Clone());
            }

            integrator.State.CopyTo(_y);
            return tb;
        }

        /// <summary>
        /// The fixed-step method from <paramref name="t"/> towards <paramref name="tb"/>. Its start is DOP853 over the first
        /// Order − 1 steps at <see cref="StarterToleranceKm"/> or tighter, with the switches, step limits, events and
        /// maneuvers of any DOP853 arc, so that no starting value comes from across a kink; where that stops early (a switch,
        /// a maneuver) the method starts again from there. A step that straddles a switch is dropped: DOP853 reaches the
        /// switch and the method starts again on the other side.
        /// </summary>
        private double ArcMultistep(double t, double tb)
        {
            var opts = _owner.Options;
            double h = _direction * opts.FixedStep.TotalSeconds;
            int points = StartPoints;
            double tStarter = t + ((points - 1) * h);
            int first = _segments.Count;
            double reached = ArcDop853(t, tStarter, Math.Min(opts.PositionToleranceKm, StarterToleranceKm), Math.Abs(h));
            if (reached != tStarter)
            {
                return reached;
            }

            _starter ??= Enumerable.Range(0, points).Select(_ => new double[_equations.Dimension]).ToArray();
            int segment = first;
            for (int j = 0; j < points; j++)
            {
                double tj = j == points - 1 ? tStarter : t + (j * h);
                while (segment < _segments.Count - 1 && (tj - _segments[segment].End) * _direction > 0)
                {
                    segment++;
                }

                _segments[segment].Interpolate(tj, _starter[j]);
            }

            _multistep ??= opts.Integrator == IntegratorKind.GaussJackson
                ? new GaussJackson(_equations, 3, opts.MultistepEvaluatesCorrected)
                : new AdamsBashforthMoulton(_equations, 3, evaluateCorrected: opts.MultistepEvaluatesCorrected);
            var integrator = _multistep;
            integrator.Reset(t, h, _starter);
            InitialiseSwitches(tStarter);
            while ((tb - integrator.Time) * _direction >= Math.Abs(h) * (1 - 1e-12))
            {
                Cancellation.ThrowIfCancellationRequested();
                integrator.Step();
                var step = integrator.CurrentStep;
                double tSwitch = SwitchIn(step, step.Start);
                if (!double.IsNaN(tSwitch))
                {
                    // Drop the step that straddles the kink, reach the kink with DOP853 and restart the method there.
                    step.Interpolate(step.Start, _y);
                    return ArcDop853(step.Start, tSwitch, Math.Min(opts.PositionToleranceKm, StarterToleranceKm), Math.Abs(h));
                }

                if (Scan(step, out double tManeuver))
                {
                    _segments.Add(step.Clone(tManeuver));
                    step.Interpolate(tManeuver, _y);
                    Apply(tManeuver, _eventManeuvers.Dequeue());
                    return tManeuver;
                }

                _segments.Add(step.Clone());
            }

            integrator.State.CopyTo(_y);
            return integrator.Time; // the remainder (under one step) is finished by DOP853
        }

        private void InitialiseDetectors(double t)
        {
            Read(_y, out var r, out var v, out _);
            var time = _epoch.AddSeconds(t);
            for (int i = 0; i < _detectors.Length; i++)
            {
                _previousG[i] = _detectors[i].Function(time, r, v);
            }

            if (_eventManeuvers.TryPeek(out var m) && m.Trigger is ManeuverTrigger.AtEvent armed)
            {
                _armedPreviousG = armed.Event.Function(time, r, v);
            }
        }

        /// <summary>Looks for events in a step; true when the armed maneuver's event happens in it (at <paramref name="tManeuver"/>),
        /// events after which are not recorded (the step is cut there).</summary>
        private bool Scan(IDenseSegment step, out double tManeuver)
        {
            tManeuver = double.NaN;
            double t1 = step.End;
            OrbitEventDetector? armed = _eventManeuvers.TryPeek(out var m) && m.Trigger is ManeuverTrigger.AtEvent ae ? ae.Event : null;
            double limit = t1;
            if (armed is not null)
            {
                double found = FindFirst(step, armed, ref _armedPreviousG, record: false, t1);
                if (!double.IsNaN(found))
                {
                    tManeuver = found;
                    limit = found;
                }
            }

            for (int i = 0; i < _detectors.Length; i++)
            {
                FindFirst(step, _detectors[i], ref _previousG[i], record: true, limit);
            }

            if (!double.IsNaN(tManeuver))
            {
                return true;
            }

            return false;
        }

        /// <summary>Scans [step.Start, limit] for sign changes of a detector; records them (or returns the first that counts).</summary>
        private double FindFirst(IDenseSegment step, OrbitEventDetector detector, ref double previousG, bool record, double limit)
        {
            double t0 = step.Start;
            double span = limit - t0;
            if (span == 0)
            {
                return double.NaN;
            }

            int samples = Math.Max(1, (int)Math.Ceiling(Math.Abs(span) / detector.MaximumCheckInterval.TotalSeconds));
            double ta = t0, ga = previousG;
            double tolerance = detector.Tolerance.TotalSeconds;
            for (int k = 1; k <= samples; k++)
            {
                double tb = k == samples ? limit : t0 + (span * k / samples);
                double gb = G(step, detector, tb);
                if ((ga <= 0 && gb > 0) || (ga > 0 && gb <= 0))
                {
                    // The direction in time, whichever way the integration runs: rising when the later value is above zero.
                    double later = tb > ta ? gb : ga;
                    var direction = later > 0 ? CrossingDirection.Rising : CrossingDirection.Falling;
                    if (detector.Direction is null || detector.Direction == direction)
                    {
                        double lo = Math.Min(ta, tb), hi = Math.Max(ta, tb);
                        double glo = ta < tb ? ga : gb, ghi = ta < tb ? gb : ga;
                        BrentRoot.TryFind<byte>(
                            (double x, out double value, out byte s) =>
                            {
                                s = 0;
                                value = G(step, detector, x);
                                return double.IsFinite(value);
                            },
                            lo,
                            glo,
                            0,
                            hi,
                            ghi,
                            0,
                            tolerance,
                            out double te,
                            out _);
                        if (!record)
                        {
                            previousG = gb;
                                        return te;
                        }

                        step.Interpolate(te, _work);
                        Read(_work, out var r, out var v, out _);
                        var when = _epoch.AddSeconds(te);
                        _events.Add(new OrbitEvent(detector.Name, when, direction, new StateVector(when, Frame.Gcrf, r, v)));
                    }
                }

                ta = tb;
                ga = gb;
            }

            previousG = ga;
            return double.NaN;
        }

        private double G(IDenseSegment step, OrbitEventDetector detector, double t)
        {
            step.Interpolate(t, _work);
            Read(_work, out var r, out var v, out _);
            return detector.Function(_epoch.AddSeconds(t), r, v);
        }

        private void Apply(double t, ImpulsiveManeuver maneuver)
        {
            Read(_y, out var r, out var v, out double mass);
            var dv = LocalOrbitalFrame.ToInertial(maneuver.Frame, maneuver.DeltaVKmPerS, r, v);
            double ratio = maneuver.IspSeconds is { } isp ? Math.Exp(-dv.Length * 1000.0 / (isp * RocketEquation.StandardGravityMPerS2)) : 1.0;
            // Backwards, a maneuver is undone: the earlier state has v − Δv and the mass before the burn.
            double massAfter = _direction > 0 ? mass * ratio : mass / ratio;
            var when = _epoch.AddSeconds(t);
            _applied.Add(new ManeuverRecord(when, new StateVector(when, Frame.Gcrf, r, v), dv, mass, massAfter));
            Write(r, v + (_direction * dv), massAfter, _y);
            InitialiseDetectors(t);
        }

        private static void Write(Vector3D r, Vector3D v, double mass, double[] y)
        {
            y[0] = r.X;
            y[1] = r.Y;
            y[2] = r.Z;
            y[3] = v.X;
            y[4] = v.Y;
            y[5] = v.Z;
            y[6] = mass;
        }

        internal static void Read(ReadOnlySpan<double> y, out Vector3D r, out Vector3D v, out double mass)
        {
            r = new Vector3D(y[0], y[1], y[2]);
            v = new Vector3D(y[3], y[4], y[5]);
            mass = y[6];
        }
    }
}

/// <summary>An impulsive maneuver as it was applied.</summary>
/// <param name="Time">When.</param>
/// <param name="StateBefore">The GCRF state just before.</param>
/// <param name="DeltaVKmPerS">The inertial Δv, km/s.</param>
/// <param name="MassBeforeKg">Mass before, kg.</param>
/// <param name="MassAfterKg">Mass after, kg.</param>
public readonly record struct ManeuverRecord(Instant Time, StateVector StateBefore, Vector3D DeltaVKmPerS, double MassBeforeKg, double MassAfterKg);
