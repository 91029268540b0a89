namespace Steppe.Dynamics.Integrators;

/// <summary>
/// The fixed-step Gauss–Jackson method of order 8 in summed form (Berry &amp; Healy, "Implementation of Gauss-Jackson
/// integration for orbit propagation", <i>J. Astronaut. Sci.</i> 52, 2004), for second-order systems such as an orbit:
/// the positions come from the second sum S of the accelerations, r_n = h²(S_n + Σ c_j a_j), the velocities (and any
/// further first-order components, e.g. the mass) from the first sum s, y_n = h(s_n + Σ b_j f_j) — the summed Adams
/// corrector of the same order, which drag (an acceleration that depends on the velocity) needs. The sums are
/// s_n = s_{n−1} + f_n and S_{n+1} = S_n + s_n; a window of the last nine accelerations does the rest. Carrying the
/// sums rather than differences keeps the round-off from growing with the square of the number of steps.
/// </summary>
/// <remarks>
/// <para>The coefficients are the values on the grid of the window (nodes 0…8 of its Lagrange interpolant) of two
/// operators that make the sums' residuals local, derived as in the paper with the shift operator E = e^D: for the first
/// sum y/h − s = (1/D − E/(E − 1)) f = (−1/2 − D/12 + D³/720 − D⁵/30240 + D⁷/1209600) f, for the second
/// r/h² − S = (1/D² − 1/(E − 2 + E⁻¹)) a = (1/12 − D²/240 + D⁴/6048 − D⁶/172800 + D⁸/5322240) a. They are exact
/// rationals (computed once with exact arithmetic and written out below); the tests check that they integrate
/// polynomials of degree 8 exactly. Start (node 4, the middle), corrector (node 8, the newest) and predictor (node 9, one
/// step beyond; the velocity predictor adds the extrapolated f_{n+1}).</para>
/// <para>Mode PECE evaluates f at the predicted and the corrected state; PEC only at the predicted state (the history
/// keeps that value, except that the positions' derivatives, the velocities, are the corrected ones). The nine starting
/// values come from the caller (DOP853 with its dense output). Dense output between grid points is the quintic Hermite
/// interpolation of <see cref="HermiteSegment"/>. Allocation-free per step. Not thread-safe.</para>
/// </remarks>
public sealed class GaussJackson : IFixedStepIntegrator
{
    /// <summary>The order.</summary>
    public const int Order = 8;

    /// <summary>The number of grid points the method starts from (and keeps accelerations at).</summary>
    public const int Points = Order + 1;

    // y/h − s at nodes 4 (start), 8 (corrector) and 9 (predictor, with the extrapolated f₉ added).
    internal static readonly double[] VelocityStart = [-2497.0 / 7257600, 1469.0 / 403200, -68119.0 / 3628800, 252769.0 / 3628800, -1.0 / 2, -252769.0 / 3628800, 68119.0 / 3628800, -1469.0 / 403200, 2497.0 / 7257600];
    internal static readonly double[] VelocityCorrector = [-8183.0 / 1036800, 263077.0 / 3628800, -24019.0 / 80640, 2616161.0 / 3628800, -6467.0 / 5670, 500327.0 / 403200, -3498217.0 / 3628800, 427487.0 / 725760, -63887.0 / 89600];
    internal static readonly double[] VelocityPredictor = [25713.0 / 89600, -9401029.0 / 3628800, 5393233.0 / 518400, -9839609.0 / 403200, 167287.0 / 4536, -135352319.0 / 3628800, 10219841.0 / 403200, -40987771.0 / 3628800, 3288521.0 / 1036800];

    // r/h² − S at nodes 4, 8 and 9.
    internal static readonly double[] PositionStart = [317.0 / 22809600, -2539.0 / 13305600, 55067.0 / 39916800, -326911.0 / 39916800, 14797.0 / 152064, -326911.0 / 39916800, 55067.0 / 39916800, -2539.0 / 13305600, 317.0 / 22809600];
    internal static readonly double[] PositionCorrector = [-330157.0 / 159667200, 754331.0 / 39916800, -1025779.0 / 13305600, 7370669.0 / 39916800, -917039.0 / 3193344, 4026311.0 / 13305600, -8701681.0 / 39916800, 572741.0 / 5702400, 3250433.0 / 53222400];
    internal static readonly double[] PositionPredictor = [3250433.0 / 53222400, -11011481.0 / 19958400, 6322573.0 / 2851200, -8660609.0 / 1663200, 25162927.0 / 3193344, -159314453.0 / 19958400, 18071351.0 / 3326400, -24115843.0 / 9979200, 103798439.0 / 159667200];

    private readonly IOdeSystem _system;
    private readonly int _n;
    private readonly int _pairs;
    private readonly bool _evaluateCorrected;
    private readonly double[][] _f; // the window, oldest first: _f[j] = f at grid point n − 8 + j
    private readonly double[] _s, _secondSum, _secondSumNew, _y, _yPredicted, _yOld, _fOld;
    private readonly HermiteSegment _segment;
    private double _t, _h;
    private int _evaluations;

    /// <summary>An integrator for <paramref name="system"/> whose first <paramref name="secondOrderPairs"/> components are
    /// positions with their velocities in the next <paramref name="secondOrderPairs"/> (3 for an orbit), PECE when
    /// <paramref name="evaluateCorrected"/> (the default), PEC otherwise.</summary>
    public GaussJackson(IOdeSystem system, int secondOrderPairs, bool evaluateCorrected = true)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        _n = system.Dimension;
        if (secondOrderPairs < 1 || 2 * secondOrderPairs > _n)
        {
            throw new ArgumentOutOfRangeException(nameof(secondOrderPairs), secondOrderPairs, "Gauss–Jackson needs at least one second-order pair inside the dimension.");
        }

        _pairs = secondOrderPairs;
        _evaluateCorrected = evaluateCorrected;
        _f = new double[Points][];
        for (int j = 0; j < Points; j++)
        {
            _f[j] = new double[_n];
        }

        _s = new double[_n];
        _secondSum = new double[_pairs];
        _secondSumNew = new double[_pairs];
        _y = new double[_n];
        _yPredicted = new double[_n];
        _yOld = new double[_n];
        _fOld = new double[_n];
        _segment = new HermiteSegment(_n, _pairs);
    }

    /// <summary>The current time, seconds.</summary>
    public double Time => _t;

    /// <summary>The current solution.</summary>
    public ReadOnlySpan<double> State => _y;

    /// <summary>The dense output of the last step (overwritten by the next; <see cref="HermiteSegment.Clone"/> keeps it).</summary>
    public HermiteSegment CurrentStep => _segment;

    /// <summary>Right-hand-side evaluations since the start.</summary>
    public int Evaluations => _evaluations;

    /// <summary>The step, seconds (signed).</summary>
    public double StepSeconds => _h;

    /// <summary>Whether f is evaluated again at the corrected state (PECE) or not (PEC).</summary>
    public bool EvaluatesCorrected => _evaluateCorrected;

    /// <inheritdoc />
    int IFixedStepIntegrator.StartPoints => Points;

    /// <summary>Starts from the solution at the <see cref="Points"/> grid points <paramref name="t0"/> +
    /// j·<paramref name="stepSeconds"/> (<paramref name="startValues"/>[j]); the method then stands at the last of them.</summary>
    public void Reset(double t0, double stepSeconds, IReadOnlyList<double[]> startValues)
    {
        ArgumentNullException.ThrowIfNull(startValues);
        if (!(Math.Abs(stepSeconds) > 0) || !double.IsFinite(stepSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(stepSeconds), stepSeconds, "The step must be finite and non-zero.");
        }

        if (startValues.Count != Points)
        {
            throw new ArgumentOutOfRangeException(nameof(startValues), startValues.Count, $"Gauss–Jackson starts from {Points} values.");
        }

        double h = stepSeconds;
        _h = h;
        _evaluations = 0;
        for (int j = 0; j < Points; j++)
        {
            _system.Derivatives(t0 + (j * h), startValues[j], _f[j]);
            _evaluations++;
        }

        // The sums at the middle node, then forwards to the newest: s_k = s_{k−1} + f_k, S_{k+1} = S_k + s_k.
        const int Middle = 4;
        var y4 = startValues[Middle];
        for (int i = _pairs; i < _n; i++)
        {
            _s[i] = (y4[i] / h) - Window(VelocityStart, i);
        }

        for (int i = 0; i < _pairs; i++)
        {
            _secondSum[i] = (y4[i] / (h * h)) - Window(PositionStart, i + _pairs);
        }

        for (int k = Middle + 1; k < Points; k++)
        {
            for (int i = 0; i < _pairs; i++)
            {
                _secondSum[i] += _s[i + _pairs];
            }

            for (int i = _pairs; i < _n; i++)
            {
                _s[i] += _f[k][i];
            }
        }

        Array.Copy(startValues[Points - 1], _y, _n);
        _t = t0 + ((Points - 1) * h);
    }

    /// <summary>Takes one step; its dense output is then <see cref="CurrentStep"/>.</summary>
    /// <returns>The time reached.</returns>
    public double Step()
    {
        double h = _h, h2 = h * h;
        double tNew = _t + h;
        Array.Copy(_y, _yOld, _n);
        Array.Copy(_f[Points - 1], _fOld, _n);

        // Predict: S_{n+1} = S_n + s_n, r_{n+1} = h²(S_{n+1} + Σ p_j a_j), y_{n+1} = h(s_n + Σ q_j f_j).
        for (int i = 0; i < _pairs; i++)
        {
            _secondSumNew[i] = _secondSum[i] + _s[i + _pairs];
            _yPredicted[i] = h2 * (_secondSumNew[i] + Window(PositionPredictor, i + _pairs));
        }

        for (int i = _pairs; i < _n; i++)
        {
            _yPredicted[i] = h * (_s[i] + Window(VelocityPredictor, i));
        }

        // The window moves on: the oldest array takes the new f.
        var fNew = _f[0];
        for (int j = 0; j < Points - 1; j++)
        {
            _f[j] = _f[j + 1];
        }

        _f[Points - 1] = fNew;
        _system.Derivatives(tNew, _yPredicted, fNew);
        _evaluations++;

        Correct(h, h2);
        if (_evaluateCorrected)
        {
            _system.Derivatives(tNew, _y, fNew);
            _evaluations++;
        }
        else
        {
            for (int i = 0; i < _pairs; i++)
            {
                fNew[i] = _y[i + _pairs];
            }
        }

        // s_{n+1} = s_n + f_{n+1}, with the f the history keeps.
        for (int i = _pairs; i < _n; i++)
        {
            _s[i] += fNew[i];
        }

        Array.Copy(_secondSumNew, _secondSum, _pairs);
        _segment.Set(_t, tNew, _yOld, _fOld, _y, fNew);
        _t = tNew;
        return _t;
    }

    private void Correct(double h, double h2)
    {
        var fNew = _f[Points - 1];
        for (int i = 0; i < _pairs; i++)
        {
            _y[i] = h2 * (_secondSumNew[i] + Window(PositionCorrector, i + _pairs));
        }

        for (int i = _pairs; i < _n; i++)
        {
            _y[i] = h * (_s[i] + fNew[i] + Window(VelocityCorrector, i));
        }
    }

    /// <summary>Σ_j c_j f_j[<paramref name="component"/>] over the window.</summary>
    private double Window(double[] c, int component)
    {
        double sum = 0;
        for (int j = 0; j < Points; j++)
        {
            sum += c[j] * _f[j][component];
        }

        return sum;
    }
}
