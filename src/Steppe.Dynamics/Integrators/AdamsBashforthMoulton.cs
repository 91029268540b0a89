namespace Steppe.Dynamics.Integrators;

/// <summary>
/// The fixed-step Adams–Bashforth–Moulton predictor–corrector of order 8, for long arcs: Adams–Bashforth 8-step predicts,
/// Adams–Moulton 7-step (order 8) corrects. In PECE mode f is evaluated twice per step (at the predicted and at the
/// corrected state); in PEC mode once, at the predicted state, and the history keeps that value — except that the
/// derivatives of the second-order pairs' first halves (an orbit's velocities, in the state already) are taken from the
/// corrected state, which costs nothing. For orbits PEC is as accurate as PECE at the steps that reach a centimetre
/// and half the cost. The
/// coefficients are computed from the backward-difference series γⱼ = 1 − Σ γᵢ/(j+1−i) (explicit) and
/// γ*ⱼ = −Σ γ*ᵢ/(j+1−i) (implicit) (Hairer, Nørsett &amp; Wanner, <i>Solving ODEs I</i>, §III.1). The first seven
/// steps come from <see cref="Dop853Integrator"/> at a tight tolerance. Dense output is Hermite interpolation between
/// grid points: quintic for the first <c>secondOrderPairs</c> components (positions whose derivatives are the next
/// ones, so the accelerations are known), cubic for the rest. Allocation-free per step. Not thread-safe.
/// </summary>
public sealed class AdamsBashforthMoulton : IFixedStepIntegrator
{
    /// <summary>The order (and the number of back values of f the predictor uses).</summary>
    public const int Order = 8;

    private static readonly double[] Predictor = OrdinateCoefficients(Order, explicitMethod: true);
    private static readonly double[] Corrector = OrdinateCoefficients(Order - 1, explicitMethod: false);

    private readonly IOdeSystem _system;
    private readonly bool _evaluateCorrected;
    private readonly int _n;
    private readonly int _pairs;
    private readonly double[][] _f; // ring of the last Order values of f, _f[(_index - j) mod Order] = f_{n-j}
    private readonly double[] _y, _yPredicted, _fNew, _yStart;
    private readonly HermiteSegment _segment;
    private readonly double _starterTolerance;
    private readonly double[][] _starterY;
    private double _t, _h, _t0;
    private int _index, _gridIndex, _evaluations;

    /// <summary>An integrator for <paramref name="system"/> whose first <paramref name="secondOrderPairs"/> components have
    /// their derivatives in the next <paramref name="secondOrderPairs"/> (3 for an orbit: positions, then velocities);
    /// <paramref name="evaluateCorrected"/> chooses PECE (true, the default) or PEC.</summary>
    public AdamsBashforthMoulton(IOdeSystem system, int secondOrderPairs = 0, double starterTolerance = 1e-12, bool evaluateCorrected = true)
    {
        _evaluateCorrected = evaluateCorrected;
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        _n = system.Dimension;
        if (secondOrderPairs < 0 || 2 * secondOrderPairs > _n)
        {
            throw new ArgumentOutOfRangeException(nameof(secondOrderPairs), secondOrderPairs, "The second-order pairs must fit in the dimension.");
        }

        _pairs = secondOrderPairs;
        _starterTolerance = starterTolerance;
        _f = new double[Order][];
        _starterY = new double[Order][];
        for (int i = 0; i < Order; i++)
        {
            _f[i] = new double[_n];
            _starterY[i] = new double[_n];
        }

        _y = new double[_n];
        _yPredicted = new double[_n];
        _fNew = new double[_n];
        _yStart = new double[_n];
        _segment = new HermiteSegment(_n, _pairs);
    }

    /// <summary>The current time, seconds.</summary>
    public double Time => _t;

    /// <summary>The current solution.</summary>
    public ReadOnlySpan<double> State => _y;

    /// <summary>The dense output of the last step (overwritten by the next; <see cref="HermiteSegment.Clone"/> keeps it).</summary>
    public HermiteSegment CurrentStep => _segment;

    /// <summary>Right-hand-side evaluations since the last reset (the starter's included).</summary>
    public int Evaluations => _evaluations;

    /// <summary>Starts at <paramref name="t0"/> with <paramref name="y0"/> and the signed step <paramref name="stepSeconds"/>;
    /// the starter integrates the first seven steps at once.</summary>
    public void Reset(double t0, ReadOnlySpan<double> y0, double stepSeconds)
    {
        if (!(Math.Abs(stepSeconds) > 0) || !double.IsFinite(stepSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(stepSeconds), stepSeconds, "The step must be finite and non-zero.");
        }

        _t0 = t0;
        _t = t0;
        _h = stepSeconds;
        y0.CopyTo(_y);
        y0.CopyTo(_yStart);
        var starter = new Dop853Integrator(_system, new Dop853Options(_starterTolerance, 0, _pairs == 0 ? 0 : _pairs, Math.Abs(stepSeconds)));
        starter.Reset(t0, y0, Math.Sign(stepSeconds));
        y0.CopyTo(_starterY[0]);
        for (int j = 1; j < Order; j++)
        {
            starter.IntegrateTo(t0 + (j * stepSeconds));
            starter.State.CopyTo(_starterY[j]);
        }

        _evaluations = starter.Evaluations;
        for (int j = 0; j < Order; j++)
        {
            _system.Derivatives(t0 + (j * stepSeconds), _starterY[j], _f[j]);
            _evaluations++;
        }

        _index = 0; // f_n lives at _f[_index] once the starter values are consumed
        _gridIndex = 0;
    }

    /// <summary>Starts from the solution at the first <see cref="Order"/> points of the grid <paramref name="t0"/> +
    /// j·<paramref name="stepSeconds"/> (<paramref name="startValues"/>[j], j = 0 … Order − 1, found by the caller, e.g. by
    /// DOP853 with its dense output); the method then stands at the last of them and <see cref="Step"/> goes on from there.</summary>
    public void Reset(double t0, double stepSeconds, IReadOnlyList<double[]> startValues)
    {
        ArgumentNullException.ThrowIfNull(startValues);
        if (!(Math.Abs(stepSeconds) > 0) || !double.IsFinite(stepSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(stepSeconds), stepSeconds, "The step must be finite and non-zero.");
        }

        if (startValues.Count != Order)
        {
            throw new ArgumentOutOfRangeException(nameof(startValues), startValues.Count, $"The method starts from {Order} values.");
        }

        _t0 = t0;
        _h = stepSeconds;
        _evaluations = 0;
        for (int j = 0; j < Order; j++)
        {
            Array.Copy(startValues[j], _starterY[j], _n);
            _system.Derivatives(t0 + (j * stepSeconds), _starterY[j], _f[j]);
            _evaluations++;
        }

        Array.Copy(_starterY[Order - 1], _y, _n);
        _gridIndex = Order - 1;
        _index = Order - 1;
        _t = t0 + ((Order - 1) * stepSeconds);
    }

    /// <summary>The step, seconds (signed).</summary>
    public double StepSeconds => _h;

    /// <summary>Whether f is evaluated again at the corrected state (PECE) or not (PEC).</summary>
    public bool EvaluatesCorrected => _evaluateCorrected;

    /// <inheritdoc />
    int IFixedStepIntegrator.StartPoints => Order;

    /// <summary>Takes one step of the fixed size; its dense output is then <see cref="CurrentStep"/>.</summary>
    /// <returns>The time reached.</returns>
    public double Step()
    {
        if (_gridIndex < Order - 1)
        {
            // Still within the starter's values.
            var fa = _f[_gridIndex];
            var fb = _f[_gridIndex + 1];
            _segment.Set(_t, _t + _h, _starterY[_gridIndex], fa, _starterY[_gridIndex + 1], fb);
            _gridIndex++;
            _index = _gridIndex;
            Array.Copy(_starterY[_gridIndex], _y, _n);
            _t = _t0 + (_gridIndex * _h);
            return _t;
        }

        double h = _h;
        double tNew = _t + h;
        var fn = _f[_index];
        for (int i = 0; i < _n; i++)
        {
            double sum = 0;
            for (int j = 0; j < Order; j++)
            {
                sum += Predictor[j] * _f[((_index - j) % Order + Order) % Order][i];
            }

            _yPredicted[i] = _y[i] + (h * sum);
        }

        _system.Derivatives(tNew, _yPredicted, _fNew);
        var yOld = _yStart;
        Array.Copy(_y, yOld, _n);
        for (int i = 0; i < _n; i++)
        {
            double sum = Corrector[0] * _fNew[i];
            for (int j = 1; j < Order; j++)
            {
                sum += Corrector[j] * _f[((_index - j + 1) % Order + Order) % Order][i];
            }

            _y[i] += h * sum;
        }

        int next = (_index + 1) % Order;
        if (_evaluateCorrected)
        {
            _system.Derivatives(tNew, _y, _f[next]);
            _evaluations += 2;
        }
        else
        {
            var f = _f[next];
            Array.Copy(_fNew, f, _n);
            for (int i = 0; i < _pairs; i++)
            {
                f[i] = _y[i + _pairs];
            }

            _evaluations++;
        }

        _segment.Set(_t, tNew, yOld, fn, _y, _f[next]);
        _index = next;
        _t = tNew;
        _gridIndex++;
        return _t;
    }

    /// <summary>Ordinate-form coefficients βⱼ of f_{n−j} (explicit, j = 0..k−1) or of f_{n+1−j} (implicit, j = 0..k).</summary>
    internal static double[] OrdinateCoefficients(int k, bool explicitMethod)
    {
        int terms = explicitMethod ? k : k + 1;
        var gamma = new double[terms];
        gamma[0] = 1.0;
        for (int m = 1; m < terms; m++)
        {
            double s = explicitMethod ? 1.0 : 0.0;
            for (int i = 0; i < m; i++)
            {
                s -= gamma[i] / (m + 1 - i);
            }

            gamma[m] = s;
        }

        var beta = new double[terms];
        for (int i = 0; i < terms; i++)
        {
            double binomial = 1.0;
            for (int j = 0; j <= i; j++)
            {
                beta[j] += gamma[i] * ((j % 2 == 0) ? binomial : -binomial);
                binomial = binomial * (i - j) / (j + 1);
            }
        }

        return beta;
    }
}

/// <summary>Hermite interpolation between two grid points of a fixed-step solution: quintic for the second-order pairs
/// (position from position, velocity and acceleration at both ends; velocity its derivative), cubic otherwise.</summary>
public sealed class HermiteSegment : IDenseSegment
{
    private readonly int _n, _pairs;
    private readonly double[] _y0, _f0, _y1, _f1;
    private double _t0, _t1;

    internal HermiteSegment(int dimension, int pairs)
    {
        _n = dimension;
        _pairs = pairs;
        _y0 = new double[dimension];
        _f0 = new double[dimension];
        _y1 = new double[dimension];
        _f1 = new double[dimension];
    }

    /// <inheritdoc />
    public double Start => _t0;

    /// <inheritdoc />
    public double End => _t1;

    internal void Set(double t0, double t1, double[] y0, double[] f0, double[] y1, double[] f1)
    {
        _t0 = t0;
        _t1 = t1;
        Array.Copy(y0, _y0, _n);
        Array.Copy(f0, _f0, _n);
        Array.Copy(y1, _y1, _n);
        Array.Copy(f1, _f1, _n);
    }

    /// <summary>A copy that the integrator will not overwrite, optionally ending at <paramref name="end"/>.</summary>
    public HermiteSegment Clone(double? end = null)
    {
        var copy = new HermiteSegment(_n, _pairs);
        copy.Set(_t0, _t1, _y0, _f0, _y1, _f1);
        if (end is { } e)
        {
            copy._t1 = e;
            copy._tGrid = _t1;
        }

        return copy;
    }

    private double _tGrid = double.NaN;

    /// <inheritdoc />
    public void Interpolate(double t, Span<double> y)
    {
        double h = (double.IsNaN(_tGrid) ? _t1 : _tGrid) - _t0;
        double s = (t - _t0) / h;
        double s2 = s * s, s3 = s2 * s, s4 = s3 * s, s5 = s4 * s;
        double h0 = 1 - (10 * s3) + (15 * s4) - (6 * s5);
        double h1 = s - (6 * s3) + (8 * s4) - (3 * s5);
        double h2 = 0.5 * (s2 - (3 * s3) + (3 * s4) - s5);
        double h3 = 0.5 * (s3 - (2 * s4) + s5);
        double h4 = (-4 * s3) + (7 * s4) - (3 * s5);
        double h5 = (10 * s3) - (15 * s4) + (6 * s5);
        double d0 = (-30 * s2) + (60 * s3) - (30 * s4);
        double d1 = 1 - (18 * s2) + (32 * s3) - (15 * s4);
        double d2 = 0.5 * ((2 * s) - (9 * s2) + (12 * s3) - (5 * s4));
        double d3 = 0.5 * ((3 * s2) - (8 * s3) + (5 * s4));
        double d4 = (-12 * s2) + (28 * s3) - (15 * s4);
        double d5 = -d0;
        for (int i = 0; i < _pairs; i++)
        {
            int j = i + _pairs;
            double p0 = _y0[i], v0 = _f0[i], a0 = _f0[j], p1 = _y1[i], v1 = _f1[i], a1 = _f1[j];
            y[i] = (h0 * p0) + (h1 * h * v0) + (h2 * h * h * a0) + (h3 * h * h * a1) + (h4 * h * v1) + (h5 * p1);
            y[j] = ((d0 * p0) + (d1 * h * v0) + (d2 * h * h * a0) + (d3 * h * h * a1) + (d4 * h * v1) + (d5 * p1)) / h;
        }

        double c00 = (2 * s3) - (3 * s2) + 1, c10 = s3 - (2 * s2) + s, c01 = (-2 * s3) + (3 * s2), c11 = s3 - s2;
        for (int i = 2 * _pairs; i < _n; i++)
        {
            y[i] = (c00 * _y0[i]) + (c10 * h * _f0[i]) + (c01 * _y1[i]) + (c11 * h * _f1[i]);
        }
    }
}
