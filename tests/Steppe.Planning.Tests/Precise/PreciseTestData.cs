using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;

namespace Steppe.Planning.Tests.Precise;

/// <summary>The OPM with a covariance the precise-propagation tests start from, and small force models.</summary>
internal static class PreciseTestData
{
    public static readonly string LeoCovariancePath = Path.Combine(AppContext.BaseDirectory, "TestData", "Precise", "leo_covariance.kvn");

    public static readonly PreciseTables Tables = PreciseTables.Bundled();

    public static string LeoCovarianceText => File.ReadAllText(LeoCovariancePath);

    public static PreciseInitialConditions LeoConditions() =>
        OpmInput.Resolve(OpmInput.Parse(LeoCovarianceText, "leo_covariance.kvn"), "leo_covariance.kvn", Tables.Tables.EarthOrientation);

    /// <summary>The Earth's point mass and J2 alone (EGM2008 degree 2, order 0).</summary>
    public static ForceModelSettings J2 => new()
    {
        Gravity = "EGM2008",
        Degree = 2,
        Order = 0,
        Sun = false,
        Moon = false,
        SolarRadiationPressure = false,
        Drag = DragModel.None,
    };

    /// <summary>A small but complete LEO model: EGM2008 8×8, Sun, Moon, SRP, Harris–Priester drag.</summary>
    public static ForceModelSettings Small => new()
    {
        Gravity = "EGM2008",
        Degree = 8,
        Order = 8,
        Drag = DragModel.HarrisPriester,
    };
}
