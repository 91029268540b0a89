using Steppe.Core.Mathematics;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces.Atmosphere;

namespace Steppe.Dynamics.Tests.Atmosphere;

public class NrlmsiseAtmosphereTests
{
    private static AtmospherePoint Point(Instant t, double latDeg, double lonDeg, double heightKm, Vector3D sunItrf) =>
        new(t, Steppe.Core.Geodesy.GeodeticPoint.FromDegrees(latDeg, lonDeg, heightKm * 1000).ToItrfKm(),
            Steppe.Core.Geodesy.GeodeticPoint.FromDegrees(latDeg, lonDeg, heightKm * 1000), sunItrf);

    [Fact]
    public void ObservedSpaceWeather_DrivesTheModelWithTheTablesInputs()
    {
        var leap = LeapSecondTable.Bundled;
        var table = SpaceWeatherTable.Bundled;
        var t = Instant.FromUtc(2024, 5, 11, 13, 30, 0, leap); // the May 2024 storm: ap high
        var atmosphere = new NrlmsiseAtmosphere(table, leap);
        var sun = new Vector3D(1.5e8, 0, 0); // Sun over longitude 0: local solar time = 12 h + longitude/15
        var point = Point(t, 45, 30, 400, sun);
        var output = atmosphere.Evaluate(point);

        var inputs = table.At(t, leap)!;
        var expected = new Nrlmsise00(NrlmsiseSwitches.StandardWithApHistory).Evaluate(new NrlmsiseInput(
            132, TimeSpan.FromHours(13.5), 400, 45, 30, TimeSpan.FromHours(14), inputs.F107Centred81, inputs.F107PreviousDay, inputs.ApDaily,
            NrlmsiseApHistory.FromArray(inputs.ApArray)));
        Assert.Equal(expected.EffectiveMassDensityKgPerM3, output.EffectiveMassDensityKgPerM3, expected.EffectiveMassDensityKgPerM3 * 1e-9);
        Assert.Equal(output.EffectiveMassDensityKgPerM3, atmosphere.DensityKgPerM3(point));
        Assert.Equal(SpaceWeatherQuality.Observed, atmosphere.WorstQuality);
        Assert.False(atmosphere.UsedConstants);

        // The storm heats the thermosphere: more than the same point with quiet constants.
        var quiet = new Nrlmsise00(NrlmsiseSwitches.StandardWithApHistory).Evaluate(new NrlmsiseInput(
            132, TimeSpan.FromHours(13.5), 400, 45, 30, TimeSpan.FromHours(14), 150, 150, 4, new NrlmsiseApHistory(4, 4, 4, 4, 4, 4, 4)));
        Assert.True(output.ExosphericTemperatureK > quiet.ExosphericTemperatureK + 100);
    }

    [Fact]
    public void PredictedSpaceWeather_IsUsed_AndReported()
    {
        var leap = LeapSecondTable.Bundled;
        var table = SpaceWeatherTable.Bundled;
        var day = table.LastObservedDay!.Value.AddDays(10);
        var t = Instant.FromUtc(day.Year, day.Month, day.Day, 6, 0, 0, leap);
        var atmosphere = new NrlmsiseAtmosphere(table, leap);
        double rho = atmosphere.DensityKgPerM3(Point(t, 0, 0, 500, new Vector3D(0, 1.5e8, 0)));
        Assert.True(rho is > 1e-14 and < 1e-11, $"{rho}");
        Assert.Equal(SpaceWeatherQuality.DailyPredicted, atmosphere.WorstQuality);
    }

    [Fact]
    public void MissingSpaceWeather_RefusedNamingTheDate_OrConstantsWhenChosen()
    {
        var leap = LeapSecondTable.Bundled;
        var table = SpaceWeatherTable.Bundled;
        var t = Instant.FromUtc(2150, 3, 4, 12, 0, 0, leap);
        var point = Point(t, 10, 20, 300, new Vector3D(1.5e8, 0, 0));

        var refusing = new NrlmsiseAtmosphere(table, leap);
        var e = Assert.Throws<SpaceWeatherUnavailableException>(() => refusing.DensityKgPerM3(point));
        Assert.Contains("2150-03-04", e.Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2150, 3, 4), e.Date);

        var falling = new NrlmsiseAtmosphere(table, leap, MissingSpaceWeather.UseConstants);
        var output = falling.Evaluate(point);
        Assert.True(falling.UsedConstants);
        var expected = new Nrlmsise00(NrlmsiseSwitches.StandardWithApHistory).Evaluate(new NrlmsiseInput(
            63, TimeSpan.FromHours(12), 300, 10, 20, TimeSpan.FromHours(12 + (20 / 15.0)), 150, 150, 15, new NrlmsiseApHistory(15, 15, 15, 15, 15, 15, 15)));
        Assert.Equal(expected.EffectiveMassDensityKgPerM3, output.EffectiveMassDensityKgPerM3, expected.EffectiveMassDensityKgPerM3 * 1e-9);
    }

    [Fact]
    public void BelowTheGround_Refused()
    {
        var leap = LeapSecondTable.Bundled;
        var atmosphere = new NrlmsiseAtmosphere(SpaceWeatherTable.Bundled, leap);
        var t = Instant.FromUtc(2024, 5, 11, 0, 0, 0, leap);
        Assert.Throws<ArgumentOutOfRangeException>(() => atmosphere.DensityKgPerM3(Point(t, 0, 0, -1, new Vector3D(1.5e8, 0, 0))));
    }

    [Fact]
    public void Switches_TurnVariationsOff()
    {
        var input = Nrlmsise00Tests.StandardCase(0);
        var standard = new Nrlmsise00().Evaluate(input);
        var noDiurnal = new Nrlmsise00(NrlmsiseSwitches.Standard.With(7, 0)).Evaluate(input);
        Assert.NotEqual(standard.MassDensityKgPerM3, noDiurnal.MassDensityKgPerM3);
        Assert.Throws<ArgumentException>(() => new Nrlmsise00(NrlmsiseSwitches.StandardWithApHistory).Evaluate(input with { ApHistory = null }));
        Assert.Throws<ArgumentOutOfRangeException>(() => NrlmsiseSwitches.Standard.With(3, -1));
    }
}
