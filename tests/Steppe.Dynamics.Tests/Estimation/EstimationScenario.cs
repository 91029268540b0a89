using Steppe.Core.Geodesy;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Numerical;
using Steppe.Dynamics.Tests.Numerical;

namespace Steppe.Dynamics.Tests.Estimation;

/// <summary>What the estimation tests share: the tables, an epoch, two Kazakh stations, a fast J2 propagator with the
/// state transition matrix, and Gaussian noise.</summary>
internal static class EstimationScenario
{
    public static readonly EarthOrientationTable Eop = EarthOrientationTable.Bundled;
    public static readonly Instant Epoch = Instant.FromUtc(2026, 3, 1, 0, 0, 0);
    public static readonly Spacecraft Craft = new(1000);
    public static readonly GroundStation Akkol = new("Akkol", new GeodeticPoint(Angle.FromDegrees(51.95), Angle.FromDegrees(70.93), 0.4));
    public static readonly GroundStation Almaty = new("Almaty", new GeodeticPoint(Angle.FromDegrees(43.25), Angle.FromDegrees(76.93), 0.8));

    public static NumericalPropagator J2Propagator(Spacecraft _) =>
        PropagatorTests.Propagator(new NumericalPropagatorOptions { PositionToleranceKm = 1e-9, StateTransitionMatrix = true }, J2Gravity.Earth);

    /// <summary>A standard normal number (Box–Muller).</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
