using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics.Forces.Atmosphere;
using Steppe.Dynamics.Forces.Drag;
using Steppe.Dynamics.Forces.Gravity;
using Steppe.Dynamics.Forces.Relativity;
using Steppe.Dynamics.Numerical;

namespace Steppe.Dynamics.Tests.Numerical;

public sealed class ForceModelSettingsTests
{
    private static readonly Spacecraft Craft = new(1000, DragAreaM2: 10, SrpAreaM2: 12);

    private static StateVector Orbit(double altitudeKm, double inclinationDeg)
    {
        double a = 6378.137 + altitudeKm;
        var c = new ClassicalElements(a, 0.001, Angle.FromDegrees(inclinationDeg), Angle.FromDegrees(10), Angle.FromDegrees(20), Angle.FromDegrees(30)).ToState(PropagatorTests.Mu);
        return new StateVector(PropagatorTests.Epoch, Frame.Gcrf, c.PositionKm, c.VelocityKmPerS);
    }

    [Fact]
    public void Unset_values_take_the_defaults_of_the_regime_found_from_the_altitude()
    {
        var leo = new ForceModelSettings().Resolve(Orbit(700, 98));
        Assert.Equal(OrbitRegime.Leo, leo.Regime);
        Assert.Equal((70, 70), (leo.Degree, leo.Order));
        Assert.Equal(DragModel.Nrlmsise00, leo.Drag);
        Assert.Equal(TimeSpan.FromSeconds(12), leo.FixedStep);
        Assert.Equal(FlightDynamicsDefaults.DefaultPositionToleranceKm, leo.PositionToleranceKm);

        var geo = new ForceModelSettings().Resolve(Orbit(35786, 0.05));
        Assert.Equal(OrbitRegime.Geo, geo.Regime);
        Assert.Equal((8, 8), (geo.Degree, geo.Order));
        Assert.Equal(DragModel.None, geo.Drag);

        // Just under and just over the 2,000 km line.
        Assert.Equal(OrbitRegime.Leo, ForceModelSettings.RegimeOf(6378.137 + 1999));
        Assert.Equal(OrbitRegime.Geo, ForceModelSettings.RegimeOf(6378.137 + 2001));

        // What is set stays set.
        var asked = new ForceModelSettings { Regime = OrbitRegime.Geo, Degree = 20, Drag = DragModel.HarrisPriester }.Resolve(Orbit(700, 98));
        Assert.Equal((OrbitRegime.Geo, 20, 20, DragModel.HarrisPriester), (asked.Regime!.Value, asked.Degree!.Value, asked.Order!.Value, asked.Drag!.Value));
    }

    [Theory]
    [InlineData(0.0, 2.0)]
    [InlineData(90.0, 6.0)]
    [InlineData(45.0, 4.0)]
    [InlineData(135.0, 4.0)]
    public void Harris_Priester_exponent_runs_from_2_equatorial_to_6_polar(double inclinationDeg, double exponent)
    {
        // Montenbruck & Gill, Satellite Orbits, §3.5.2: n = 2 for low inclinations, n = 6 for polar orbits.
        var settings = new ForceModelSettings { Drag = DragModel.HarrisPriester }.Resolve(Orbit(400, inclinationDeg));
        Assert.Equal(exponent, settings.HarrisPriesterExponent!.Value, 1e-9);
        var model = settings.Build(Craft);
        var drag = Assert.IsType<AtmosphericDrag>(model.Forces.Single(f => f is AtmosphericDrag));
        Assert.Equal(exponent, Assert.IsType<HarrisPriester>(drag.Atmosphere).CosineExponent, 1e-9);
    }

    [Fact]
    public void Build_gives_the_forces_and_the_words_of_the_header()
    {
        var settings = new ForceModelSettings { SolidTides = true, Relativity = true }.Resolve(Orbit(700, 98));
        var model = settings.Build(Craft, SpaceWeatherTable.Bundled, LeapSecondTable.Bundled);
        Assert.Equal(7, model.Forces.Count);
        Assert.IsType<SphericalHarmonicGravity>(model.Forces[0]);
        Assert.IsType<SchwarzschildRelativity>(model.Forces[^1]);
        Assert.False(model.Options.IncludeCentralPointMass);
        Assert.StartsWith("EGM2008 70×70, Sun, Moon, SRP (12 m², C_R 1.3), NRLMSISE-00 drag (10 m², C_D 2.2), solid tides, relativity, mass 1000 kg", model.Description, StringComparison.Ordinal);
        Assert.Equal("DOP853, 1e-11 km per step", model.Integration);

        var pointMass = new ForceModelSettings { Gravity = "none", Sun = false, Moon = false, SolarRadiationPressure = false, Drag = DragModel.None }.Resolve(Orbit(700, 98)).Build(Craft);
        Assert.Empty(pointMass.Forces);
        Assert.True(pointMass.Options.IncludeCentralPointMass);
        Assert.StartsWith("point mass", pointMass.Description, StringComparison.Ordinal);

        var abm = new ForceModelSettings { Integrator = IntegratorKind.AdamsBashforthMoulton, Gravity = "JGM3", Degree = 20 }.Resolve(Orbit(35786, 0)).Build(Craft);
        Assert.Equal(IntegratorKind.AdamsBashforthMoulton, abm.Options.Integrator);
        Assert.Equal(TimeSpan.FromSeconds(300), abm.Options.FixedStep);
        Assert.StartsWith("JGM-3 20×20", abm.Description, StringComparison.Ordinal);
        Assert.Equal("Adams–Bashforth–Moulton 8, 300 s step", abm.Integration);
    }

    [Fact]
    public void FlightDynamicsDefaults_and_the_settings_give_the_same_forces()
    {
        var defaults = FlightDynamicsDefaults.LeoForces(Craft, SpaceWeatherTable.Bundled, LeapSecondTable.Bundled);
        var settings = ForceModelSettings.Default(OrbitRegime.Leo).Build(Craft, SpaceWeatherTable.Bundled, LeapSecondTable.Bundled).Forces;
        Assert.Equal(defaults.Select(f => f.Name), settings.Select(f => f.Name));
    }

    [Fact]
    public void Bad_values_are_refused_with_the_setting_named()
    {
        var orbit = Orbit(700, 98);
        Assert.Contains("degree", Assert.Throws<ArgumentException>(() => new ForceModelSettings { Degree = 121 }.Resolve(orbit)).Message, StringComparison.Ordinal);
        Assert.Contains("order: expected 0 ≤ order ≤ degree, found 11 with degree 10", Assert.Throws<ArgumentException>(() => new ForceModelSettings { Degree = 10, Order = 11 }.Resolve(orbit)).Message, StringComparison.Ordinal);
        Assert.Contains("order: expected 0 ≤ order ≤ degree, found 80 with degree 70", Assert.Throws<ArgumentException>(() => new ForceModelSettings { Order = 80 }.Resolve(orbit)).Message, StringComparison.Ordinal);
        Assert.Contains("point mass alone", Assert.Throws<ArgumentException>(() => new ForceModelSettings { Gravity = "none", Degree = 5 }.Resolve(orbit)).Message, StringComparison.Ordinal);
        Assert.Contains("tolerance", Assert.Throws<ArgumentException>(() => new ForceModelSettings { PositionToleranceKm = double.NaN }.Resolve(orbit)).Message, StringComparison.Ordinal);
        Assert.Contains("Harris", Assert.Throws<ArgumentException>(() => new ForceModelSettings { HarrisPriesterExponent = -1 }.Resolve(orbit)).Message, StringComparison.Ordinal);
        Assert.Contains("fixed step", Assert.Throws<ArgumentException>(() => new ForceModelSettings { FixedStep = TimeSpan.Zero }.Resolve(orbit)).Message, StringComparison.Ordinal);

        // The words of the command line and the API.
        Assert.Equal((OrbitRegime?)OrbitRegime.Geo, ForceModelSettings.RegimeFromWord(" GEO "));
        Assert.Null(ForceModelSettings.RegimeFromWord(null));
        Assert.Equal("regime", Assert.Throws<ArgumentException>(() => ForceModelSettings.RegimeFromWord("heo")).ParamName);
        Assert.Equal((DragModel?)DragModel.HarrisPriester, ForceModelSettings.DragFromWord("harris-priester"));
        Assert.Equal("drag", Assert.Throws<ArgumentException>(() => ForceModelSettings.DragFromWord("jacchia")).ParamName);
        Assert.Equal(IntegratorKind.GaussJackson, ForceModelSettings.IntegratorFromWord("gj8"));
        Assert.Equal(IntegratorKind.DormandPrince853, ForceModelSettings.IntegratorFromWord(null));
        Assert.Contains("expected dop853, abm8 or gj8", Assert.Throws<ArgumentException>(() => ForceModelSettings.IntegratorFromWord("rk4")).Message, StringComparison.Ordinal);

        // A user's file named but not read, unresolved settings, NRLMSISE-00 without tables.
        Assert.Contains("my.gfc", Assert.Throws<ArgumentException>(() => new ForceModelSettings { Gravity = "my.gfc" }.Resolve(orbit).Build(Craft, SpaceWeatherTable.Bundled, LeapSecondTable.Bundled)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ForceModelSettings().Build(Craft));
        Assert.Contains("space-weather", Assert.Throws<ArgumentException>(() => new ForceModelSettings().Resolve(orbit).Build(Craft)).Message, StringComparison.Ordinal);

        // A user's field is used when handed in.
        var small = BundledGravityFields.Jgm3.Truncated(10);
        var model = new ForceModelSettings { Gravity = "my.gfc", Degree = 10 }.Resolve(orbit).Build(Craft, SpaceWeatherTable.Bundled, LeapSecondTable.Bundled, small);
        Assert.Same(small, Assert.IsType<SphericalHarmonicGravity>(model.Forces[0]).Field);
        Assert.Contains("degree", Assert.Throws<ArgumentException>(() => new ForceModelSettings { Gravity = "my.gfc", Degree = 11 }.Resolve(orbit).Build(Craft, SpaceWeatherTable.Bundled, LeapSecondTable.Bundled, small)).Message, StringComparison.Ordinal);
    }
}
