using System.Numerics;
using System.Runtime.CompilerServices;
using Steppe.Core.Propagation.Sgp4;

namespace Steppe.Planning.Conjunctions;

/// <summary>A pair-step that passed the broad phase: objects A &lt; B (indices into the screened set) at step k, with a
/// lower bound of their relative speed there.</summary>
internal readonly record struct Candidate(int A, int B, int Step, float RelativeSpeedKmPerS);

/// <summary>What one block of the broad phase found.</summary>
internal sealed class BlockResult
{
    public List<Candidate> Candidates { get; } = [];

    /// <summary>Per object: the first failing knot (seconds from the start) and its code.</summary>
    public Dictionary<int, (double Seconds, Sgp4ErrorCode Error)> Failures { get; } = [];

    public long Steps { get; set; }

    public long ProximityPairSteps { get; set; }
}

/// <summary>
/// The broad phase for one time block: SGP4 at the block's knots, Hermite interpolation to each step, and a spatial hash
/// of that step's positions in which every query object looks for neighbours within its reach. One worker per thread;
/// its buffers are reused from block to block.
/// </summary>
internal sealed class BroadPhaseWorker
{
    /// <summary>The code the broad phase gives a knot whose SGP4 state is not physical (not an SGP4 code).</summary>
    internal const Sgp4ErrorCode NonPhysical = (Sgp4ErrorCode)(-1);

    private readonly ScreeningPlan _plan;
    private readonly IKnotPropagator _propagator;
    private readonly bool[] _isQuery;
    private readonly bool _allVersusAll;
    private readonly int[] _twin;
    private readonly int _n;
    private readonly KnotBuffer _knots;

    // Per object over the current block: interpolation error bounds.
    private readonly double[] _errorR, _errorV;

    // Objects alive over the current knot interval, gathered contiguously: end-point states (velocities times h) and
    // the interval's error bounds.
    private readonly int[] _alive;
    private readonly double[] _intervalErrorR, _intervalErrorV;
    private readonly double[] _p0x, _p0y, _p0z, _v0x, _v0y, _v0z, _p1x, _p1y, _p1z, _v1x, _v1y, _v1z;

    // States at the current step (alive order).
    private readonly double[] _x, _y, _z, _vx, _vy, _vz;

    // Spatial hash: alive objects counting-sorted by slot, the slot being the low bits of the cell coordinates
    // interleaved (Morton order), so that neighbouring cells have neighbouring slots and the queries, made in slot order,
    // find their neighbours' entries in cache. Different cells can share a slot; the cell key tells them apart.
    private readonly int _bitsPerAxis;
    private readonly int[] _spread;
    private readonly int[] _slotStart;
    private readonly int[] _slotOf;
    private readonly long[] _keyOf;
    private readonly Entry[] _entries;
    private readonly Motion[] _motion;

    public BroadPhaseWorker(ScreeningPlan plan, IKnotPropagator propagator, bool[] isQuery, bool allVersusAll, int[] twin)
    {
        _plan = plan;
        _propagator = propagator;
        _isQuery = isQuery;
        _allVersusAll = allVersusAll;
        _twin = twin;
        _n = propagator.Count;
        _knots = new KnotBuffer(_n, plan.KnotIntervalsPerBlock + 1);
        _errorR = new double[_n];
        _errorV = new double[_n];
        _alive = new int[_n];
        _intervalErrorR = new double[_n];
        _intervalErrorV = new double[_n];
        _p0x = new double[_n]; _p0y = new double[_n]; _p0z = new double[_n];
        _v0x = new double[_n]; _v0y = new double[_n]; _v0z = new double[_n];
        _p1x = new double[_n]; _p1y = new double[_n]; _p1z = new double[_n];
        _v1x = new double[_n]; _v1y = new double[_n]; _v1z = new double[_n];
        _x = new double[_n]; _y = new double[_n]; _z = new double[_n];
        _vx = new double[_n]; _vy = new double[_n]; _vz = new double[_n];

        // Enough slots per axis that the cells of one LEO shell do not share slots, within 4–6 bits per axis.
        _bitsPerAxis = Math.Clamp((int)Math.Ceiling(Math.Log2(2.0 * 8000.0 / plan.CellSizeKm)), 4, 6);
        _spread = new int[1 << _bitsPerAxis];
        for (int v = 0; v < _spread.Length; v++)
        {
            int spread = 0;
            for (int bit = 0; bit < _bitsPerAxis; bit++) spread |= ((v >> bit) & 1) << (3 * bit);
            _spread[v] = spread;
        }

        _slotStart = new int[(1 << (3 * _bitsPerAxis)) + 1];
        _slotOf = new int[_n];
        _keyOf = new long[_n];
        _entries = new Entry[_n];
        _motion = new Motion[_n];
    }

    private struct Entry
    {
        public long Key;
        public double X, Y, Z;
    }

    private struct Motion
    {
        public double Vx, Vy, Vz;
        public double Speed;      // window speed bound: |v| + margin + velocity error
        public double ErrorR;     // position error bound
        public double ErrorV;     // velocity error bound
        public int Object;        // screened-set index
        public bool Special;      // faster or less well interpolated than a normal object
    }

    public BlockResult Run(int block)
    {
        var result = new BlockResult();
        var (q0, q1) = _plan.KnotIntervals(block);
        if (q1 <= q0) return result;
        int knotCount = q1 - q0 + 1;
        var knotStart = _plan.Start.AddSeconds(q0 * _plan.KnotSeconds);
        _propagator.Propagate(knotStart, TimeSpan.FromSeconds(_plan.KnotSeconds), _knots);
        MarkNonPhysical(knotCount);
        RecordFailures(q0, knotCount, result);
        EstimateInterpolationErrors(knotCount);

        for (int q = q0; q < q1; q++)
        {
            int count = GatherAlive(q - q0);
            for (int u = 0; u < _plan.StepsPerKnot; u++)
            {
                int k = (q * _plan.StepsPerKnot) + u;
                if (k >= _plan.StepCount) break;
                Interpolate(count, (double)u / _plan.StepsPerKnot);
                ScreenStep(count, k, result);
                result.Steps++;
            }
        }

        return result;
    }

    /// <summary>
    /// Marks as failed (<see cref="NonPhysical"/>) the knots where SGP4 returned a state no orbiting object can have —
    /// below the Earth's surface, beyond <see cref="ScreeningPlan.MaxRadiusKm"/>, faster than
    /// <see cref="ScreeningPlan.MaxSpeedKmPerS"/>, or further from the previous knot than that speed allows — as it
    /// does for some decaying element sets without raising an error.
    /// </summary>
    private void MarkNonPhysical(int knotCount)
    {
        const double minR2 = 0.99 * 0.99 * ScreeningPlan.MinimumRadiusKm * ScreeningPlan.MinimumRadiusKm;
        const double maxR2 = ScreeningPlan.MaxRadiusKm * ScreeningPlan.MaxRadiusKm;
        const double maxV2 = ScreeningPlan.MaxSpeedKmPerS * ScreeningPlan.MaxSpeedKmPerS;
        double maxJump = ScreeningPlan.MaxSpeedKmPerS * _plan.KnotSeconds;
        Span<double> x = _knots.X, y = _knots.Y, z = _knots.Z, vx = _knots.Vx, vy = _knots.Vy, vz = _knots.Vz;
        var e = _knots.Errors;
        for (int j = 0; j < knotCount; j++)
        {
            int b = j * _n;
            for (int i = 0; i < _n; i++)
            {
                int k = b + i;
                if (e[k] != Sgp4ErrorCode.None) continue;
                double r2 = (x[k] * x[k]) + (y[k] * y[k]) + (z[k] * z[k]);
                double v2 = (vx[k] * vx[k]) + (vy[k] * vy[k]) + (vz[k] * vz[k]);
                bool bad = !(r2 >= minR2 && r2 <= maxR2 && v2 <= maxV2);
                if (!bad && j > 0 && e[k - _n] == Sgp4ErrorCode.None)
                {
                    double dx = x[k] - x[k - _n], dy = y[k] - y[k - _n], dz = z[k] - z[k - _n];
                    bad = (dx * dx) + (dy * dy) + (dz * dz) > maxJump * maxJump;
                }

                if (bad) e[k] = NonPhysical;
            }
        }
    }

    private void RecordFailures(int q0, int knotCount, BlockResult result)
    {
        var errors = _knots.Errors;
        for (int i = 0; i < _n; i++)
        {
            for (int j = 0; j < knotCount; j++)
            {
                var e = errors[(j * _n) + i];
                if (e != Sgp4ErrorCode.None)
                {
                    result.Failures[i] = ((q0 + j) * _plan.KnotSeconds, e);
                    break;
                }
            }
        }
    }

    // D = max over interior knots of |v_j − (r_{j+1} − r_{j−1})/2h|; objects without three good knots in a row get a
    // large D (treated as special, with generous bounds).
    private void EstimateInterpolationErrors(int knotCount)
    {
        Span<double> x = _knots.X, y = _knots.Y, z = _knots.Z, vx = _knots.Vx, vy = _knots.Vy, vz = _knots.Vz;
        var e = _knots.Errors;
        double inv2h = 0.5 / _plan.KnotSeconds;
        int n = _n;
        for (int i = 0; i < n; i++)
        {
            double d2 = -1;
            for (int j = 1; j + 1 < knotCount; j++)
            {
                int k = (j * n) + i;
                if (e[k - n] != Sgp4ErrorCode.None || e[k] != Sgp4ErrorCode.None || e[k + n] != Sgp4ErrorCode.None) continue;
                double dx = vx[k] - ((x[k + n] - x[k - n]) * inv2h);
                double dy = vy[k] - ((y[k + n] - y[k - n]) * inv2h);
                double dz = vz[k] - ((z[k + n] - z[k - n]) * inv2h);
                d2 = Math.Max(d2, (dx * dx) + (dy * dy) + (dz * dz));
            }

            var (er, ev) = _plan.InterpolationErrors(d2 < 0 ? 0.5 : Math.Sqrt(d2));
            _errorR[i] = er;
            _errorV[i] = ev;
        }
    }

    private int GatherAlive(int j)
    {
        int n = _n;
        int b0 = j * n, b1 = (j + 1) * n;
        var e = _knots.Errors;
        Span<double> x = _knots.X, y = _knots.Y, z = _knots.Z, vx = _knots.Vx, vy = _knots.Vy, vz = _knots.Vz;
        double h = _plan.KnotSeconds;
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            if (e[b0 + i] != Sgp4ErrorCode.None || e[b1 + i] != Sgp4ErrorCode.None) continue;
            _alive[count] = i;
            _p0x[count] = x[b0 + i]; _p0y[count] = y[b0 + i]; _p0z[count] = z[b0 + i];
            _v0x[count] = vx[b0 + i] * h; _v0y[count] = vy[b0 + i] * h; _v0z[count] = vz[b0 + i] * h;
            _p1x[count] = x[b1 + i]; _p1y[count] = y[b1 + i]; _p1z[count] = z[b1 + i];
            _v1x[count] = vx[b1 + i] * h; _v1y[count] = vy[b1 + i] * h; _v1z[count] = vz[b1 + i] * h;

            // Trapezoid defect |r1 − r0 − h(v0 + v1)/2|: about h³|r⃛|/12 (0.2 km in LEO) on a smooth trajectory, and
            // about the jump where SGP4's trajectory is discontinuous (e.g. where the inclination crosses the
            // Lyddane switch at 0.2 rad). The interval's bounds are at least the defect.
            double tx = _p1x[count] - _p0x[count] - (0.5 * (_v0x[count] + _v1x[count]));
            double ty = _p1y[count] - _p0y[count] - (0.5 * (_v0y[count] + _v1y[count]));
            double tz = _p1z[count] - _p0z[count] - (0.5 * (_v0z[count] + _v1z[count]));
            double defect = Math.Sqrt((tx * tx) + (ty * ty) + (tz * tz));
            _intervalErrorR[count] = Math.Max(_errorR[i], defect);
            _intervalErrorV[count] = Math.Max(_errorV[i], 2.0 * defect / h);
            count++;
        }

        return count;
    }

    // Cubic Hermite on [0, 1] with end slopes v·h: p(s) = h00 p0 + h10 v0h + h01 p1 + h11 v1h; p'(s)/h for the velocity.
    private void Interpolate(int count, double s)
    {
        double s2 = s * s, s3 = s2 * s;
        double h00 = (2 * s3) - (3 * s2) + 1, h10 = s3 - (2 * s2) + s, h01 = (-2 * s3) + (3 * s2), h11 = s3 - s2;
        double invH = 1.0 / _plan.KnotSeconds;
        double d00 = ((6 * s2) - (6 * s)) * invH, d10 = ((3 * s2) - (4 * s) + 1) * invH, d01 = ((-6 * s2) + (6 * s)) * invH, d11 = ((3 * s2) - (2 * s)) * invH;
        Combine(_p0x, _v0x, _p1x, _v1x, _x, _vx, count, h00, h10, h01, h11, d00, d10, d01, d11);
        Combine(_p0y, _v0y, _p1y, _v1y, _y, _vy, count, h00, h10, h01, h11, d00, d10, d01, d11);
        Combine(_p0z, _v0z, _p1z, _v1z, _z, _vz, count, h00, h10, h01, h11, d00, d10, d01, d11);
    }

    private static void Combine(double[] p0, double[] v0, double[] p1, double[] v1, double[] pOut, double[] vOut, int count,
        double h00, double h10, double h01, double h11, double d00, double d10, double d01, double d11)
    {
        int i = 0;
        int width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var a00 = new Vector<double>(h00); var a10 = new Vector<double>(h10); var a01 = new Vector<double>(h01); var a11 = new Vector<double>(h11);
            var b00 = new Vector<double>(d00); var b10 = new Vector<double>(d10); var b01 = new Vector<double>(d01); var b11 = new Vector<double>(d11);
            for (; i <= count - width; i += width)
            {
                var vp0 = new Vector<double>(p0, i); var vv0 = new Vector<double>(v0, i);
                var vp1 = new Vector<double>(p1, i); var vv1 = new Vector<double>(v1, i);
                ((a00 * vp0) + (a10 * vv0) + (a01 * vp1) + (a11 * vv1)).CopyTo(pOut, i);
                ((b00 * vp0) + (b10 * vv0) + (b01 * vp1) + (b11 * vv1)).CopyTo(vOut, i);
            }
        }

        for (; i < count; i++)
        {
            pOut[i] = (h00 * p0[i]) + (h10 * v0[i]) + (h01 * p1[i]) + (h11 * v1[i]);
            vOut[i] = (d00 * p0[i]) + (d10 * v0[i]) + (d01 * p1[i]) + (d11 * v1[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Key(long ix, long iy, long iz) => (ix & 0x1FFFFF) | ((iy & 0x1FFFFF) << 21) | ((iz & 0x1FFFFF) << 42);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(long ix, long iy, long iz)
    {
        int mask = _spread.Length - 1;
        return _spread[(int)ix & mask] | (_spread[(int)iy & mask] << 1) | (_spread[(int)iz & mask] << 2);
    }

    private void ScreenStep(int count, int k, BlockResult result)
    {
        if (count < 2) return;
        double inv = 1.0 / _plan.CellSizeKm;
        int slots = 1 << (3 * _bitsPerAxis);
        var start = _slotStart;
        Array.Clear(start, 0, slots + 1);
        double margin = _plan.SpeedMarginKmPerS;
        double normalSpeed = ScreeningPlan.NormalSpeedKmPerS;

        // Cells, slot counts, and the largest window speed and position error of the step.
        double sMax = _plan.NormalReachSpeedKmPerS, eMax = ScreeningPlan.NormalPositionErrorKm;
        for (int i = 0; i < count; i++)
        {
            long ix = (long)Math.Floor(_x[i] * inv), iy = (long)Math.Floor(_y[i] * inv), iz = (long)Math.Floor(_z[i] * inv);
            int slot = Slot(ix, iy, iz);
            _keyOf[i] = Key(ix, iy, iz);
            _slotOf[i] = slot;
            start[slot + 1]++;
        }

        for (int t = 0; t < slots; t++) start[t + 1] += start[t];

        // Scatter; each slot's start advances to its end, then the starts are restored by a shift.
        var entries = _entries;
        var motion = _motion;
        for (int i = 0; i < count; i++)
        {
            int pos = start[_slotOf[i]]++;
            int obj = _alive[i];
            ref var entry = ref entries[pos];
            entry.Key = _keyOf[i];
            entry.X = _x[i];
            entry.Y = _y[i];
            entry.Z = _z[i];
            ref var m = ref motion[pos];
            m.Vx = _vx[i];
            m.Vy = _vy[i];
            m.Vz = _vz[i];
            double speed = Math.Sqrt((m.Vx * m.Vx) + (m.Vy * m.Vy) + (m.Vz * m.Vz));
            m.ErrorR = _intervalErrorR[i];
            m.ErrorV = _intervalErrorV[i];
            m.Speed = speed + margin + m.ErrorV;
            m.Object = obj;
            m.Special = speed > normalSpeed || m.ErrorR > ScreeningPlan.NormalPositionErrorKm || m.ErrorV > ScreeningPlan.NormalVelocityErrorKmPerS;
            if (m.Speed > sMax) sMax = m.Speed;
            if (m.ErrorR > eMax) eMax = m.ErrorR;
        }

        for (int t = slots; t > 0; t--) start[t] = start[t - 1];
        start[0] = 0;

        // A special object (faster, or less well interpolated, than normal) looks for every neighbour within its own reach
        // against the step's largest speed and error; a normal object looks only for normal neighbours. Each pair is kept
        // once: by the special one if exactly one is special, else by the one earlier in slot order (in a primaries run,
        // by the primary, or by the earlier of two primaries).
        double half = 0.5 * _plan.StepSeconds;
        double radius = _plan.ScreeningRadiusKm;
        long proximity = 0;
        for (int ea = 0; ea < count; ea++)
        {
            ref readonly var ma = ref motion[ea];
            if (!_isQuery[ma.Object]) continue;
            bool wide = ma.Special || !_allVersusAll;
            double xa = entries[ea].X, ya = entries[ea].Y, za = entries[ea].Z;
            double reachA = radius + ma.ErrorR + (wide ? eMax : ScreeningPlan.NormalPositionErrorKm)
                + (half * (ma.Speed + (wide ? sMax : _plan.NormalReachSpeedKmPerS)));
            double reachA2 = reachA * reachA;
            long ix0 = (long)Math.Floor((xa - reachA) * inv), ix1 = (long)Math.Floor((xa + reachA) * inv);
            long iy0 = (long)Math.Floor((ya - reachA) * inv), iy1 = (long)Math.Floor((ya + reachA) * inv);
            long iz0 = (long)Math.Floor((za - reachA) * inv), iz1 = (long)Math.Floor((za + reachA) * inv);
            for (long ix = ix0; ix <= ix1; ix++)
            {
                for (long iy = iy0; iy <= iy1; iy++)
                {
                    for (long iz = iz0; iz <= iz1; iz++)
                    {
                        long key = Key(ix, iy, iz);
                        int slot = Slot(ix, iy, iz);
                        int end = start[slot + 1];
                        for (int eb = start[slot]; eb < end; eb++)
                        {
                            ref readonly var entry = ref entries[eb];
                            if (entry.Key != key || eb == ea) continue;
                            double dx = entry.X - xa, dy = entry.Y - ya, dz = entry.Z - za;
                            double d2 = (dx * dx) + (dy * dy) + (dz * dz);
                            if (d2 > reachA2) continue;
                            ref readonly var mb = ref motion[eb];
                            if (_allVersusAll)
                            {
                                if (ma.Special != mb.Special ? mb.Special : eb < ea) continue;
                            }
                            else if (_isQuery[mb.Object] && eb < ea)
                            {
                                continue;
                            }

                            // The pair's reach: how far apart it can be at the step and still come within the radius in
                            // the window (radius, both position errors, both window speeds for half a step).
                            double reachAb = radius + ma.ErrorR + mb.ErrorR + (half * (ma.Speed + mb.Speed));
                            if (d2 > reachAb * reachAb) continue;
                            proximity++;
                            if (_twin[ma.Object] == _twin[mb.Object]) continue;

                            // Straight-line closest approach within the window, against the radius padded for the
                            // curvature of the relative motion (tidal bound over the pair's separation) and the errors.
                            double dvx = mb.Vx - ma.Vx, dvy = mb.Vy - ma.Vy, dvz = mb.Vz - ma.Vz;
                            double v2 = (dvx * dvx) + (dvy * dvy) + (dvz * dvz);
                            double tau = v2 > 0 ? -((dx * dvx) + (dy * dvy) + (dz * dvz)) / v2 : 0.0;
                            tau = Math.Clamp(tau, -half, half);
                            double mx = dx + (dvx * tau), my = dy + (dvy * tau), mz = dz + (dvz * tau);
                            double separation = reachAb + (half * (ma.Speed + mb.Speed));
                            double accel = (ScreeningPlan.TidalPerKm * separation) + ScreeningPlan.NonGravitationalRelativeAccelerationKmPerS2;
                            double linear = radius + (0.5 * accel * half * half) + ma.ErrorR + mb.ErrorR + ((ma.ErrorV + mb.ErrorV) * half);
                            if ((mx * mx) + (my * my) + (mz * mz) > linear * linear) continue;
                            float speedLow = (float)Math.Max(0.0, Math.Sqrt(v2) - ma.ErrorV - mb.ErrorV);
                            result.Candidates.Add(ma.Object < mb.Object
                                ? new Candidate(ma.Object, mb.Object, k, speedLow)
                                : new Candidate(mb.Object, ma.Object, k, speedLow));
                        }
                    }
                }
            }
        }

        result.ProximityPairSteps += proximity;
    }
}
