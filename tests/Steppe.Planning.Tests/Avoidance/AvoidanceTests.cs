using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Cdm;
using Steppe.Formats.Opm;
using Steppe.Planning.Conjunctions;
using Steppe.Planning.Conjunctions.Avoidance;
using Steppe.Planning.Precise;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.Avoidance;

/// <summary>One head-on design shared by the tests of this class (point-mass gravity: the Clohessy–Wiltshire setting).</summary>
public sealed class HeadOnFixture
{
    public HeadOnFixture()
    {
        Encounter = AvoidanceCases.HeadOnLeo(0.0);
        Planner = new AvoidancePlanner(Encounter, Options, PreciseTables.Bundled());
        Plan = Planner.Plan();
    }

    public static AvoidanceOptions Options { get; } = new()
    {
        ForceModel = new ForceModelSettings { Gravity = "none", Sun = false, Moon = false, SolarRadiationPressure = false, Drag = DragModel.None },
        MonteCarloSamples = 2000,
        LeadTimesRevolutions = [0.5, 1, 1.5],
    };

    public Encounter Encounter { get; }

    public AvoidancePlanner Planner { get; }

    public AvoidancePlan Plan { get; }
}

public sealed class AvoidanceTests(HeadOnFixture headOn, ITestOutputHelper output) : IClassFixture<HeadOnFixture>
{
    /// <summary>
    /// Clohessy–Wiltshire: a tangential Δv at Δt before TCA displaces a circular orbit radially by (2Δv/n)(1 − cos nΔt)
    /// and along-track by 4Δv/n·sin nΔt − 3Δv·Δt (W. H. Clohessy, R. S. Wiltshire, "Terminal guidance system for
    /// satellite rendezvous", J. Aerospace Sciences 27(9), 1960; D. A. Vallado, Fundamentals of Astrodynamics and
    /// Applications, 4th ed., §6.8). In a head-on encounter the along-track part only moves the TCA, so the new miss is
    /// the radial displacement.
    /// </summary>
    [Theory]
    [InlineData(0.5, 0.01)]
    [InlineData(1.5, 0.01)]
    [InlineData(0.75, 0.05)]
    [InlineData(1.0, 0.05)]
    public void ClohessyWiltshire_AlongTrackBurnBeforeHeadOnTca_MovesTheMissByTheRadialDisplacement(double leadRev, double deltaVMps)
    {
        var option = headOn.Planner.Evaluate(leadRev, BurnDirection.AlongTrackPlus, deltaVMps);
        double n = 2 * Math.PI / headOn.Planner.PeriodSeconds;
        double dt = leadRev * headOn.Planner.PeriodSeconds, dv = deltaVMps / 1000;
        double radial = 2 * dv / n * (1 - Math.Cos(n * dt));
        double along = (4 * dv / n * Math.Sin(n * dt)) - (3 * dv * dt);
        output.WriteLine($"lead {leadRev} rev, {deltaVMps} m/s: miss {option.MissKm * 1000:F4} m, CW radial {radial * 1000:F4} m (along-track {along * 1000:F1} m, TCA moved {option.Tca.SecondsSince(headOn.Encounter.Tca) * 1000:F2} ms)");
        Assert.Equal(radial, option.MissKm, Math.Max(1e-3 * radial, 2e-5)); // 0.1 %, or 2 cm where CW gives zero
        Assert.True(headOn.Plan.Nominal.MissKm < 1e-5, $"nominal miss {headOn.Plan.Nominal.MissKm} km");
    }

    /// <summary>The smallest burn meets the threshold and one 5 % smaller does not (no larger than needed within 5 %);
    /// for a head-on encounter the best burn is along-track half a revolution before TCA, where the CW radial
    /// displacement 4Δv/n is largest.</summary>
    [Fact]
    public void Plan_HeadOn_ChosenBurnMeetsThreshold_AndFivePercentSmallerDoesNot()
    {
        var plan = headOn.Plan;
        Assert.NotNull(plan.Chosen);
        var chosen = plan.Chosen!;
        output.WriteLine(plan.Note);
        Assert.True(plan.Nominal.Pc > plan.Threshold);
        Assert.True(chosen.Pc <= plan.Threshold, $"chosen Pc {chosen.Pc}");
        var smaller = headOn.Planner.Evaluate(chosen.LeadTimeRevolutions, chosen.Direction, 0.95 * chosen.DeltaVMps);
        Assert.True(smaller.Pc > plan.Threshold, $"5 % smaller: Pc {smaller.Pc}");
        Assert.Equal(0.5, chosen.LeadTimeRevolutions);
        Assert.Contains(chosen.Direction, new[] { BurnDirection.AlongTrackPlus, BurnDirection.AlongTrackMinus });
        double n = 2 * Math.PI / plan.PeriodSeconds;
        Assert.Equal(4 * chosen.DeltaVMps / 1000 / n, chosen.MissKm, 1e-3 * chosen.MissKm);

        // Every minimum is the smallest of its (lead, direction) on the grid too.
        foreach (var m in plan.Minima)
        {
            Assert.True(m.Pc <= plan.Threshold);
            Assert.DoesNotContain(plan.Options, o => o.LeadTimeRevolutions == m.LeadTimeRevolutions && o.Direction == m.Direction && o.DeltaVMps < 0.95 * m.DeltaVMps && o.Pc <= plan.Threshold);
            Assert.True(m.DeltaVMps >= chosen.DeltaVMps);
        }

        Assert.Equal(3 * 6 * HeadOnFixture.Options.DeltaVGridMps.Count, plan.Options.Count);
    }

    /// <summary>The OPM of the chosen burn, read back (<see cref="OpmInput"/>) and flown, reproduces the chosen miss.</summary>
    [Fact]
    public void Opm_OfTheChosenBurn_ReadBackAndFlown_GivesTheSameMiss()
    {
        var chosen = headOn.Plan.Chosen!;
        var (trajectory, _) = headOn.Planner.Trajectory(chosen, headOn.Encounter.Tca.AddSeconds(600));
        var opm = AvoidanceOutputs.Opm(headOn.Plan, chosen, trajectory, HeadOnFixture.Options.PrimarySpacecraft, Instant.FromUtc(2026, 9, 1, 0, 0, 0));
        var text = OpmWriter.WriteKvn(opm);
        var conditions = OpmInput.Resolve(OpmInput.Parse(text, "avoid.opm"), "avoid.opm", PreciseTables.Bundled().Tables.EarthOrientation);
        Assert.Single(conditions.Maneuvers);
        var settings = HeadOnFixture.Options.ForceModel.Resolve(conditions.InitialState);
        var tables = PreciseTables.Bundled();
        var flown = tables.Build(settings, conditions.Spacecraft).Propagator(tables.Environment())
            .Propagate(conditions.InitialState, conditions.Spacecraft, headOn.Encounter.Tca.AddSeconds(600), conditions.Maneuvers);
        var tca = ConjunctionFromPropagation.FindTca(flown, headOn.Planner.Secondary, headOn.Encounter.Tca.AddSeconds(-600), headOn.Encounter.Tca.AddSeconds(600));
        double miss = (flown.StateAt(tca).PositionKm - headOn.Planner.Secondary.StateAt(tca).PositionKm).Length;
        Assert.Equal(chosen.MissKm, miss, 1e-4);

        var oem = AvoidanceOutputs.Oem(trajectory, "PRIMARY", "1", chosen.BurnTime, headOn.Encounter.Tca, TimeSpan.FromMinutes(1), Instant.FromUtc(2026, 9, 1, 0, 0, 0));
        Assert.Equal(trajectory.StateAt(headOn.Encounter.Tca).PositionKm, oem.Segments[0].States[^1].PositionKm);
    }

    /// <summary>The Pc-versus-Δv plot draws one curve per lead time and direction, the threshold and the chosen burn.</summary>
    [Fact]
    public void Plot_PcVersusDeltaV_RendersPngAndSvg()
    {
        var png = Steppe.Plots.AvoidancePlot.RenderPng(headOn.Plan);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        var svg = Steppe.Plots.AvoidancePlot.RenderSvg(headOn.Plan);
        Assert.Contains("threshold 1e-4", svg, StringComparison.Ordinal);
        Assert.Contains("+T, 0.5 rev", svg, StringComparison.Ordinal);
        Assert.Contains("chosen", svg, StringComparison.Ordinal);
    }

    /// <summary>Below the threshold already: no burn.</summary>
    [Fact]
    public void Plan_PcAlreadyBelowThreshold_ChoosesNoBurn()
    {
        var options = HeadOnFixture.Options with { LeadTimesRevolutions = [0.5], Directions = [BurnDirection.AlongTrackPlus], DeltaVGridMps = [0.1] };
        var plan = new AvoidancePlanner(AvoidanceCases.HeadOnLeo(2.0), options, PreciseTables.Bundled()).Plan();
        Assert.True(plan.Nominal.Pc < 1e-4);
        Assert.Null(plan.Chosen);
        Assert.StartsWith("No burn needed", plan.Note, StringComparison.Ordinal);
    }

    /// <summary>
    /// A short LEO encounter (crossing at 38°, 4.9 km/s) where the 2D assumptions hold: Foster's 2D Pc, the Monte Carlo
    /// Pc (100 000 sample pairs, fixed seed) and Coppola's 3D Pc (V. T. Coppola, AAS 12-247, 2012) agree — the MC within
    /// 3 standard errors, the 3D within 0.1 % (for a rectilinear encounter it reduces to the 2D integral).
    /// </summary>
    [Fact]
    public void Pc_ShortTermLeo_FosterMonteCarloAnd3D_Agree()
    {
        var a = EncounterProbability.Assess(AvoidanceCases.CrossingLeo(), 100_000);
        output.WriteLine($"Foster {a.Foster2D:e4}, MC {a.MonteCarlo:e4} ± {a.MonteCarloStandardError:e2}, 3D {a.ThreeD:e4}; {a.Note}");
        Assert.True(a.ShortTerm.Valid, a.ShortTerm.Note);
        Assert.InRange(a.Foster2D, 1e-3, 1e-2);
        Assert.True(Math.Abs(a.MonteCarlo - a.Foster2D) <= 3 * a.MonteCarloStandardError, $"MC {a.MonteCarlo} vs Foster {a.Foster2D} ± {a.MonteCarloStandardError}");
        Assert.Equal(a.Foster2D, a.ThreeD, 1e-3 * a.Foster2D);
    }

    /// <summary>
    /// A slow co-located GEO encounter (the secondary circles the primary on a 150 m × 300 m relative ellipse at about
    /// 1 cm/s): the encounter lasts longer than the orbit, the relative path curves through the covariance and the velocity
    /// uncertainty smears it — the check fires, the 3D and Monte Carlo Pc agree with each other (3 standard errors) and the
    /// 2D Pc, which assumes a straight line crossed once, is more than twice them.
    /// </summary>
    [Fact]
    public void Pc_SlowGeo_TwoDimensionalAssumptionsFail_AndTheMethodsDisagree()
    {
        var a = EncounterProbability.Assess(AvoidanceCases.SlowGeo(0.15), 100_000);
        output.WriteLine($"Foster {a.Foster2D:e4}, MC {a.MonteCarlo:e4} ± {a.MonteCarloStandardError:e2}, 3D {a.ThreeD:e4}; {a.Note}");
        Assert.False(a.ShortTerm.Valid);
        Assert.Contains("FAIL", a.Note, StringComparison.Ordinal);
        Assert.True(a.ShortTerm.EncounterDuration > TimeSpan.FromHours(6));
        Assert.True(Math.Abs(a.MonteCarlo - a.ThreeD) <= 3 * a.MonteCarloStandardError, $"MC {a.MonteCarlo} vs 3D {a.ThreeD} ± {a.MonteCarloStandardError}");
        Assert.True(a.Foster2D > 2 * a.MonteCarlo, $"Foster {a.Foster2D} vs MC {a.MonteCarlo}");
    }

    /// <summary>The Monte Carlo Pc is repeatable with its seed and its standard error shrinks as 1/√N.</summary>
    [Fact]
    public void MonteCarlo_FixedSeed_IsRepeatable()
    {
        var e = AvoidanceCases.CrossingLeo();
        Assert.Equal(EncounterProbability.MonteCarlo(e, 20_000, 7), EncounterProbability.MonteCarlo(e, 20_000, 7));
        var (p, error) = EncounterProbability.MonteCarlo(e, 20_000, 7);
        Assert.Equal(Math.Sqrt(p * (1 - p) / 20_000), error, 1e-15);
    }

    /// <summary>A CDM read from text (the Alfano 2009 test case 1 used by NASA CARA) gives the same Foster Pc through
    /// <see cref="Encounter.FromCdm"/> as through <see cref="ConjunctionCdm.CollisionProbabilityOf"/>.</summary>
    [Fact]
    public void Encounter_FromCdm_KeepsTheFosterPc()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Conjunctions", "AlfanoTestCase01.cdm"));
        var message = CdmKvnReader.Read(text).MessagesOrThrow().Single();
        var encounter = Encounter.FromCdm(message, 0.015, PreciseTables.Bundled().Tables.EarthOrientation);
        double foster = CollisionProbability.Foster2D(encounter.RelativePositionKm, encounter.RelativeVelocityKmPerS, encounter.CombinedPositionCovarianceKm2, encounter.HardBodyRadiusKm);
        Assert.Equal(ConjunctionCdm.CollisionProbabilityOf(message, 15), foster, 1e-9 * foster + 1e-15);
        var check = EncounterProbability.CheckShortTerm(encounter);
        output.WriteLine($"Alfano case 1: Pc {foster:e4}; {check.Note}");
    }

    /// <summary>The grid runs in parallel with the Sun and the Moon on (their positions are cached per force environment):
    /// the trade space is the same on one thread and on all of them.</summary>
    [Fact]
    public void Plan_InParallel_WithSunAndMoon_EqualsTheSerialPlan()
    {
        var options = new AvoidanceOptions
        {
            ForceModel = new ForceModelSettings { Degree = 2, Order = 0, SolarRadiationPressure = false, Drag = DragModel.None },
            MonteCarloSamples = 1000,
            LeadTimesRevolutions = [0.5, 1],
            Directions = [BurnDirection.AlongTrackPlus, BurnDirection.AlongTrackMinus, BurnDirection.RadialPlus, BurnDirection.CrossTrackPlus],
            DeltaVGridMps = [0.02, 0.2],
        };
        var encounter = AvoidanceCases.CrossingLeo();
        var parallel = new AvoidancePlanner(encounter, options with { MaxDegreeOfParallelism = 4 }, PreciseTables.Bundled()).Plan();
        var serial = new AvoidancePlanner(encounter, options with { MaxDegreeOfParallelism = 1 }, PreciseTables.Bundled()).Plan();
        Assert.Equal(serial.Options.Select(o => (o.MissKm, o.Pc)), parallel.Options.Select(o => (o.MissKm, o.Pc)));
    }

    /// <summary>Every bound of the options is enforced.</summary>
    [Fact]
    public void Options_OutOfBounds_AreRejected()
    {
        var ok = new AvoidanceOptions();
        ok.Validate();
        Assert.Throws<ArgumentException>(() => (ok with { PcThreshold = 0 }).Validate());
        Assert.Throws<ArgumentException>(() => (ok with { PcThreshold = double.NaN }).Validate());
        Assert.Throws<ArgumentException>(() => (ok with { LeadTimesRevolutions = [0.1] }).Validate());
        Assert.Throws<ArgumentException>(() => (ok with { LeadTimesRevolutions = [1, 2, 3, 4, 5, 6, 7, 8, 9] }).Validate());
        Assert.Throws<ArgumentException>(() => (ok with { DeltaVGridMps = [0.2, 0.1] }).Validate());
        Assert.Throws<ArgumentException>(() => (ok with { DeltaVGridMps = [100] }).Validate());
        Assert.Throws<ArgumentException>(() => (ok with { Directions = [] }).Validate());
        Assert.Throws<ArgumentException>(() => (ok with { MonteCarloSamples = 10 }).Validate());
        Assert.Equal(BurnDirection.CrossTrackMinus, BurnDirections.Parse("-n"));
        Assert.Throws<ArgumentException>(() => BurnDirections.Parse("up"));
    }
}
