using System.Globalization;
using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Events;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Atmosphere;
using Steppe.Dynamics.Forces.Drag;
using Steppe.Dynamics.Numerical;

namespace Steppe.Planning.Lifetime;

/// <summary>One sample of a decay history: the mean perigee and apogee altitudes (above the equatorial radius).</summary>
/// <param name="Time">The instant.</param>
/// <param name="PerigeeAltitudeKm">Mean perigee altitude, km.</param>
/// <param name="ApogeeAltitudeKm">Mean apogee altitude, km.</param>
public readonly record struct DecaySample(Instant Time, double PerigeeAltitudeKm, double ApogeeAltitudeKm);

/// <summary>How a decay run ended.</summary>
public enum DecayEnd
{
    /// <summary>The object came down to the reentry altitude (80 km geodetic) inside the horizon.</summary>
    Reentry,

    /// <summary>The horizon was reached first.</summary>
    Horizon,
}

/// <summary>The result of a decay run.</summary>
/// <param name="End">Reentry or horizon.</param>
/// <param name="EndTime">The reentry time (80 km) or the horizon.</param>
/// <param name="Final">The mean orbit at the last semi-analytic step.</param>
/// <param name="Samples">Mean perigee and apogee altitudes at every step, the start first.</param>
/// <param name="NumericalEndPhase">Whether the last hours came from the numerical run (false: the end was extrapolated
/// from the semi-analytic decay, see <see cref="OrbitDecay"/>).</param>
public sealed record DecayRun(DecayEnd End, Instant EndTime, MeanOrbit Final, IReadOnlyList<DecaySample> Samples, bool NumericalEndPhase)
{
    /// <summary>The reentry time, or null when the horizon came first.</summary>
    public Instant? Reentry => End == DecayEnd.Reentry ? EndTime : null;
}

/// <summary>Settings of the decay model.</summary>
public sealed record OrbitDecayOptions
{
    /// <summary>Mean perigee altitude (above the equatorial radius) at which the numerical end phase takes over, km (140).</summary>
    public double HandoverPerigeeAltitudeKm { get; init; } = 140;

    /// <summary>Geodetic altitude taken as reentry, km (80: the break-up altitude used in reentry campaigns).</summary>
    public double ReentryAltitudeKm { get; init; } = 80;

    /// <summary>The longest semi-analytic step while the first <see cref="FineSpan"/> runs (1 day, so each day's space weather counts).</summary>
    public TimeSpan FineStep { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The span with steps of at most <see cref="FineStep"/> (60 days); after it, at most <see cref="CoarseStep"/>.</summary>
    public TimeSpan FineSpan { get; init; } = TimeSpan.FromDays(60);

    /// <summary>The longest step after <see cref="FineSpan"/> (10 days; the monthly predictions change no faster).</summary>
    public TimeSpan CoarseStep { get; init; } = TimeSpan.FromDays(10);

    /// <summary>The largest change of the mean semi-major axis in one step, as a fraction of the perigee's height above 90 km (0.02).</summary>
    public double StepFraction { get; init; } = 0.02;

    /// <summary>Quadrature points around a near-circular orbit (24; more with the eccentricity).</summary>
    public int QuadraturePoints { get; init; } = 24;

    /// <summary>Whether the density is sampled at the osculating radius (SGP4's short-period J2 terms on the mean one; on by
    /// default, since the mean elements are SGP4's); off, at r = a(1 − e cos E), as King-Hele's spherical-Earth theory has it.</summary>
    public bool OsculatingRadius { get; init; } = true;

    /// <summary>Whether the atmosphere turns with the Earth (King-Hele's factor (1 − r ω cos i / v)², on by default).</summary>
    public bool AtmosphereRotates { get; init; } = true;

    /// <summary>Whether to run the last hours with the numerical propagator (J2 and drag, DOP853; on by default).</summary>
    public bool NumericalEndPhase { get; init; } = true;

    /// <summary>The longest numerical end phase (3 days); an orbit still up then is extrapolated from the averaged rates.</summary>
    public TimeSpan NumericalEndPhaseLimit { get; init; } = TimeSpan.FromDays(3);
}

/// <summary>
/// Orbital decay under drag. Semi-analytic for the long run: the mean semi-major axis and eccentricity change at the
/// rates Gauss's equations give for a tangential drag force averaged over one revolution (King-Hele's formulation,
/// Vallado §9.6), the average taken by the uniform rule in eccentric anomaly (the Gaussian rule for periodic functions,
/// exact for trigonometric polynomials below the number of points), the density NRLMSISE-00 at each point's geodetic
/// height (at the osculating radius, SGP4's short-period J2 terms added to the mean one), latitude and local solar time;
/// node, perigee and mean anomaly turn at their J2 secular rates so the
/// density is sampled where the orbit is; fourth-order Runge–Kutta steps limited so that the semi-major axis changes by
/// a small fraction of the perigee height. When the mean perigee falls below 140 km (there a revolution loses a few km,
/// a tenth of the density scale height, and orbit averaging starts to fail), the numerical propagator (J2 and drag,
/// DOP853) takes the orbit from there to 80 km geodetic, the reentry.
/// </summary>
public sealed class OrbitDecay
{
    private const double Mu = 398600.4418;
    private const double J2 = 1.08262668e-3;
    private const double Re = MeanOrbit.EquatorialRadiusKm;
    private const double EarthRate = 7.292115e-5;

    private readonly IAtmosphereModel _atmosphere;
    private readonly OrbitDecayOptions _options;
    private readonly EarthOrientationTable _eop;
    private readonly SolarSystemEphemeris _ephemeris;

    /// <summary>A decay model with <paramref name="atmosphere"/>; Earth orientation and ephemeris serve the numerical end phase.</summary>
    public OrbitDecay(IAtmosphereModel atmosphere, EarthOrientationTable earthOrientation, SolarSystemEphemeris ephemeris, OrbitDecayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(atmosphere);
        ArgumentNullException.ThrowIfNull(earthOrientation);
        ArgumentNullException.ThrowIfNull(ephemeris);
        _atmosphere = atmosphere;
        _eop = earthOrientation;
        _ephemeris = ephemeris;
        _options = options ?? new OrbitDecayOptions();
    }

    /// <summary>The settings.</summary>
    public OrbitDecayOptions Options => _options;

    /// <summary>
    /// Decays <paramref name="start"/> with the ballistic coefficient <paramref name="ballisticCoefficientM2PerKg"/>
    /// (C_D·A/m) until reentry or <paramref name="horizon"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The coefficient is not positive, the orbit is not elliptic, or the horizon precedes the start.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked every step).</exception>
    public DecayRun Run(MeanOrbit start, double ballisticCoefficientM2PerKg, Instant horizon, CancellationToken cancellationToken = default)
    {
        if (!(ballisticCoefficientM2PerKg > 0) || !double.IsFinite(ballisticCoefficientM2PerKg))
        {
            throw new ArgumentOutOfRangeException(nameof(ballisticCoefficientM2PerKg), ballisticCoefficientM2PerKg, "The ballistic coefficient is positive.");
        }

        if (!(start.SemiMajorAxisKm > Re) || !(start.Eccentricity >= 0) || !(start.Eccentricity < 0.9))
        {
            throw new ArgumentOutOfRangeException(nameof(start), "The orbit is elliptic (0 ≤ e < 0.9) with its semi-major axis above the Earth's radius.");
        }

        if (horizon < start.Epoch)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon is after the start.");
        }

        var samples = new List<DecaySample> { new(start.Epoch, start.PerigeeAltitudeKm, start.ApogeeAltitudeKm) };
        var state = start;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (state.PerigeeAltitudeKm < _options.HandoverPerigeeAltitudeKm)
            {
                return EndPhase(state, ballisticCoefficientM2PerKg, horizon, samples, cancellationToken);
            }

            double remaining = horizon.SecondsSince(state.Epoch);
            if (remaining <= 0)
            {
                return new DecayRun(DecayEnd.Horizon, horizon, state, samples, false);
            }

            var k1 = Rates(state, ballisticCoefficientM2PerKg);
            double maxStep = (state.Epoch.SecondsSince(start.Epoch) < _options.FineSpan.TotalSeconds ? _options.FineStep : _options.CoarseStep).TotalSeconds;
            double allowedDa = Math.Max(0.05, _options.StepFraction * (state.PerigeeAltitudeKm - 90.0));
            double h = Math.Min(Math.Min(maxStep, remaining), allowedDa / Math.Max(Math.Abs(k1.DaDt), 1e-30));
            h = Math.Max(h, 1.0);
            var next = Step(state, k1, h, ballisticCoefficientM2PerKg);

            // Do not step far below the handover: shorten the step to land on it.
            if (next.PerigeeAltitudeKm < _options.HandoverPerigeeAltitudeKm - 2 && h > 60)
            {
                double drop = state.PerigeeAltitudeKm - next.PerigeeAltitudeKm;
                double want = state.PerigeeAltitudeKm - _options.HandoverPerigeeAltitudeKm + 0.5;
                h = Math.Max(60, h * Math.Clamp(want / Math.Max(drop, 1e-9), 0.05, 1));
                next = Step(state, k1, h, ballisticCoefficientM2PerKg);
            }

            state = next;
            samples.Add(new DecaySample(state.Epoch, state.PerigeeAltitudeKm, state.ApogeeAltitudeKm));
        }
    }

    private readonly record struct Derivative(double DaDt, double DeDt, double DRaan, double DArgp, double DM);

    private MeanOrbit Step(MeanOrbit s, Derivative k1, double h, double b)
    {
        var s2 = Advance(s, k1, h / 2);
        var k2 = Rates(s2, b);
        var s3 = Advance(s, k2, h / 2);
        var k3 = Rates(s3, b);
        var s4 = Advance(s, k3, h);
        var k4 = Rates(s4, b);
        var sum = new Derivative(
            (k1.DaDt + (2 * k2.DaDt) + (2 * k3.DaDt) + k4.DaDt) / 6,
            (k1.DeDt + (2 * k2.DeDt) + (2 * k3.DeDt) + k4.DeDt) / 6,
            (k1.DRaan + (2 * k2.DRaan) + (2 * k3.DRaan) + k4.DRaan) / 6,
            (k1.DArgp + (2 * k2.DArgp) + (2 * k3.DArgp) + k4.DArgp) / 6,
            (k1.DM + (2 * k2.DM) + (2 * k3.DM) + k4.DM) / 6);
        return Advance(s, sum, h);
    }

    private static MeanOrbit Advance(MeanOrbit s, Derivative d, double h) => s with
    {
        Epoch = s.Epoch.AddSeconds(h),
        SemiMajorAxisKm = Math.Max(s.SemiMajorAxisKm + (d.DaDt * h), Re + 1),
        Eccentricity = Math.Clamp(s.Eccentricity + (d.DeDt * h), 0.0, 0.95),
        RaanRad = Wrap(s.RaanRad + (d.DRaan * h)),
        ArgumentOfPerigeeRad = Wrap(s.ArgumentOfPerigeeRad + (d.DArgp * h)),
        MeanAnomalyRad = Wrap(s.MeanAnomalyRad + (d.DM * h)),
    };

    private static double Wrap(double angle)
    {
        angle %= 2 * Math.PI;
        return angle < 0 ? angle + (2 * Math.PI) : angle;
    }

    /// <summary>The orbit-averaged rates at <paramref name="s"/>: da/dt (km/s), de/dt (1/s) and the J2 secular angle rates (rad/s).</summary>
    private Derivative Rates(MeanOrbit s, double b)
    {
        double a = s.SemiMajorAxisKm, e = s.Eccentricity, i = s.InclinationRad;
        double n = Math.Sqrt(Mu / (a * a * a));
        double p = a * (1 - (e * e));
        double q = J2 * (Re / p) * (Re / p);
        double cosi = Math.Cos(i), sini = Math.Sin(i);
        double eta = Math.Sqrt(1 - (e * e));
        double dRaan = -1.5 * n * q * cosi;
        double dArgp = 0.75 * n * q * ((5 * cosi * cosi) - 1);
        double dM = n * (1 + (0.75 * q * eta * ((3 * cosi * cosi) - 1)));

        // Earth rotation angle (GMST from UTC as UT1: a second is nothing here) and the Sun in the same axes.
        double gmst = SiderealTime.GmstIau82Radians(s.Epoch.Utc);
        double cg = Math.Cos(gmst), sg = Math.Sin(gmst);
        var sun = Sun.PositionModKm(s.Epoch);
        var sunFixed = new Vector3D((cg * sun.X) + (sg * sun.Y), (-sg * sun.X) + (cg * sun.Y), sun.Z);

        double cO = Math.Cos(s.RaanRad), sO = Math.Sin(s.RaanRad);
        double shortTemp1 = 0.5 * J2 * Re * Re / p, shortTemp2 = shortTemp1 / p;
        double x3thm1 = (3 * cosi * cosi) - 1, x1mth2 = 1 - (cosi * cosi);
        int count = QuadratureCount(a, e);
        double sumA = 0, sumE = 0;
        double bKm = b * 1000.0; // m²/kg × kg/m³ = 1/m → 1/km
        for (int k = 0; k < count; k++)
        {
            double ecc = (k + 0.5) * 2 * Math.PI / count;
            double cosE = Math.Cos(ecc), sinE = Math.Sin(ecc);
            double w = 1 - (e * cosE);
            double r = a * w;
            double cosNu = (cosE - e) / w, sinNu = eta * sinE / w;
            double cw = Math.Cos(s.ArgumentOfPerigeeRad), sw = Math.Sin(s.ArgumentOfPerigeeRad);
            double cu = (cw * cosNu) - (sw * sinNu), su = (sw * cosNu) + (cw * sinNu);

            // The density is sampled at the osculating radius: the mean elements are SGP4's (Brouwer's), whose short-period
            // J2 terms put the radius below r = a(1 − e cos E) on average (3 km at 200 km and 43°, 10 % of the density).
            double cos2u = (cu * cu) - (su * su);
            double rs = _options.OsculatingRadius ? (r * (1 - (1.5 * shortTemp2 * eta * x3thm1))) + (0.5 * shortTemp1 * x1mth2 * cos2u) : r;
            var inertial = new Vector3D(rs * ((cO * cu) - (sO * su * cosi)), rs * ((sO * cu) + (cO * su * cosi)), rs * su * sini);
            var fixedPos = new Vector3D((cg * inertial.X) + (sg * inertial.Y), (-sg * inertial.X) + (cg * inertial.Y), inertial.Z);
            double v = Math.Sqrt(Mu * ((2 / r) - (1 / a)));
            double f = 1.0;
            if (_options.AtmosphereRotates)
            {
                double g = 1 - (r * EarthRate * cosi / v);
                f = g * g;
            }

            var point = AtmospherePoint.At(s.Epoch, fixedPos, sunFixed);
            double rho = point.Geodetic.HeightKm < 0 ? _atmosphere.DensityKgPerM3(point with { Geodetic = point.Geodetic with { HeightKm = 0 } }) : _atmosphere.DensityKgPerM3(point);
            double rhoF = rho * f;
            sumA += rhoF * v * v * v * w;
            sumE += rhoF * v * cosE;
        }

        double daDt = -bKm * a * a / Mu * sumA / count;
        double deDt = -bKm * (1 - (e * e)) * sumE / count;
        if (e <= 0 && deDt < 0)
        {
            deDt = 0;
        }

        return new Derivative(daDt, deDt, dRaan, dArgp, dM);
    }

    private int QuadratureCount(double a, double e)
    {
        // The density falls by e over a scale height (≈ 40 km): resolve the perigee pass when a·e spans several heights.
        double spread = a * e / 40.0;
        int extra = (int)Math.Ceiling(8 * spread);
        return Math.Clamp(_options.QuadraturePoints + extra, _options.QuadraturePoints, 720);
    }

    private DecayRun EndPhase(MeanOrbit state, double b, Instant horizon, List<DecaySample> samples, CancellationToken cancellationToken)
    {
        if (_options.NumericalEndPhase)
        {
            var numerical = TryNumerical(state, b, horizon, cancellationToken);
            if (numerical is { } when)
            {
                return new DecayRun(when <= horizon ? DecayEnd.Reentry : DecayEnd.Horizon, Instant.Min(when, horizon), state, samples, true);
            }
        }

        // Without the numerical run: the remaining time at the present rate of perigee fall down to 80 km.
        var rates = Rates(state, b);
        double dhp = (rates.DaDt * (1 - state.Eccentricity)) - (state.SemiMajorAxisKm * rates.DeDt);
        double seconds = dhp < 0 ? (state.PerigeeAltitudeKm - _options.ReentryAltitudeKm) / -dhp / 2 : 0;
        var end = state.Epoch.AddSeconds(Math.Max(seconds, 0));
        return new DecayRun(end <= horizon ? DecayEnd.Reentry : DecayEnd.Horizon, Instant.Min(end, horizon), state, samples, false);
    }

    private Instant? TryNumerical(MeanOrbit s, double b, Instant horizon, CancellationToken cancellationToken)
    {
        var initial = Osculating(s);
        var craft = new Spacecraft(MassKg: 1.0, DragAreaM2: b, DragCoefficient: 1.0);
        var propagator = new NumericalPropagator(new ForceEnvironment(_eop, _ephemeris), [J2Gravity.Earth, new AtmosphericDrag(_atmosphere, craft)],
            new NumericalPropagatorOptions { PositionToleranceKm = 1e-6 });
        var detector = OrbitEventDetector.Altitude(_options.ReentryAltitudeKm, _eop, CrossingDirection.Falling);
        var current = initial;
        var limit = s.Epoch + _options.NumericalEndPhaseLimit;
        try
        {
            while (current.Epoch < limit)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var end = current.Epoch.AddSeconds(600);
                var arc = propagator.Propagate(current, craft, end, detectors: [detector], cancellationToken: cancellationToken);
                if (arc.Events.Count > 0)
                {
                    return arc.Events[0].Time;
                }

                current = arc.StateAt(end);
                if (current.Epoch > horizon)
                {
                    return current.Epoch;
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            // Outside the ephemeris or Earth-orientation span, or a step that failed: the caller extrapolates instead.
            return null;
        }

        return null;
    }

    /// <summary>The osculating state of the mean orbit: SGP4 at its epoch (short-period J2 terms, TEME → GCRF); where SGP4
    /// refuses, Kepler's equation on the mean elements.</summary>
    private StateVector Osculating(MeanOrbit s)
    {
        if (Steppe.Core.Propagation.Sgp4.Sgp4Propagator.TryCreate(s.ToElementSet(), out var sgp4, out _)
            && sgp4.Propagate(s.Epoch).TryGetStateVector(s.Epoch, out var teme))
        {
            return teme.To(Frame.Gcrf, _eop);
        }

        return Cartesian(s);
    }

    /// <summary>The mean orbit as a position and velocity (Kepler's equation; the mean elements' axes taken as GCRF).</summary>
    internal static StateVector Cartesian(MeanOrbit s)
    {
        double e = s.Eccentricity, a = s.SemiMajorAxisKm;
        double ecc = s.MeanAnomalyRad;
        for (int k = 0; k < 30; k++)
        {
            ecc -= (ecc - (e * Math.Sin(ecc)) - s.MeanAnomalyRad) / (1 - (e * Math.Cos(ecc)));
        }

        double cosE = Math.Cos(ecc), sinE = Math.Sin(ecc);
        double r = a * (1 - (e * cosE));
        double eta = Math.Sqrt(1 - (e * e));
        double xp = a * (cosE - e), yp = a * eta * sinE;
        double rate = Math.Sqrt(Mu / a) / r;
        double vxp = -a * sinE * rate, vyp = a * eta * cosE * rate;
        double cO = Math.Cos(s.RaanRad), sO = Math.Sin(s.RaanRad), cw = Math.Cos(s.ArgumentOfPerigeeRad), sw = Math.Sin(s.ArgumentOfPerigeeRad);
        double ci = Math.Cos(s.InclinationRad), si = Math.Sin(s.InclinationRad);
        var px = new Vector3D((cO * cw) - (sO * sw * ci), (sO * cw) + (cO * sw * ci), sw * si);
        var py = new Vector3D((-cO * sw) - (sO * cw * ci), (-sO * sw) + (cO * cw * ci), cw * si);
        _ = r;
        return new StateVector(s.Epoch, Frame.Gcrf, (px * xp) + (py * yp), (px * vxp) + (py * vyp));
    }

    /// <summary>A short description for output headers.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"orbit-averaged drag decay ({_atmosphere.Name}), J2 secular; numerical end phase below {_options.HandoverPerigeeAltitudeKm:0} km to {_options.ReentryAltitudeKm:0} km");
}
