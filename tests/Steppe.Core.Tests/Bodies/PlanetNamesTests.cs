using Steppe.Core.Bodies;

namespace Steppe.Core.Tests.Bodies;

public class PlanetNamesTests
{
    [Theory]
    [InlineData("Mars", Planet.Mars)]
    [InlineData(" earth ", Planet.EarthMoonBarycenter)]
    [InlineData("EMB", Planet.EarthMoonBarycenter)]
    [InlineData("pluto", Planet.Pluto)]
    public void KnownNames_AreTheirPlanets(string text, Planet expected)
    {
        Assert.True(PlanetNames.TryParse(text, out var planet));
        Assert.Equal(expected, planet);
    }

    [Theory]
    [InlineData("krypton")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownNames_AreRefused(string? text) => Assert.False(PlanetNames.TryParse(text, out _));

    [Fact]
    public void EveryAcceptedName_IsKnown_AndEveryPlanetHasOne()
    {
        var planets = PlanetNames.Accepted.Split(", ").Select(n => PlanetNames.TryParse(n, out var p) ? p : throw new InvalidOperationException(n)).ToList();
        Assert.Equal(Enum.GetValues<Planet>().Order(), planets.Order());
    }
}
