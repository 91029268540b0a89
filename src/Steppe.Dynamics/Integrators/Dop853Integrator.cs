using static Steppe.Dynamics.Integrators.Dop853Coefficients;

namespace Steppe.Dynamics.Integrators;

/// <summary>Tolerances and step limits of <see cref="Dop853Integrator"/>.</summary>
/// <param name="AbsoluteTolerance">Absolute tolerance on the controlled components, in their units (km for positions).</param>
/// <param name="RelativeTolerance">Relative tolerance on the controlled components.</param>
/// <param name="ControlledComponents">How many leading components of y the error is measured on (3: position only);
/// 0 means all.</param>
/// <param name="MaximumStepSeconds">The longest step allowed, seconds (positive infinity: none).</param>
/// <param name="InitialStepSeconds">The first step's length, seconds; 0 lets the integrator choose (Hairer's estimate).</param>
public sealed record Dop853Options(
    double AbsoluteTolerance = 1e-9,
    double RelativeTolerance = 0.0,
    int ControlledComponents = 0,
    double MaximumStepSeconds = double.PositiveInfinity,
    double InitialStepSeconds = 0.0);

/// <summary>
/// The adaptive Runge–Kutta method of Dormand and Prince of order 8 with error estimators of orders 5 and 3 and a dense
/// output of order 7 (DOP853; Hairer, Nørsett &amp; Wanner, <i>Solving ODEs I</i>, §II.10). It advances one accepted step
/// at a time (<see cref="Step"/>) so a caller can look at each step's dense output (<see cref="CurrentStep"/>) — to find
/// events or write an ephemeris — before the next. The error is measured on the leading
/// <see cref="Dop853Options.ControlledComponents"/> components (for an orbit, the position) with Hairer's combined
/// 5th/3rd-order estimate, and the step follows err^(−1/8) with a safety factor of 0.9, bounded to [1/3, 6].
/// Work arrays are allocated once; a step allocates nothing. Not thread-safe.
/// </summary>
public sealed class Dop853Integrator
{
    private const double Safety = 0.9;
    private const double MinimumScale = 0.333;
    private const double MaximumScale = 6.0;

    private readonly IOdeSystem _system;
    private readonly int _n;
    private readonly int _controlled;
    private readonly double _atol, _rtol, _hMax;
    private readonly double _hInitial;
    private readonly double[] _y, _yNew, _yTemp, _k1, _k2, _k3, _k4, _k5, _k6, _k7, _k8, _k9, _k10, _k11, _k12, _k13, _k14, _k15, _k16;
    private readonly double[] _err5, _err3;
    private readonly Dop853Segment _segment;
    private double _t, _h;
    private bool _rejectedLast;
    private int _evaluations;

    /// <summary>An integrator for <paramref name="system"/> with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A tolerance is negative or both are zero, or the controlled count is out of range.</exception>
    public Dop853Integrator(IOdeSystem system, Dop853Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        options ??= new Dop853Options();
        _system = system;
        _n = system.Dimension;
        if (_n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(system), _n, "The system must have at least one component.");
        }

        if (!(options.AbsoluteTolerance >= 0) || !(options.RelativeTolerance >= 0) || options.AbsoluteTolerance + options.RelativeTolerance <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Tolerances must be non-negative and not both zero.");
        }

        if (options.ControlledComponents < 0 || options.ControlledComponents > _n)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ControlledComponents, "The controlled components must be between 0 and the dimension.");
        }

        if (!(options.MaximumStepSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaximumStepSeconds, "The maximum step must be positive.");
        }

        _controlled = options.ControlledComponents == 0 ? _n : options.ControlledComponents;
        _atol = options.AbsoluteTolerance;
        _rtol = options.RelativeTolerance;
        _hMax = options.MaximumStepSeconds;
        _hInitial = Math.Abs(options.InitialStepSeconds);
        double[] New() => new double[_n];
        _y = New(); _yNew = New(); _yTemp = New();
        _k1 = New(); _k2 = New(); _k3 = New(); _k4 = New(); _k5 = New(); _k6 = New(); _k7 = New(); _k8 = New();
        _k9 = New(); _k10 = New(); _k11 = New(); _k12 = New(); _k13 = New(); _k14 = New(); _k15 = New(); _k16 = New();
        _err5 = New(); _err3 = New();
        _segment = new Dop853Segment(_n);
    }

    /// <summary>The current time, seconds from the system's reference epoch.</summary>
    public double Time => _t;

    /// <summary>The current solution.</summary>
    public ReadOnlySpan<double> State => _y;

    /// <summary>The dense output of the last accepted step (overwritten by the next; <see cref="Dop853Segment.Clone"/> to keep it).</summary>
    public Dop853Segment CurrentStep => _segment;

    /// <summary>Right-hand-side evaluations since the last <see cref="Reset"/>.</summary>
    public int Evaluations => _evaluations;

    /// <summary>The step the integrator will try next, seconds (signed).</summary>
    public double NextStepSeconds => _h;

    /// <summary>Starts (or restarts, after a discontinuity) at <paramref name="t0"/> with <paramref name="y0"/>, integrating
    /// towards <paramref name="direction"/> (+1 forwards, −1 backwards), trying <paramref name="initialStepSeconds"/> first
    /// (0: the options' initial step, or Hairer's estimate).</summary>
    public void Reset(double t0, ReadOnlySpan<double> y0, int direction, double initialStepSeconds = 0)
    {
        if (y0.Length != _n)
        {
            throw new ArgumentOutOfRangeException(nameof(y0), y0.Length, $"The state must have {_n} components.");
        }

        if (direction is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "The direction must be +1 or −1.");
        }

        _t = t0;
        y0.CopyTo(_y);
        _evaluations = 0;
        _rejectedLast = false;
        _system.Derivatives(_t, _y, _k1);
        _evaluations++;
        double first = initialStepSeconds > 0 ? Math.Abs(initialStepSeconds) : _hInitial;
        _h = direction * (first > 0 ? Math.Min(first, _hMax) : InitialStep(direction));
    }

    /// <summary>Takes one accepted step, not beyond <paramref name="tLimit"/> (which must lie ahead in the direction of
    /// integration); its dense output is then <see cref="CurrentStep"/>.</summary>
    /// <returns>The time reached.</returns>
    /// <exception cref="InvalidOperationException">The step became too small for the tolerance, or the solution is not finite.</exception>
    public double Step(double tLimit)
    {
        double direction = Math.Sign(_h);
        double remaining = tLimit - _t;
        if (remaining * direction <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tLimit), tLimit, "The limit must lie ahead in the direction of integration.");
        }

        double h = direction * Math.Min(Math.Abs(_h), _hMax);
        bool last = false;
        while (true)
        {
            if (Math.Abs(h) >= Math.Abs(remaining) * (1 - 1e-12))
            {
                h = remaining;
                last = true;
            }

            if (Math.Abs(h) <= Math.Max(Math.Abs(_t), 1.0) * 1e-14)
            {
                throw new InvalidOperationException($"The step size fell below round-off at t = {_t} s: the tolerance cannot be met.");
            }

            double err = Attempt(h);
            if (!double.IsFinite(err))
            {
                h *= 0.25;
                _rejectedLast = true;
                last = false;
                continue;
            }

            if (err <= 1.0)
            {
                double scale = err == 0 ? MaximumScale : Math.Clamp(Safety * Math.Pow(err, -0.125), MinimumScale, MaximumScale);
                if (_rejectedLast)
                {
                    scale = Math.Min(scale, 1.0);
                }

                _rejectedLast = false;
                Accept(h, last ? tLimit : _t + h);
                double next = h * scale;
                _h = Math.Abs(next) > _hMax ? direction * _hMax : next;
                if (last && Math.Abs(_h) < Math.Abs(h))
                {
                    _h = h;
                }

                return _t;
            }

            h *= Math.Max(Safety * Math.Pow(err, -0.125), MinimumScale);
            _rejectedLast = true;
            last = false;
        }
    }

    /// <summary>Integrates to <paramref name="tEnd"/> without looking at the steps; the solution is then <see cref="State"/>.</summary>
    public void IntegrateTo(double tEnd)
    {
        while (_t != tEnd)
        {
            Step(tEnd);
        }
    }

    private double Attempt(double h)
    {
        int n = _n;
        double t = _t;
        double[] y = _y, yt = _yTemp;
        double[] k1 = _k1, k2 = _k2, k3 = _k3, k4 = _k4, k5 = _k5, k6 = _k6, k7 = _k7, k8 = _k8, k9 = _k9, k10 = _k10, k11 = _k11, k12 = _k12;
        for (int i = 0; i < n; i++)
        {
            yt[i] = y[i] + (h * A21 * k1[i]);
        }

        Eval(t + (C2 * h), yt, k2);
        for (int i = 0; i < n; i++)
        {
            yt[i] = y[i] + (h * ((A31 * k1[i]) + (A32 * k2[i])));
        }

        Eval(t + (C3 * h), yt, k3);
        for (int i = 0; i < n; i++)
        {
            yt[i] = y[i] + (h * ((A41 * k1[i]) + (A43 * k3[i])));
        }

        Eval(t + (C4 * h), yt, k4);
        for (int i = 0; i < n; i++)
        {
            yt[i] = y[i] + (h * ((A51 * k1[i]) + (A53 * k3[i]) + (A54 * k4[i])));
        }

        Eval(t + (C5 * h), yt, k5);
        for (int i = 0; i < n; i++)
        {
            yt[i] = y[i] + (h * ((A61 * k1[i]) + (A64 * k4[i]) + (A65 * k5[i])));
        }

        Eval(t + (C6 * h), yt, k6);
        for (int i = 0; i < n; i++)
        {
            yt[i] = y[i] + (h * ((A71 * k1[i]) + (A74 * k4[i]) + (A75 * k5[i]) + (A76 * k6[i])));
        }

        Eval(t + (C7 * h), yt, k7);
        for (int i = 0; i < n; i++)
        {
            yt[i] = y[i] + (h * ((A81 * k1[i]) + (A84 * k4[i]) + (A85 * k5[i]) + (A86 * k6[i]) + (A87 * k7[i])));
        }

        Eval(t + (C8 * h), yt, k8);
        for (int i = 0; i < n; i++)
        {
            yt[i] = y[i] + (h * ((A91 * k1[i]) + (A94 * k4[i]) + (A95 * k5[i]) + (A96 * k6[i]) + (A97 * k7[i]) + (A98 * k8[i])));
        }

        Eval(t + (C9 * h), yt, k9);
        for (int i = 0; i < n; i++)
        {
            yt[i] = y[i] + (h * ((A101 * k1[i]) + (A104 * k4[i]) + (A105 * k5[i]) + (A106 * k6[i]) + (A107 * k7[i]) + (A108 * k8[i]) + (A109 * k9[i])));
        }

        Eval(t + (C10 * h), yt, k10);
        for (int i = 0; i < n; i++)
        {
            yt[i] = y[i] + (h * ((A111 * k1[i]) + (A114 * k4[i]) + (A115 * k5[i]) + (A116 * k6[i]) + (A117 * k7[i]) + (A118 * k8[i]) + (A119 * k9[i]) + (A1110 * k10[i])));
        }

        Eval(t + (C11 * h), yt, k11);
        for (int i = 0; i < n; i++)
        {
            yt[i] = y[i] + (h * ((A121 * k1[i]) + (A124 * k4[i]) + (A125 * k5[i]) + (A126 * k6[i]) + (A127 * k7[i]) + (A128 * k8[i]) + (A129 * k9[i]) + (A1210 * k10[i]) + (A1211 * k11[i])));
        }

        Eval(t + h, yt, k12);
        double[] yNew = _yNew;
        double err = 0, err2 = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = (B1 * k1[i]) + (B6 * k6[i]) + (B7 * k7[i]) + (B8 * k8[i]) + (B9 * k9[i]) + (B10 * k10[i]) + (B11 * k11[i]) + (B12 * k12[i]);
            yNew[i] = y[i] + (h * sum);
            if (i < _controlled)
            {
                double sk = _atol + (_rtol * Math.Max(Math.Abs(y[i]), Math.Abs(yNew[i])));
                double e3 = (sum - (Bhh1 * k1[i]) - (Bhh2 * k9[i]) - (Bhh3 * k12[i])) / sk;
                double e5 = ((Er1 * k1[i]) + (Er6 * k6[i]) + (Er7 * k7[i]) + (Er8 * k8[i]) + (Er9 * k9[i]) + (Er10 * k10[i]) + (Er11 * k11[i]) + (Er12 * k12[i])) / sk;
                err2 += e3 * e3;
                err += e5 * e5;
            }
        }

        double deno = err + (0.01 * err2);
        if (deno <= 0)
        {
            deno = 1.0;
        }

        return Math.Abs(h) * err * Math.Sqrt(1.0 / (_controlled * deno));
    }

    private void Accept(double h, double tNew)
    {
        int n = _n;
        double t = _t;
        double[] y = _y, yNew = _yNew, yt = _yTemp;
        double[] k1 = _k1, k6 = _k6, k7 = _k7, k8 = _k8, k9 = _k9, k10 = _k10, k11 = _k11, k12 = _k12, k13 = _k13, k14 = _k14, k15 = _k15, k16 = _k16;
        Eval(t + h, yNew, k13);
        for (int i = 0; i < n; i++)
        {
            yt[i] = y[i] + (h * ((A141 * k1[i]) + (A147 * k7[i]) + (A148 * k8[i]) + (A149 * k9[i]) + (A1410 * k10[i]) + (A1411 * k11[i]) + (A1412 * k12[i]) + (A1413 * k13[i])));
        }

        Eval(t + (C14 * h), yt, k14);
        for (int i = 0; i < n; i++)
        {
            yt[i] = y[i] + (h * ((A151 * k1[i]) + (A156 * k6[i]) + (A157 * k7[i]) + (A158 * k8[i]) + (A1511 * k11[i]) + (A1512 * k12[i]) + (A1513 * k13[i]) + (A1514 * k14[i])));
        }

        Eval(t + (C15 * h), yt, k15);
        for (int i = 0; i < n; i++)
        {
            yt[i] = y[i] + (h * ((A161 * k1[i]) + (A166 * k6[i]) + (A167 * k7[i]) + (A168 * k8[i]) + (A169 * k9[i]) + (A1613 * k13[i]) + (A1614 * k14[i]) + (A1615 * k15[i])));
        }

        Eval(t + (C16 * h), yt, k16);
        var c = _segment.Coefficients;
        for (int i = 0; i < n; i++)
        {
            double yDiff = yNew[i] - y[i];
            double bspl = (h * k1[i]) - yDiff;
            int o = 8 * i;
            c[o] = y[i];
            c[o + 1] = yDiff;
            c[o + 2] = bspl;
            c[o + 3] = yDiff - (h * k13[i]) - bspl;
            c[o + 4] = h * ((D41 * k1[i]) + (D46 * k6[i]) + (D47 * k7[i]) + (D48 * k8[i]) + (D49 * k9[i]) + (D410 * k10[i]) + (D411 * k11[i]) + (D412 * k12[i]) + (D413 * k13[i]) + (D414 * k14[i]) + (D415 * k15[i]) + (D416 * k16[i]));
            c[o + 5] = h * ((D51 * k1[i]) + (D56 * k6[i]) + (D57 * k7[i]) + (D58 * k8[i]) + (D59 * k9[i]) + (D510 * k10[i]) + (D511 * k11[i]) + (D512 * k12[i]) + (D513 * k13[i]) + (D514 * k14[i]) + (D515 * k15[i]) + (D516 * k16[i]));
            c[o + 6] = h * ((D61 * k1[i]) + (D66 * k6[i]) + (D67 * k7[i]) + (D68 * k8[i]) + (D69 * k9[i]) + (D610 * k10[i]) + (D611 * k11[i]) + (D612 * k12[i]) + (D613 * k13[i]) + (D614 * k14[i]) + (D615 * k15[i]) + (D616 * k16[i]));
            c[o + 7] = h * ((D71 * k1[i]) + (D76 * k6[i]) + (D77 * k7[i]) + (D78 * k8[i]) + (D79 * k9[i]) + (D710 * k10[i]) + (D711 * k11[i]) + (D712 * k12[i]) + (D713 * k13[i]) + (D714 * k14[i]) + (D715 * k15[i]) + (D716 * k16[i]));
        }

        _segment.Set(t, h, tNew);
        Array.Copy(yNew, y, n);
        Array.Copy(k13, k1, n);
        _t = tNew;
    }

    private double InitialStep(int direction)
    {
        // Hairer's HINIT: h0 from ‖y‖/‖f‖, refined with a second derivative estimate, order 8.
        double d0 = 0, d1 = 0;
        for (int i = 0; i < _controlled; i++)
        {
            double sk = _atol + (_rtol * Math.Abs(_y[i]));
            d0 += (_y[i] / sk) * (_y[i] / sk);
            d1 += (_k1[i] / sk) * (_k1[i] / sk);
        }

        double h0 = d0 <= 1e-10 || d1 <= 1e-10 ? 1e-6 : 0.01 * Math.Sqrt(d0 / d1);
        h0 = Math.Min(h0, _hMax);
        for (int i = 0; i < _n; i++)
        {
            _yTemp[i] = _y[i] + (direction * h0 * _k1[i]);
        }

        Eval(_t + (direction * h0), _yTemp, _k2);
        double d2 = 0;
        for (int i = 0; i < _controlled; i++)
        {
            double sk = _atol + (_rtol * Math.Abs(_y[i]));
            double v = (_k2[i] - _k1[i]) / sk;
            d2 += v * v;
        }

        d2 = Math.Sqrt(d2) / h0;
        double dm = Math.Max(Math.Sqrt(d1), d2);
        double h1 = dm <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / dm, 1.0 / 8.0);
        return Math.Min(Math.Min(100 * h0, h1), _hMax);
    }

    private void Eval(double t, double[] y, double[] dydt)
    {
        _system.Derivatives(t, y, dydt);
        _evaluations++;
    }
}

/// <summary>The 7th-order dense output of one DOP853 step (Hairer's CONTD8): y(t) for t between the step's ends.</summary>
public sealed class Dop853Segment : IDenseSegment
{
    private readonly int _n;
    private double _t0, _h, _end;

    internal Dop853Segment(int dimension)
    {
        _n = dimension;
        Coefficients = new double[8 * dimension];
    }

    internal double[] Coefficients { get; }

    /// <inheritdoc />
    public double Start => _t0;

    /// <inheritdoc />
    public double End => _end;

    internal void Set(double t0, double h, double end)
    {
        _t0 = t0;
        _h = h;
        _end = end;
    }

    /// <summary>A copy that the integrator will not overwrite, optionally ending earlier at <paramref name="end"/> (an
    /// interior time of this step, e.g. a maneuver).</summary>
    public Dop853Segment Clone(double? end = null)
    {
        var copy = new Dop853Segment(_n);
        Array.Copy(Coefficients, copy.Coefficients, Coefficients.Length);
        copy.Set(_t0, _h, end ?? _end);
        return copy;
    }

    /// <inheritdoc />
    public void Interpolate(double t, Span<double> y)
    {
        double s = (t - _t0) / _h;
        double s1 = 1.0 - s;
        var c = Coefficients;
        for (int i = 0; i < _n; i++)
        {
            int o = 8 * i;
            double v = c[o + 6] + (s * c[o + 7]);
            v = c[o + 5] + (s1 * v);
            v = c[o + 4] + (s * v);
            v = c[o + 3] + (s1 * v);
            v = c[o + 2] + (s * v);
            v = c[o + 1] + (s1 * v);
            y[i] = c[o] + (s * v);
        }
    }
}
