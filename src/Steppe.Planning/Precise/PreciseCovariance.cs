using System.Globalization;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Opm;

namespace Steppe.Planning.Precise;

/// <summary>The initial covariance of a numerical propagation: an OPM's own, or one made from 1σ values.</summary>
public static class PreciseCovariance
{
    /// <summary>The GCRF covariance at the epoch of <paramref name="conditions"/> from its OPM's COVARIANCE section, or
    /// null when it has none. COV_REF_FRAME (or, when absent, REF_FRAME) may be RTN (RSW, RIC, QSW), TNW or an inertial
    /// frame (GCRF, ICRF, EME2000, J2000); the local frames are rotated at the initial state (rotation alone, as
    /// <see cref="CovariancePropagation"/> explains).</summary>
    /// <exception cref="PreciseInputException">The frame is not one of those, or a value is not finite or the diagonal
    /// negative.</exception>
    public static StateCovariance? FromOpm(PreciseInitialConditions conditions, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var c = conditions.Message.Covariance;
        if (c is null)
        {
            return null;
        }

        string name = (c.RefFrame ?? conditions.Message.Metadata.RefFrame).Trim().ToUpperInvariant();
        CovarianceFrame? frame = name switch
        {
            "RTN" or "RSW" or "RIC" or "QSW" => CovarianceFrame.Rtn,
            "TNW" => CovarianceFrame.Tnw,
            "GCRF" or "ICRF" or "EME2000" or "J2000" => CovarianceFrame.Gcrf,
            _ => null,
        };
        if (frame is null)
        {
            throw new PreciseInputException($"{sourceName}: COV_REF_FRAME {name}: expected RTN, RSW, TNW, GCRF, ICRF or EME2000");
        }

        if (c.LowerTriangle.Count != 21 || c.LowerTriangle.Any(v => !double.IsFinite(v)))
        {
            throw new PreciseInputException($"{sourceName}: COVARIANCE: expected 21 finite values");
        }

        var local = StateCovariance.FromLowerTriangle(conditions.InitialState.Epoch, frame.Value, c.LowerTriangle);
        for (int i = 0; i < 6; i++)
        {
            if (local[i, i] < 0)
            {
                throw new PreciseInputException($"{sourceName}: COVARIANCE: diagonal element {i + 1} is negative ({local[i, i].ToString(CultureInfo.InvariantCulture)})");
            }
        }

        return CovariancePropagation.ToFrame(local, CovarianceFrame.Gcrf, conditions.InitialState);
    }

    /// <summary>A diagonal RTN covariance of 1σ <paramref name="sigmaPositionM"/> (R, T, N, m) and
    /// <paramref name="sigmaVelocityMPerS"/> (Ṙ, Ṫ, Ṅ, m/s) at the initial state, in GCRF.</summary>
    public static StateCovariance FromSigmas(StateVector gcrfInitialState, Vector3D sigmaPositionM, Vector3D sigmaVelocityMPerS)
    {
        var rtn = StateCovariance.Diagonal(gcrfInitialState.Epoch, CovarianceFrame.Rtn, sigmaPositionM / 1000.0, sigmaVelocityMPerS / 1000.0);
        return CovariancePropagation.ToFrame(rtn, CovarianceFrame.Gcrf, gcrfInitialState);
    }

    /// <summary>The OPM COVARIANCE section of a covariance (its frame's CCSDS name: RTN, TNW or GCRF).</summary>
    public static OpmCovariance ToOpm(StateCovariance covariance)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        return new OpmCovariance(FrameName(covariance.Frame), covariance.LowerTriangle);
    }

    /// <summary>The CCSDS name of a covariance frame: RTN, TNW, VNC or GCRF.</summary>
    public static string FrameName(CovarianceFrame frame) => frame switch
    {
        CovarianceFrame.Rtn => "RTN",
        CovarianceFrame.Tnw => "TNW",
        CovarianceFrame.Vnc => "VNC",
        _ => "GCRF",
    };
}
