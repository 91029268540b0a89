namespace Steppe.Dynamics;

/// <summary>The physical properties of a spacecraft that the force models use (cannonball model).</summary>
/// <param name="MassKg">Mass, kg (positive).</param>
/// <param name="DragAreaM2">Cross-section facing the flow, m².</param>
/// <param name="DragCoefficient">C_D (typically 2.0–2.3).</param>
/// <param name="SrpAreaM2">Cross-section facing the Sun, m².</param>
/// <param name="ReflectivityCoefficient">C_R (1 absorbs, 2 reflects specularly; typically 1.2–1.5).</param>
public sealed record Spacecraft(double MassKg, double DragAreaM2 = 0, double DragCoefficient = 2.2, double SrpAreaM2 = 0, double ReflectivityCoefficient = 1.3)
{
    /// <summary>C_D·A/m, m²/kg.</summary>
    public double BallisticCoefficientM2PerKg => DragCoefficient * DragAreaM2 / MassKg;

    /// <summary>C_R·A/m, m²/kg.</summary>
    public double SrpCoefficientM2PerKg => ReflectivityCoefficient * SrpAreaM2 / MassKg;
}
