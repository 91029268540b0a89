using Steppe.Core.Events;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;

namespace Steppe.Planning.Passes;

/// <summary>
/// A satellite seen from a station: at each instant one SGP4 call, one TEME → ITRF rotation (interpolated over the
/// span by <see cref="TemeToItrfInterpolator"/>) and the station's precomputed east–north–up axes give the elevation above the mask, its rate, and a step over which no pass can begin
/// or end.
/// </summary>
/// <remarks>
/// <para><b>Why no pass is missed.</b> The search steps from each sample by the largest of three steps, each one proved
/// safe from two-body bounds on the orbit the sample's TEME state osculates (with 10 % margin for SGP4's perturbations
/// and drag within a step, and a floor of <see cref="PassOptions.ShortestGuaranteedPass"/>):</para>
/// <list type="number">
/// <item><b>Line of sight.</b> The station is fixed in ITRF, so the line of sight turns at most at |v_ITRF| / ρ, and
/// |v_ITRF| ≤ V = v_perigee + ω⊕ r_apogee (the inertial speed is greatest at perigee; the frame adds ω⊕ × r). The range
/// falls at most at V, so over a step s the elevation moves by at most ∫ V / (ρ − V t) dt = ln(ρ / (ρ − V s)). An
/// elevation d below the lowest point of the mask (or above its highest) therefore stays on its side for
/// s = ρ (1 − e^(−d)) / V. For the ISS 60° below the horizon (ρ ≈ 11 000 km) that is about 9 minutes; at 1° below it, 4 s.</item>
/// <item><b>Visibility cone.</b> A satellite at radius r is above geocentric elevation ε only within the Earth-central
/// angle λ_vis = acos(R_s cos ε / r) − ε of the station (R_s the station's geocentric radius; the geodetic vertical
/// is within 0.2° of the geocentric one, so ε is taken 0.25° below the mask and r at apogee + 2 % + 10 km). The
/// sub-satellite direction turns in ITRF at most at h / r_p² + ω⊕, so a satellite at central angle λ &gt; λ_vis stays
/// invisible for (λ − λ_vis) / (h / r_p² + ω⊕). For the ISS on the far side of the Earth that is about 30 minutes.</item>
/// <item><b>Azimuth-dependent masks.</b> With a mask of slope S (elevation per azimuth), the margin g = ε − m(az)
/// moves at most at (V / ρ)(1 + S / cos ε), and ε stays below ε₀ + |g₀| while g has not changed sign, which bounds
/// 1 / cos ε over the step.</item>
/// </list>
/// <para>So a step longer than the floor is only taken when no pass can begin (or end) within it, and a pass longer than
/// the floor always holds a sample. Inside a pass the step is also held to a sixteenth of the orbital period so that
/// the several maxima of a long HEO pass are resolved; between samples the rate of the margin brackets culminations,
/// and a pass too short to hold a sample is still found when its culmination falls between two samples.</para>
/// </remarks>
internal sealed class StationView
{
    private const double Mu = Wgs84.GravitationalParameterKm3PerS2;
    private const double EarthRate = FrameTransforms.EarthAngularVelocityRadPerS;
    private const double SafetyFactor = 1.10;
    private const double VerticalDeflection = 0.25 * Math.PI / 180.0;
    private const double NearZenith = 89.5 * Math.PI / 180.0;


    private readonly Sgp4Propagator _propagator;
    private readonly GroundStation _station;
    private readonly TemeToItrfInterpolator _rotations;
    private readonly double _constantMask;
    private readonly HorizonMask? _horizon;
    private readonly double _maskLow;
    private readonly double _maskHigh;
    private readonly double _maskSlope;
    private readonly Vector3D _stationItrf;
    private readonly Vector3D _stationUnit;
    private readonly double _stationRadius;
    private readonly double _cosConeElevation;
    private readonly double _coneElevation;

    public StationView(Sgp4Propagator propagator, GroundStation station, PassOptions options, TemeToItrfInterpolator rotations)
    {
        _propagator = propagator;
        _station = station;
        _rotations = rotations;
        _constantMask = options.MinimumElevation.Radians;
        _horizon = options.Horizon;
        _maskLow = Math.Max(_constantMask, _horizon?.Minimum.Radians ?? _constantMask);
        _maskHigh = Math.Max(_constantMask, _horizon?.Maximum.Radians ?? _constantMask);
        _maskSlope = _horizon is { } h && h.Maximum.Radians > _constantMask ? h.MaximumSlope : 0.0;
        _stationItrf = station.ItrfPositionKm;
        _stationRadius = _stationItrf.Length;
        _stationUnit = _stationItrf / _stationRadius;
        _coneElevation = _maskLow - VerticalDeflection;
        _cosConeElevation = Math.Cos(_coneElevation);
        MinimumStepSeconds = options.ShortestGuaranteedPass.TotalSeconds;
        PeriodSeconds = 86400.0 / propagator.Elements.MeanMotionRevPerDay;
    }

    public double MinimumStepSeconds { get; }

    public double PeriodSeconds { get; }

    public Sgp4Propagator Propagator => _propagator;

    /// <summary>The mask's elevation (rad) at an azimuth (rad) and its slope.</summary>
    public double MaskAt(double azimuthRad, out double slope)
    {
        slope = 0;
        if (_horizon is null) return _constantMask;
        double m = _horizon.ElevationAtRadians(azimuthRad, out double s);
        if (m > _constantMask)
        {
            slope = s;
            return m;
        }

        return _constantMask;
    }

    /// <summary>Look angles at an instant, or false where SGP4 fails.</summary>
    public bool TryLook(Instant t, out LookAngles look)
    {
        var r = _propagator.Propagate(t);
        if (!r.IsSuccess)
        {
            look = default;
            return false;
        }

        var (pos, vel) = _rotations.Rotation(t).Transform(r.PositionKm, r.VelocityKmPerS);
        look = _station.LookAnglesTo(pos, vel);
        return true;
    }

    /// <summary>Pure elevation (rad) and its rate, for culmination searches under a horizon mask.</summary>
    public bool Elevation(Instant t, out EventSample sample)
    {
        if (!Geometry(t, out var g))
        {
            sample = default;
            return false;
        }

        sample = new EventSample(g.Elevation, g.ElevationRate, 0);
        return true;
    }

    /// <summary>The margin above the mask (rad), its rate, and the safe step.</summary>
    public bool Margin(Instant t, out EventSample sample)
    {
        if (!Geometry(t, out var g))
        {
            sample = default;
            return false;
        }

        double mask = MaskAt(g.Azimuth, out double slope);
        double margin = g.Elevation - mask;
        double rate = g.ElevationRate - (slope * g.AzimuthRate);
        sample = new EventSample(margin, rate, SafeStep(g, margin, rate));
        return true;
    }

    private double SafeStep(in Sample g, double margin, double rate)
    {
        // Two-body bounds from the osculating orbit of the TEME state.
        double r = g.TemeRadius;
        double energy = (0.5 * g.TemeSpeedSquared) - (Mu / r);
        if (!(energy < 0))
        {
            return 0.0;
        }

        double a = -Mu / (2.0 * energy);
        double h = g.AngularMomentum;
        double e = Math.Sqrt(Math.Max(0.0, 1.0 - (h * h / (Mu * a))));
        double rp = a * (1.0 - e);
        double ra = a * (1.0 + e);
        double speedBound = SafetyFactor * ((h / rp) + (EarthRate * ra));
        double step = 0.0;

        // 1. Line of sight: distance to the band [lowest, highest] of the mask.
        double el = g.Elevation;
        double d = el < _maskLow ? _maskLow - el : el > _maskHigh ? el - _maskHigh : 0.0;
        if (d > 0)
        {
            step = g.Range * (1.0 - Math.Exp(-d)) / speedBound;
        }

        // 3. A sloping mask: the margin itself, with the azimuth rate bounded through the highest elevation reachable.
        if (_maskSlope > 0)
        {
            double reach = Math.Min(el + Math.Abs(margin), NearZenith);
            double budget = Math.Abs(margin) / (1.0 + (_maskSlope / Math.Cos(reach)));
            step = Math.Max(step, g.Range * (1.0 - Math.Exp(-budget)) / speedBound);
        }

        if (margin <= 0)
        {
            // 2. Visibility cone.
            double rMax = (ra * 1.02) + 10.0;
            double x = _stationRadius * _cosConeElevation / rMax;
            if (x < 1.0)
            {
                double lambdaVisible = Math.Acos(x) - _coneElevation;
                double lambda = Math.Acos(Math.Clamp(Vector3D.Dot(g.ItrfPosition, _stationUnit) / g.ItrfPosition.Length, -1.0, 1.0));
                if (lambda > lambdaVisible)
                {
                    double turnRate = (SafetyFactor * h / (rp * rp)) + EarthRate;
                    step = Math.Max(step, (lambda - lambdaVisible) / turnRate);
                }
            }
        }

        // 4. Curvature (constant masks): g(t₀ + s') ≤ g₀ + ġ₀ s' + K s'²/2 on [0, s] when K bounds |ε̈| over the step;
        // tried only for steps longer than those already proved.
        if (_maskSlope == 0)
        {
            step = Math.Max(step, CurvatureStep(g, margin, rate, speedBound, rp, ra, Math.Max(MinimumStepSeconds, 1.5 * step)));
        }

        if (margin > 0)
        {
            // Inside a pass: resolve every maximum of a long pass.
            step = Math.Min(step, PeriodSeconds / 16.0);
        }

        return step;
    }

    /// <summary>
    /// The longest step (of 1.5ⁿ times the shortest) over which a second-order bound keeps the margin on its side.
    /// Writing û for the line of sight, z for the vertical, ω = |dû/dt| ≥ |ε̇| and a for the ITRF acceleration,
    /// ε̈ = [a·z − (a·û) sin ε] / (ρ cos ε) − (ω² − ε̇²) tan ε − 2 ρ̇ ε̇ / ρ, so over a step in which the range stays
    /// above ρ_min, |sin ε| ≤ S, cos ε ≥ C and |ε̇| ≤ E:
    /// |ε̈| ≤ K = A (1 + S) / (ρ_min C) + ω² S / C + 2 V E / ρ_min, with ω ≤ V / ρ_min, A ≥ |a| (gravity at perigee,
    /// Coriolis and centrifugal terms), V ≥ |v_ITRF| (at most the current speed plus A s), S and C from the current
    /// elevation widened by the line of sight's turn (≤ V s / ρ_min), and E from |ε̇| ≤ |ε̇₀| + K s solved for E:
    /// E = (|ε̇₀| + K₀ s) / (1 − 2 V s / ρ_min). The quadratic bound is convex in s', so checking it at s suffices.
    /// </summary>
    private static double CurvatureStep(in Sample g, double margin, double rate, double speedBound, double rp, double ra, double firstStep)
    {
        double accelerationBound = SafetyFactor * ((Mu / (rp * rp)) + (2.0 * EarthRate * speedBound) + (EarthRate * EarthRate * ra));
        double approach = margin <= 0 ? rate : -rate;
        double gap = Math.Abs(margin);
        var (sinEl, cosEl) = Math.SinCos(g.Elevation);
        sinEl = Math.Abs(sinEl);
        double best = 0;
        double s = firstStep;
        for (int n = 0; n < 24; n++, s *= 1.5)
        {
            double v = Math.Min(speedBound, g.ItrfSpeed + (accelerationBound * s));
            double fall = v * s;
            if (fall >= 0.45 * g.Range) break;
            double rhoMin = g.Range - fall;
            double turn = fall / rhoMin;
            double sinBound = Math.Min(1.0, sinEl + turn);
            double cosBound = cosEl - turn;
            if (cosBound < 0.02) break;
            double omega = v / rhoMin;
            double k0 = (accelerationBound * (1.0 + sinBound) / (rhoMin * cosBound)) + (omega * omega * sinBound / cosBound);
            double elevationRateBound = Math.Min(omega, (Math.Abs(rate) + (k0 * s)) / (1.0 - (2.0 * v * s / rhoMin)));
            double k = k0 + (2.0 * v * elevationRateBound / rhoMin);
            if ((approach * s) + (0.5 * k * s * s) >= gap) break;
            best = s;
        }

        return best;
    }

    private bool Geometry(Instant t, out Sample sample)
    {
        var result = _propagator.Propagate(t);
        if (!result.IsSuccess)
        {
            sample = default;
            return false;
        }

        var rTeme = result.PositionKm;
        var vTeme = result.VelocityKmPerS;
        var (pos, vel) = _rotations.Rotation(t).Transform(rTeme, vTeme);
        var m = _station.ItrfToEastNorthUp;
        var enu = m * (pos - _stationItrf);
        var enuRate = m * vel;
        double e = enu.X, n = enu.Y, u = enu.Z;
        double horizontal2 = (e * e) + (n * n);
        double horizontal = Math.Max(Math.Sqrt(horizontal2), 1e-9);
        double range2 = horizontal2 + (u * u);
        double horizontalRate = ((e * enuRate.X) + (n * enuRate.Y)) / horizontal;
        double az = 0;
        if (_horizon is not null)
        {
            az = Math.Atan2(e, n);
            if (az < 0) az += 2.0 * Math.PI;
        }

        sample = new Sample
        {
            Elevation = Math.Atan2(u, horizontal),
            ElevationRate = ((horizontal * enuRate.Z) - (u * horizontalRate)) / range2,
            Azimuth = az,
            AzimuthRate = ((n * enuRate.X) - (e * enuRate.Y)) / (horizontal * horizontal),
            Range = Math.Sqrt(range2),
            TemeRadius = rTeme.Length,
            TemeSpeedSquared = vTeme.LengthSquared,
            AngularMomentum = Vector3D.Cross(rTeme, vTeme).Length,
            ItrfPosition = pos,
            ItrfSpeed = vel.Length,
        };
        return true;
    }

    private struct Sample
    {
        public double Elevation;
        public double ElevationRate;
        /// <summary>Computed only under a horizon mask.</summary>
        public double Azimuth;
        public double AzimuthRate;
        public double Range;
        public double TemeRadius;
        public double TemeSpeedSquared;
        public double AngularMomentum;
        public Vector3D ItrfPosition;
        public double ItrfSpeed;
    }
}
