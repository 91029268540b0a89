using Steppe.Catalog.Model;
using Steppe.Catalog.Seed;

namespace Steppe.Catalog.Tests;

/// <summary>The one resolver of station and launch-site texts (the CLI's --station/--site and the API's station/site).</summary>
public class SiteDirectoryTests
{
    private static readonly SiteDirectory Seed = new(SeedData.Current.Sites);

    [Fact]
    public void StationByIdOrNameOrPrefix_IsTheCatalogSite()
    {
        var byId = Seed.Station("astana");
        Assert.Equal("astana", byId.Site!.Id);
        Assert.Equal(51.1694, byId.Location.Latitude.Degrees, 9);
        Assert.Equal(0.347, byId.Location.HeightKm, 9);
        Assert.Equal("astana", Seed.Station("ASTANA").Site!.Id);
        Assert.Equal("almaty", Seed.Station("Almat").Site!.Id);
        Assert.Equal("baikonur-31-6", Seed.Station("Baikonur Site 31/6").Site!.Id);
    }

    [Fact]
    public void AmbiguousOrUnknownNames_SayWhy()
    {
        var ambiguous = Assert.Throws<SiteResolutionException>(() => Seed.Station("baikonur"));
        Assert.Contains("ambiguous", ambiguous.Message, StringComparison.Ordinal);
        Assert.Contains("baikonur-31-6", ambiguous.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<SiteResolutionException>(() => Seed.Station("Atlantis"));
        Assert.Contains("unknown station 'Atlantis'", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<SiteResolutionException>(() => Seed.Station("  "));
    }

    [Fact]
    public void LaunchSites_AreOnlyLaunchSites()
    {
        Assert.Equal("baikonur-31-6", Seed.LaunchSite("baikonur-31-6").Site!.Id);
        Assert.Equal("baikonur-cosmodrome", Seed.LaunchSite("baikonur-c").Site!.Id);
        Assert.Throws<SiteResolutionException>(() => Seed.LaunchSite("astana"));
        Assert.Throws<SiteResolutionException>(() => Seed.LaunchSite("baikonur"));
    }

    [Theory]
    [InlineData("51.17,71.45", 51.17, 71.45, 0)]
    [InlineData(" -25.89 , 27.69 , 1540 ", -25.89, 27.69, 1540)]
    [InlineData("10,290", 10, -70, 0)]
    [InlineData("10,-350", 10, 10, 0)]
    [InlineData("0,0,-500", 0, 0, -500)]
    [InlineData("0,0,100000", 0, 0, 100000)]
    [InlineData("0,0,20000", 0, 0, 20000)]
    public void Coordinates_InRange_AreAccepted(string text, double lat, double lon, double heightM)
    {
        var s = Seed.Station(text);
        Assert.Null(s.Site);
        Assert.Equal(lat, s.Location.Latitude.Degrees, 9);
        Assert.Equal(lon, s.Location.Longitude.Degrees, 9);
        Assert.Equal(heightM / 1000, s.Location.HeightKm, 9);
    }

    [Theory]
    [InlineData("95,10", "latitude")]
    [InlineData("10,361", "longitude")]
    [InlineData("10,NaN", "longitude")]
    [InlineData("0,0,-501", "height")]
    [InlineData("0,0,100001", "height")]
    [InlineData("0,0,Infinity", "height")]
    public void Coordinates_OutOfRange_NameTheValue_ForStationsAndLaunchSitesAlike(string text, string what)
    {
        Assert.Contains(what, Assert.Throws<SiteResolutionException>(() => Seed.Station(text)).Message, StringComparison.Ordinal);
        Assert.Contains(what, Assert.Throws<SiteResolutionException>(() => Seed.LaunchSite(text)).Message, StringComparison.Ordinal);
    }
}
