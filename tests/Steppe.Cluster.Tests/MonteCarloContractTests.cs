using Steppe.Cluster.Contracts;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;

namespace Steppe.Cluster.Tests;

/// <summary>A Monte Carlo chunk carries its whole job: every force-model setting, override, time and dispersion.</summary>
public class MonteCarloContractTests
{
    [Fact]
    public void AChunk_CarriesEverySettingOfItsJob()
    {
        var settings = new ForceModelSettings
        {
            Regime = OrbitRegime.Geo,
            Gravity = "JGM3",
            Degree = 12,
            Order = 7,
            Sun = false,
            Moon = false,
            SolarRadiationPressure = false,
            Drag = DragModel.HarrisPriester,
            HarrisPriesterExponent = 3.7,
            SolidTides = true,
            Relativity = true,
            Integrator = IntegratorKind.AdamsBashforthMoulton,
            PositionToleranceKm = 1.234567890123e-9,
            FixedStep = TimeSpan.FromSeconds(17.25),
            StateTransitionMatrix = true,
        };
        var epoch = Core.Time.Instant.FromTtSecondsSinceJ2000(725_000_000, 0.123456789);
        var job = new MonteCarloJob("OPM TEXT", "a.opm", new SpacecraftOverrides(MassKg: 12.5, ReflectivityCoefficient: 1.1), settings, [epoch, epoch.AddSeconds(0.1)], 999, -42,
            new MonteCarloDispersions(3.3, 0.1));
        var back = MonteCarloChunkWork.From(job, 100, 20).ToJob();
        Assert.Equal(settings, back.Settings);
        Assert.Equal(job.Overrides, back.Overrides);
        Assert.Equal(job.Times, back.Times);
        Assert.Equal(job with { Times = back.Times, Settings = back.Settings, Overrides = back.Overrides }, back);

        // No field of the settings is left out of the comparison above: every settable property differs from its default.
        var defaults = new ForceModelSettings();
        foreach (var p in typeof(ForceModelSettings).GetProperties().Where(p => p.CanWrite))
        {
            Assert.NotEqual(p.GetValue(defaults), p.GetValue(settings));
        }
    }
}
