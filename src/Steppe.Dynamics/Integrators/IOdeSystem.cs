namespace Steppe.Dynamics.Integrators;

/// <summary>
/// A system of first-order ordinary differential equations y' = f(t, y) of fixed dimension, evaluated without
/// allocating: the integrators hand in spans over their own work arrays.
/// </summary>
public interface IOdeSystem
{
    /// <summary>The number of components of y.</summary>
    int Dimension { get; }

    /// <summary>Writes f(t, y) into <paramref name="dydt"/>; <paramref name="t"/> is in seconds from the system's reference epoch.</summary>
    void Derivatives(double t, ReadOnlySpan<double> y, Span<double> dydt);
}

/// <summary>One interval of a solution with its continuous (dense) output: y(t) for any t in [<see cref="Start"/>,
/// <see cref="End"/>] (or [End, Start] when integrating backwards).</summary>
public interface IDenseSegment
{
    /// <summary>Where the interval starts, seconds from the reference epoch.</summary>
    double Start { get; }

    /// <summary>Where the interval ends, seconds from the reference epoch.</summary>
    double End { get; }

    /// <summary>Writes y(<paramref name="t"/>) into <paramref name="y"/>.</summary>
    void Interpolate(double t, Span<double> y);
}

/// <summary>A fixed-step multistep method started from values the caller found (the propagator's DOP853).</summary>
internal interface IFixedStepIntegrator
{
    /// <summary>How many grid points the method starts from.</summary>
    int StartPoints { get; }

    /// <summary>The current time, seconds.</summary>
    double Time { get; }

    /// <summary>The current solution.</summary>
    ReadOnlySpan<double> State { get; }

    /// <summary>The dense output of the last step.</summary>
    HermiteSegment CurrentStep { get; }

    /// <summary>Starts from the solution at <see cref="StartPoints"/> grid points t0 + j·step.</summary>
    void Reset(double t0, double stepSeconds, IReadOnlyList<double[]> startValues);

    /// <summary>Takes one step.</summary>
    double Step();
}
