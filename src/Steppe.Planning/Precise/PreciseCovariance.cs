using System.Globalization;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Opm;

namespace Steppe.Planning.Precise;

/// <summary>The initial covariance of a numerical propagation: an OPM's own, or one made from 1σ values.</summary>
public static class PreciseCovariance
{
    /// <summary>The GCRF covariance at the epoch of <paramref name="conditions"/> from its OPM's COVARIANCE section, or
    /// null when it has none. COV_REF_FRAME (or, when absent, REF_FRAME) may be RTN (RSW, RIC, QSW) or TNW — rotated at
    /// the initial state (rotation alone, as <see cref="CovariancePropagation"/> explains) — or an Earth-centred frame
    /// of the OPM reader (GCRF, ICRF, EME2000, ITRF, TEME, TOD, MOD), taken to GCRF with the Jacobian of the state
    /// transformation at the epoch (for ITRF this includes the Earth-rotation term of the velocity: P = J P Jᵀ with
    /// J = [[R, 0], [Ṙ, R]]).</summary>
    /// <exception cref="PreciseInputException">The frame is not one of those, or a value is not finite or the diagonal
    /// negative.</exception>
    public static StateCovariance? FromOpm(PreciseInitialConditions conditions, string sourceName, EarthOrientationTable earthOrientation)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(earthOrientation);
        var c = conditions.Message.Covariance;
        if (c is null)
        {
            return null;
        }

        string name = (c.RefFrame ?? conditions.Message.Metadata.RefFrame).Trim().ToUpperInvariant();
        Frame? earthFrame = OpmInput.FrameOf(name);
        CovarianceFrame? local = name switch
        {
            "RTN" or "RSW" or "RIC" or "QSW" => CovarianceFrame.Rtn,
            "TNW" => CovarianceFrame.Tnw,
            _ => null,
        };
        if (local is null && earthFrame is null)
        {
            throw new PreciseInputException($"{sourceName}: COV_REF_FRAME {name}: expected RTN, RSW, TNW, GCRF, ICRF, EME2000, ITRF, TEME, TOD or MOD");
        }

        if (c.LowerTriangle.Count != 21 || c.LowerTriangle.Any(v => !double.IsFinite(v)))
        {
            throw new PreciseInputException($"{sourceName}: COVARIANCE: expected 21 finite values");
        }

        var epoch = conditions.InitialState.Epoch;
        var given = StateCovariance.FromLowerTriangle(epoch, local ?? CovarianceFrame.Gcrf, c.LowerTriangle);
        for (int i = 0; i < 6; i++)
        {
            if (given[i, i] < 0)
            {
                throw new PreciseInputException($"{sourceName}: COVARIANCE: diagonal element {i + 1} is negative ({given[i, i].ToString(CultureInfo.InvariantCulture)})");
            }
        }

        if (local is not null)
        {
            return CovariancePropagation.ToFrame(given, CovarianceFrame.Gcrf, conditions.InitialState);
        }

        if (earthFrame == Frame.Gcrf)
        {
            return given;
        }

        // The transformation of a state between Earth-centred frames is linear in (r, v): its Jacobian's columns are the
        // transformed unit states.
        var jacobian = new double[6, 6];
        for (int j = 0; j < 6; j++)
        {
            var r = j < 3 ? Unit(j) : Vector3D.Zero;
            var v = j >= 3 ? Unit(j - 3) : Vector3D.Zero;
            var g = FrameTransforms.Transform(new StateVector(epoch, earthFrame!.Value, r, v), Frame.Gcrf, earthOrientation);
            double[] column = [g.PositionKm.X, g.PositionKm.Y, g.PositionKm.Z, g.VelocityKmPerS.X, g.VelocityKmPerS.Y, g.VelocityKmPerS.Z];
            for (int i = 0; i < 6; i++)
            {
                jacobian[i, j] = column[i];
            }
        }

        var p = given.ToArray();
        var result = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                double sum = 0;
                for (int k = 0; k < 6; k++)
                {
                    for (int l = 0; l < 6; l++)
                    {
                        sum += jacobian[i, k] * p[k, l] * jacobian[j, l];
                    }
                }

                result[i, j] = sum;
            }
        }

        return new StateCovariance(epoch, CovarianceFrame.Gcrf, result);
    }

    private static Vector3D Unit(int k) => k == 0 ? Vector3D.UnitX : k == 1 ? Vector3D.UnitY : Vector3D.UnitZ;

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
