using System.Globalization;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Maneuvers;
using Steppe.Dynamics.Numerical;
using Steppe.Formats;
using Steppe.Formats.Opm;

namespace Steppe.Planning.Precise;

/// <summary>Spacecraft properties given beside an OPM (command-line options, an API request) that win over its own.</summary>
/// <param name="MassKg">Mass, kg.</param>
/// <param name="DragAreaM2">Drag area, m².</param>
/// <param name="DragCoefficient">C_D.</param>
/// <param name="SrpAreaM2">SRP area, m².</param>
/// <param name="ReflectivityCoefficient">C_R.</param>
public sealed record SpacecraftOverrides(double? MassKg = null, double? DragAreaM2 = null, double? DragCoefficient = null, double? SrpAreaM2 = null,
    double? ReflectivityCoefficient = null);

/// <summary>An OPM, or what is given with it, that cannot start a propagation; the message names the source and the field.</summary>
public sealed class PreciseInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PreciseInputException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// The initial conditions of a numerical propagation, read from an OPM: the state in GCRF, the spacecraft, and the
/// maneuvers (impulsive ones and finite burns) in time order.
/// </summary>
/// <param name="Message">The OPM.</param>
/// <param name="InitialState">The state at the OPM's epoch in GCRF.</param>
/// <param name="Spacecraft">Mass, areas and coefficients (the OPM's, with any overrides).</param>
/// <param name="Maneuvers">The impulsive maneuvers (duration 0), with the Isp that spends the OPM's MAN_DELTA_MASS.</param>
/// <param name="Burns">The finite burns (duration above 0), thrust and Isp from the Δv, the duration and MAN_DELTA_MASS.</param>
public sealed record PreciseInitialConditions(OpmMessage Message, StateVector InitialState, Spacecraft Spacecraft,
    IReadOnlyList<ImpulsiveManeuver> Maneuvers, IReadOnlyList<FiniteBurn> Burns)
{
    /// <summary>The settings resolved for this orbit (regime from its altitude, the Harris–Priester exponent from its inclination).</summary>
    /// <exception cref="PreciseInputException">A setting is out of range.</exception>
    public ForceModelSettings Resolve(ForceModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            return settings.Resolve(InitialState);
        }
        catch (ArgumentException e)
        {
            throw new PreciseInputException(e.Message.Split(" (Parameter", 2)[0]);
        }
    }
}

/// <summary>
/// Turns a CCSDS OPM into the initial conditions of a numerical propagation, the same way for the command line, the API
/// and cluster jobs: its frame converted to GCRF with the Earth-orientation table handed in, the spacecraft checked, its
/// maneuvers converted (RTN/RSW/RIC/QSW, TNW, VNC or an inertial frame; a finite burn's thrust and Isp from its Δv,
/// duration and mass change by the rocket equation). Every refusal is a <see cref="PreciseInputException"/> whose
/// message names the source, the keyword and, where it has one, the line.
/// </summary>
public static class OpmInput
{
    /// <summary>Reads an OPM in KVN or XML (told apart by a leading <c>&lt;</c>).</summary>
    /// <exception cref="PreciseInputException">The text is not a readable OPM; the message is the first error with its line.</exception>
    public static OpmMessage Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = text.TrimStart().StartsWith('<') ? OpmReader.ReadXml(text, sourceName) : OpmReader.ReadKvn(text, sourceName);
        var error = result.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (result.Message is null || error is not null)
        {
            throw new PreciseInputException(error?.ToString() ?? $"{sourceName}: not a readable OPM");
        }

        return result.Message;
    }

    /// <summary>The initial conditions of <paramref name="message"/> (read from <paramref name="sourceName"/>).</summary>
    /// <exception cref="PreciseInputException">The centre is not the Earth, the frame unknown, the state not finite or inside
    /// the Earth, the epoch outside the Earth-orientation table, the mass missing, a value negative, or a maneuver
    /// unusable.</exception>
    public static PreciseInitialConditions Resolve(OpmMessage message, string sourceName, EarthOrientationTable earthOrientation, SpacecraftOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(earthOrientation);
        var state = InitialState(message, sourceName, earthOrientation);
        var craft = Craft(message, sourceName, overrides ?? new SpacecraftOverrides());
        var (maneuvers, burns) = Maneuvers(message, sourceName, craft.MassKg, state.Epoch);
        return new PreciseInitialConditions(message, state, craft, maneuvers, burns);
    }

    /// <summary>The Earth-centred frame an OPM's REF_FRAME names, or null.</summary>
    public static Frame? FrameOf(string refFrame)
    {
        string name = (refFrame ?? string.Empty).ToUpperInvariant();
        return name switch
        {
            "GCRF" or "ICRF" or "EME2000" or "J2000" => Frame.Gcrf,
            "TEME" => Frame.Teme,
            "TOD" => Frame.Tod,
            "MOD" => Frame.Mod,
            _ when name.StartsWith("ITRF", StringComparison.Ordinal) => Frame.Itrf,
            _ => null,
        };
    }

    private static StateVector InitialState(OpmMessage message, string source, EarthOrientationTable eop)
    {
        if (!string.Equals(message.Metadata.CenterName, "EARTH", StringComparison.OrdinalIgnoreCase))
        {
            throw new PreciseInputException($"{source}: CENTER_NAME {message.Metadata.CenterName}: only EARTH is supported");
        }

        var frame = FrameOf(message.Metadata.RefFrame)
            ?? throw new PreciseInputException($"{source}: REF_FRAME {message.Metadata.RefFrame}: expected GCRF, ICRF, EME2000, ITRF, TEME, TOD or MOD");
        var s = message.State;
        if (!s.PositionKm.IsFinite || !s.VelocityKmPerS.IsFinite)
        {
            throw new PreciseInputException($"{source}: the state vector is not finite");
        }

        if (s.PositionKm.Length < NumericalPropagator.MinimumRadiusKm)
        {
            throw new PreciseInputException(
                $"{source}: X, Y, Z: the state is inside the Earth ({s.PositionKm.Length.ToString("0.000", CultureInfo.InvariantCulture)} km from its centre)");
        }

        var state = new StateVector(s.Epoch, frame, s.PositionKm, s.VelocityKmPerS);
        try
        {
            return frame == Frame.Gcrf ? state : FrameTransforms.Transform(state, Frame.Gcrf, eop);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new PreciseInputException($"{source}: EPOCH {s.Epoch}: {FirstLine(e.Message)}");
        }
    }

    private static Spacecraft Craft(OpmMessage message, string source, SpacecraftOverrides overrides)
    {
        var p = message.Spacecraft;
        double mass = overrides.MassKg ?? p?.MassKg
            ?? throw new PreciseInputException($"{source}: MASS is missing (give it in the OPM or beside it)");
        var craft = new Spacecraft(
            mass,
            overrides.DragAreaM2 ?? p?.DragAreaM2 ?? 0,
            overrides.DragCoefficient ?? p?.DragCoeff ?? 2.2,
            overrides.SrpAreaM2 ?? p?.SolarRadAreaM2 ?? 0,
            overrides.ReflectivityCoefficient ?? p?.SolarRadCoeff ?? 1.3);
        Check(source, "MASS", craft.MassKg, positive: true);
        Check(source, "DRAG_AREA", craft.DragAreaM2, positive: false);
        Check(source, "DRAG_COEFF", craft.DragCoefficient, positive: false);
        Check(source, "SOLAR_RAD_AREA", craft.SrpAreaM2, positive: false);
        Check(source, "SOLAR_RAD_COEFF", craft.ReflectivityCoefficient, positive: false);
        return craft;
    }

    private static void Check(string source, string field, double value, bool positive)
    {
        if (!double.IsFinite(value) || value < 0 || (positive && value == 0))
        {
            throw new PreciseInputException(
                $"{source}: {field} = {value.ToString(CultureInfo.InvariantCulture)}: expected a {(positive ? "positive" : "non-negative")} number");
        }
    }

    private static (List<ImpulsiveManeuver> Maneuvers, List<FiniteBurn> Burns) Maneuvers(OpmMessage message, string source, double initialMassKg, Instant epoch)
    {
        var impulsive = new List<ImpulsiveManeuver>();
        var burns = new List<FiniteBurn>();
        double massKg = initialMassKg;
        foreach (var m in message.Maneuvers.OrderBy(m => m.EpochIgnition))
        {
            string at = $"{source}: maneuver at {m.EpochIgnition}";
            var (frame, components) = LocalComponents(m.RefFrame, m.DeltaVKmPerS)
                ?? throw new PreciseInputException($"{at}: MAN_REF_FRAME {m.RefFrame}: expected RTN, RSW, RIC, TNW, VNC, GCRF, ICRF or EME2000");
            double dv = components.Length;
            if (!double.IsFinite(dv))
            {
                throw new PreciseInputException($"{at}: MAN_DV_1..3 are not finite");
            }

            if (!(m.DeltaMassKg <= 0) || -m.DeltaMassKg >= massKg)
            {
                throw new PreciseInputException(
                    $"{at}: MAN_DELTA_MASS = {m.DeltaMassKg.ToString(CultureInfo.InvariantCulture)}: expected a mass change ≤ 0 that leaves mass " +
                    $"(the spacecraft has {massKg.ToString("0.###", CultureInfo.InvariantCulture)} kg before it)");
            }

            if (m.Duration < TimeSpan.Zero)
            {
                throw new PreciseInputException($"{at}: MAN_DURATION is negative");
            }

            // The rocket equation gives the Isp that spends MAN_DELTA_MASS for this Δv: Δv = Isp g₀ ln(m₀/m₁).
            double? isp = m.DeltaMassKg < 0 && dv > 0
                ? dv * 1000 / (RocketEquation.StandardGravityMPerS2 * Math.Log(massKg / (massKg + m.DeltaMassKg)))
                : null;
            if (m.Duration == TimeSpan.Zero)
            {
                impulsive.Add(ImpulsiveManeuver.At(m.EpochIgnition, components, frame, isp));
            }
            else
            {
                if (isp is not { } burnIsp)
                {
                    throw new PreciseInputException($"{at}: MAN_DELTA_MASS: a finite burn (MAN_DURATION > 0) needs a negative mass change and a non-zero Δv to give its thrust and Isp");
                }

                if (m.EpochIgnition < epoch)
                {
                    throw new PreciseInputException($"{at}: MAN_EPOCH_IGNITION is before the state's EPOCH {epoch}; a finite burn must start in the propagated span");
                }

                double massFlowKgPerS = -m.DeltaMassKg / m.Duration.TotalSeconds;
                double thrustN = massFlowKgPerS * burnIsp * RocketEquation.StandardGravityMPerS2;
                burns.Add(new FiniteBurn(m.EpochIgnition, m.Duration, thrustN, burnIsp, components, frame));
            }

            massKg += m.DeltaMassKg;
        }

        return (impulsive, burns);
    }

    /// <summary>The maneuver frame and components of a Δv given in the OPM frame <paramref name="refFrame"/>, or null.</summary>
    private static (ManeuverFrame Frame, Vector3D Components)? LocalComponents(string refFrame, Vector3D dv) => (refFrame ?? string.Empty).ToUpperInvariant() switch
    {
        "RTN" or "RSW" or "RIC" or "QSW" => (ManeuverFrame.Ric, dv),
        "VNC" => (ManeuverFrame.Vnc, dv),

        // TNW: T along v, W along r × v, N = W × T; in VNC (V, N = W, C = V × N = −N_TNW).
        "TNW" => (ManeuverFrame.Vnc, new Vector3D(dv.X, dv.Z, -dv.Y)),
        "GCRF" or "ICRF" or "EME2000" or "J2000" => (ManeuverFrame.Inertial, dv),
        _ => null,
    };

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
