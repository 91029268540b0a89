using System.Globalization;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Cdm;

namespace Steppe.Planning.Conjunctions.Avoidance;

/// <summary>
/// A conjunction ready for collision-avoidance analysis: both objects' GCRF states at the time of closest approach, their
/// 6×6 position–velocity covariances there (GCRF, km and km/s) and the combined hard-body radius. Object 1, the primary,
/// is the satellite that can manoeuvre.
/// </summary>
/// <param name="Tca">The time of closest approach.</param>
/// <param name="Primary">The primary's GCRF state at TCA.</param>
/// <param name="Secondary">The secondary's GCRF state at TCA.</param>
/// <param name="PrimaryCovariance">The primary's covariance at TCA (any <see cref="CovarianceFrame"/>; turned to GCRF on use).</param>
/// <param name="SecondaryCovariance">The secondary's covariance at TCA.</param>
/// <param name="HardBodyRadiusKm">The combined hard-body radius, km.</param>
/// <param name="PrimaryName">The primary's name.</param>
/// <param name="PrimaryId">The primary's designator (e.g. its catalog number).</param>
/// <param name="SecondaryName">The secondary's name.</param>
/// <param name="SecondaryId">The secondary's designator.</param>
public sealed record Encounter(
    Instant Tca,
    StateVector Primary,
    StateVector Secondary,
    StateCovariance PrimaryCovariance,
    StateCovariance SecondaryCovariance,
    double HardBodyRadiusKm,
    string PrimaryName = "PRIMARY",
    string PrimaryId = "UNKNOWN",
    string SecondaryName = "SECONDARY",
    string SecondaryId = "UNKNOWN")
{
    /// <summary>The secondary's position relative to the primary at TCA, km.</summary>
    public Vector3D RelativePositionKm => Secondary.PositionKm - Primary.PositionKm;

    /// <summary>The secondary's velocity relative to the primary at TCA, km/s.</summary>
    public Vector3D RelativeVelocityKmPerS => Secondary.VelocityKmPerS - Primary.VelocityKmPerS;

    /// <summary>The miss distance, km.</summary>
    public double MissKm => RelativePositionKm.Length;

    /// <summary>The relative speed, km/s.</summary>
    public double RelativeSpeedKmPerS => RelativeVelocityKmPerS.Length;

    /// <summary>The primary's covariance in GCRF.</summary>
    public StateCovariance PrimaryGcrf => CovariancePropagation.ToFrame(PrimaryCovariance, CovarianceFrame.Gcrf, Primary);

    /// <summary>The secondary's covariance in GCRF.</summary>
    public StateCovariance SecondaryGcrf => CovariancePropagation.ToFrame(SecondaryCovariance, CovarianceFrame.Gcrf, Secondary);

    /// <summary>The sum of the two GCRF position covariances, km².</summary>
    public Matrix3x3 CombinedPositionCovarianceKm2 => Covariances.Add(PositionBlock(PrimaryGcrf), PositionBlock(SecondaryGcrf));

    /// <summary>The position block of a covariance (km²).</summary>
    public static Matrix3x3 PositionBlock(StateCovariance c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new Matrix3x3(c[0, 0], c[0, 1], c[0, 2], c[1, 0], c[1, 1], c[1, 2], c[2, 0], c[2, 1], c[2, 2]);
    }

    /// <summary>Throws unless the states are GCRF, finite and above the Earth's surface, the objects move relative to each
    /// other, the covariances are finite with non-negative variances and the radius is positive.</summary>
    /// <exception cref="ArgumentException">One of those does not hold; the message says which.</exception>
    public void Validate()
    {
        foreach (var (state, name) in new[] { (Primary, "primary"), (Secondary, "secondary") })
        {
            if (state.Frame != Frame.Gcrf) throw new ArgumentException($"The {name}'s state must be in GCRF, found {state.Frame}.");
            if (!state.PositionKm.IsFinite || !state.VelocityKmPerS.IsFinite) throw new ArgumentException($"The {name}'s state is not finite.");
            if (state.PositionKm.Length < NumericalPropagator.MinimumRadiusKm) throw new ArgumentException($"The {name}'s position lies inside the Earth.");
            if (!(Vector3D.Cross(state.PositionKm, state.VelocityKmPerS).Length > 0)) throw new ArgumentException($"The {name}'s position and velocity are parallel.");
        }

        if (!(RelativeSpeedKmPerS > 0)) throw new ArgumentException("The two objects do not move relative to each other.");
        if (!(HardBodyRadiusKm > 0) || !double.IsFinite(HardBodyRadiusKm)) throw new ArgumentException("The hard-body radius must be positive.");
        foreach (var (c, name) in new[] { (PrimaryCovariance, "primary"), (SecondaryCovariance, "secondary") })
        {
            for (int i = 0; i < 6; i++)
            {
                for (int j = 0; j < 6; j++)
                {
                    if (!double.IsFinite(c[i, j])) throw new ArgumentException($"The {name}'s covariance is not finite.");
                }

                if (c[i, i] < 0) throw new ArgumentException($"The {name}'s covariance has a negative variance.");
            }

            if (!(c[0, 0] + c[1, 1] + c[2, 2] > 0)) throw new ArgumentException($"The {name}'s position covariance is zero.");
        }
    }

    /// <summary>
    /// The encounter of a CDM: the states at TCA turned to GCRF (from GCRF, ICRF, EME2000 — taken as GCRF, the frame bias
    /// of 23 mas is below any covariance —, TEME or ITRF with <paramref name="eop"/>), the RTN covariances (m, m/s; the
    /// 6×6 block) turned to km and km/s in each object's RTN axes.
    /// </summary>
    /// <exception cref="ArgumentException">The message's frame is not one of those, or a value is not usable (see <see cref="Validate"/>).</exception>
    public static Encounter FromCdm(ConjunctionDataMessage message, double hardBodyRadiusKm, EarthOrientationTable eop)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(eop);
        var tca = message.Relative.Tca;
        var s1 = State(message.Object1, tca, eop);
        var s2 = State(message.Object2, tca, eop);
        var encounter = new Encounter(
            tca, s1, s2, Covariance(message.Object1, tca), Covariance(message.Object2, tca), hardBodyRadiusKm,
            Label(message.Object1.ObjectName), Label(message.Object1.ObjectDesignator), Label(message.Object2.ObjectName), Label(message.Object2.ObjectDesignator));
        encounter.Validate();
        return encounter;
    }

    private static string Label(string? text) => string.IsNullOrWhiteSpace(text) ? "UNKNOWN" : text.Trim();

    private static StateVector State(CdmObject o, Instant tca, EarthOrientationTable eop)
    {
        var frame = o.RefFrame.Trim().ToUpperInvariant() switch
        {
            "GCRF" or "ICRF" or "EME2000" or "J2000" => Frame.Gcrf,
            "TEME" => Frame.Teme,
            "ITRF" or "ITRF2000" or "ITRF-93" or "ITRF-97" or "ITRF2008" or "ITRF2014" or "ITRF2020" => Frame.Itrf,
            _ => throw new ArgumentException($"{o.Object}: REF_FRAME '{o.RefFrame}' is not supported (expected GCRF, ICRF, EME2000, TEME or ITRF)."),
        };
        var state = new StateVector(tca, frame, o.PositionKm, o.VelocityKmPerS);
        return frame == Frame.Gcrf ? state : state.To(Frame.Gcrf, eop);
    }

    private static StateCovariance Covariance(CdmObject o, Instant tca)
    {
        var values = new double[21];
        for (int i = 0, k = 0; i < 6; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                values[k++] = o.Covariance[i, j] * 1e-6; // m² → km², m²/s → km²/s, m²/s² → km²/s²
            }
        }

        return StateCovariance.FromLowerTriangle(tca, CovarianceFrame.Rtn, values);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{PrimaryName} × {SecondaryName} at {Tca.ToIsoString(3)}: miss {MissKm * 1000:0.#} m at {RelativeSpeedKmPerS * 1000:0.###} m/s");
}
