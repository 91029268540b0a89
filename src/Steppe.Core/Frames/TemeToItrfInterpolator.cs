using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Frames;

/// <summary>
/// The TEME → ITRF rotation over a span, tabulated once and interpolated: a fast path for searches that need the
/// rotation at many instants (passes of a whole catalog). At nodes a fixed spacing apart (default one hour) it holds
/// what <see cref="FrameTransforms.Rotation(Frame, Frame, Instant, EarthOrientationTable)"/> uses (IERS 2010
/// conventions) — GMST of UT1, polar motion with s′, the Earth's rate — and between them interpolates GMST linearly
/// (unwrapped) and the polar-motion matrix entry by entry. GMST is linear in time but for its T² term and the daily
/// kinks of the interpolated UT1 − UTC, so the rotation agrees with the full one to about 10⁻¹⁰ rad (under a
/// millimetre at the Earth's surface), for a tenth of its cost. Immutable and thread-safe; instants outside the span
/// fall back to the full rotation.
/// </summary>
public sealed class TemeToItrfInterpolator
{
    private readonly EarthOrientationTable _eop;
    private readonly Instant _start;
    private readonly double _spacingSeconds;
    private readonly double _lengthSeconds;
    private readonly double[] _gmst;
    private readonly double[] _gmstStep;
    private readonly Matrix3x3[] _polarTranspose;
    private readonly double[] _earthRate;

    /// <summary>Tabulates the rotation over [<paramref name="start"/>, <paramref name="end"/>].</summary>
    /// <param name="start">Start of the span.</param>
    /// <param name="end">End of the span.</param>
    /// <param name="eop">Earth orientation.</param>
    /// <param name="nodeSpacing">Spacing of the nodes, 1 s to 6 h (default 1 h).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>, or the
    /// spacing is outside 1 s – 6 h.</exception>
    public TemeToItrfInterpolator(Instant start, Instant end, EarthOrientationTable eop, TimeSpan? nodeSpacing = null)
    {
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The end of the span is before its start ({start}).");
        }

        var spacing = nodeSpacing ?? TimeSpan.FromHours(1);
        if (spacing < TimeSpan.FromSeconds(1) || spacing > TimeSpan.FromHours(6))
        {
            throw new ArgumentOutOfRangeException(nameof(nodeSpacing), spacing, "The node spacing must be between 1 s and 6 h.");
        }

        _eop = eop;
        _start = start;
        _spacingSeconds = spacing.TotalSeconds;
        _lengthSeconds = end.SecondsSince(start);
        int intervals = Math.Max(1, (int)Math.Ceiling(_lengthSeconds / _spacingSeconds));
        _gmst = new double[intervals + 1];
        _gmstStep = new double[intervals];
        _polarTranspose = new Matrix3x3[intervals + 1];
        _earthRate = new double[intervals + 1];
        for (int i = 0; i <= intervals; i++)
        {
            var (gmst, pefToItrf, rate) = FrameTransforms.EarthRotation(start.AddSeconds(i * _spacingSeconds), _eop);
            _gmst[i] = gmst;
            _polarTranspose[i] = pefToItrf;
            _earthRate[i] = rate;
        }

        for (int i = 0; i < intervals; i++)
        {
            double step = _gmst[i + 1] - _gmst[i];
            if (step < 0) step += 2.0 * Math.PI;
            _gmstStep[i] = step;
        }
    }

    /// <summary>The Earth orientation table the rotation uses.</summary>
    public EarthOrientationTable EarthOrientation => _eop;

    /// <summary>The TEME → ITRF rotation at <paramref name="instant"/>.</summary>
    public FrameRotation Rotation(Instant instant)
    {
        double x = instant.SecondsSince(_start);
        if (!(x >= 0 && x <= _lengthSeconds))
        {
            return FrameTransforms.Rotation(Frame.Teme, Frame.Itrf, instant, _eop);
        }

        int i = Math.Min((int)(x / _spacingSeconds), _gmstStep.Length - 1);
        double f = (x - (i * _spacingSeconds)) / _spacingSeconds;
        double theta = _gmst[i] + (f * _gmstStep[i]);
        var w = Lerp(_polarTranspose[i], _polarTranspose[i + 1], f);
        double rate = _earthRate[i] + (f * (_earthRate[i + 1] - _earthRate[i]));

        // As FrameTransforms.Rotation: r_ITRF = Wᵀ ROT3(θ) r_TEME, Ω = Wᵀ (0, 0, −ω⊕).
        return new FrameRotation(Frame.Teme, Frame.Itrf, instant, w * Matrix3x3.RotationZ(theta), w * new Vector3D(0, 0, -rate));
    }

    private static Matrix3x3 Lerp(in Matrix3x3 a, in Matrix3x3 b, double f) => new(
        a.M11 + (f * (b.M11 - a.M11)), a.M12 + (f * (b.M12 - a.M12)), a.M13 + (f * (b.M13 - a.M13)),
        a.M21 + (f * (b.M21 - a.M21)), a.M22 + (f * (b.M22 - a.M22)), a.M23 + (f * (b.M23 - a.M23)),
        a.M31 + (f * (b.M31 - a.M31)), a.M32 + (f * (b.M32 - a.M32)), a.M33 + (f * (b.M33 - a.M33)));
}
