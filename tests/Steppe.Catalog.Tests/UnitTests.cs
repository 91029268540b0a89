using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Catalog.Model;
using Steppe.Catalog.Seed;
using Steppe.Catalog.Storage;
using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Catalog.Tests;

public class HistoricalOrbitTests
{
    private static readonly SeedHistoricalOrbit Sputnik = SeedData.Current.HistoricalOrbits.Single(o => o.CatalogNumber == 2);
    private static readonly SeedHistoricalOrbit Vostok = SeedData.Current.HistoricalOrbits.Single(o => o.CatalogNumber == 103);

    // NSSDCA 1957-001B / Wikipedia 'Sputnik 1': semi-major axis 6955 km (6955.2), e = 0.05201, period 96.2 min.
    [Fact]
    public void Sputnik1_NSSDCA_DerivedElementsMatchThePublishedAxisEccentricityAndPeriod()
    {
        var m = SeedData.Current.ElementsOf(Sputnik);
        Assert.Equal(0.05201, m.Eccentricity, 4.5e-5);
        double a = HistoricalOrbitDerivation.RecoveredSemiMajorAxisKm(m.MeanMotionRevPerDay, m.Eccentricity, m.InclinationDeg);
        Assert.Equal(6955.2, a, 0.5);
        Assert.Equal(96.2, m.Period.TotalMinutes, 0.1);
        Assert.Equal(65.1, m.InclinationDeg);
    }

    // Wikipedia 'Vostok 1': 169 x 327 km, 64.95 deg, period 89.1 min (other sources: 89.34 min; the heights give 89.4 min).
    [Fact]
    public void Vostok1_Wikipedia_DerivedPeriodIsWithinTheSpreadOfThePublishedPeriods()
    {
        var m = SeedData.Current.ElementsOf(Vostok);
        Assert.InRange(m.Period.TotalMinutes, 89.1, 89.6);
        Assert.Equal(64.95, m.InclinationDeg);
    }

    [Fact]
    public void DerivedOrbit_RecoversItsSemiMajorAxis_ThroughSgp4sInitialisation()
    {
        var m = SeedData.Current.ElementsOf(Sputnik);
        double expected = HistoricalOrbitDerivation.EarthRadiusKm + ((215 + 939) / 2.0);
        Assert.Equal(expected, HistoricalOrbitDerivation.RecoveredSemiMajorAxisKm(m.MeanMotionRevPerDay, m.Eccentricity, m.InclinationDeg), 1e-6);
    }

    [Fact]
    public void DerivedOrbit_StartsOverThePad_OnTheNorthboundBranch()
    {
        var m = SeedData.Current.ElementsOf(Sputnik);
        var pad = SeedData.Current.Sites.Single(s => s.Id == "baikonur-1-5");

        // Two-body position at epoch: argument of latitude u = ω + ν with ν = 0 (mean anomaly 0 at perigee).
        double u = double.DegreesToRadians(m.ArgumentOfPerigeeDeg);
        double i = double.DegreesToRadians(m.InclinationDeg);
        double latitude = Math.Asin(Math.Sin(i) * Math.Sin(u));
        double rightAscension = double.DegreesToRadians(m.RaanDeg) + Math.Atan2(Math.Cos(i) * Math.Sin(u), Math.Cos(u));
        double longitude = rightAscension - SiderealTime.GmstIau82Radians(m.Epoch.Utc);
        Assert.Equal(pad.LatitudeDeg, double.RadiansToDegrees(latitude), 1e-9);
        Assert.Equal(pad.LongitudeDeg, Math.IEEERemainder(double.RadiansToDegrees(longitude), 360.0), 1e-9);
        Assert.InRange(m.ArgumentOfPerigeeDeg, 0, 90);
    }

    [Fact]
    public void Derive_RefusesAPadAboveTheInclination()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            HistoricalOrbitDerivation.Derive(1, "x", null, 200, 300, 30, Instant.J2000, 45.9, 63.3));
    }
}

public class SeedDataTests
{
    [Fact]
    public void EverySiteEventAndObjectHasASource()
    {
        var seed = SeedData.Current;
        Assert.All(seed.Sites, s => Assert.False(string.IsNullOrWhiteSpace(s.Source)));
        Assert.All(seed.Heritage, e => Assert.False(string.IsNullOrWhiteSpace(e.Source)));
        Assert.All(seed.Objects, o => Assert.False(string.IsNullOrWhiteSpace(o.Source)));
        Assert.All(seed.HistoricalOrbits, o => Assert.False(string.IsNullOrWhiteSpace(o.Source)));
    }

    [Fact]
    public void TheTimelineHoldsEveryEntryOfTheIssue_WithItsPublishedTime()
    {
        var byId = SeedData.Current.Heritage.ToDictionary(e => e.Id);
        Assert.Equal("1955-06-02", byId["baikonur-founded"].Utc);
        Assert.Equal("1957-05-15", byId["r7-first-launch"].Utc);
        Assert.Equal("1957-08-21", byId["r7-first-success"].Utc);
        Assert.Equal("1957-10-04T19:28:34Z", byId["sputnik-1"].Utc);
        Assert.Equal("1961-04-12T06:07Z", byId["vostok-1"].Utc);
        Assert.Equal(108, byId["vostok-1"].DurationMinutes);
        Assert.Equal("1991-10-02T05:59:38Z", byId["soyuz-tm-13"].Utc);
        Assert.Equal("1994-07-01T12:24:50Z", byId["soyuz-tm-19"].Utc);
        Assert.Equal("2006-06-17", byId["kazsat-1"].Utc);
        Assert.Equal("2011-07-15T23:16Z", byId["kazsat-2"].Utc);
        Assert.Equal("2014-04-28T04:25Z", byId["kazsat-3"].Utc);
        Assert.Equal("2014-04-30", byId["kazeosat-1"].Utc);
        Assert.Equal("2014-06-19", byId["kazeosat-2"].Utc);
        Assert.Equal("2018-12-03", byId["kazstsat"].Utc);
        Assert.Equal("2015-09-02T04:37:42Z", byId["soyuz-tma-18m"].Utc);
        Assert.Equal("2004-12-22", byId["baiterek-agreement"].Utc);
        Assert.Equal(TimePrecision.Planned, byId["soyuz-5-first-launch"].Precision);
        Assert.Equal([37749, 39728, 39731, 40010, 43783, 25544],
            new[] { "kazsat-2", "kazsat-3", "kazeosat-1", "kazeosat-2", "kazstsat", "zarya" }.Select(id => byId[id].CatalogNumber!.Value));

        // Every dated entry parses as an instant at its stated precision.
        foreach (var e in SeedData.Current.Heritage.Where(e => e.Utc is not null))
        {
            Assert.True(Instant.TryParse(e.Utc, out _), e.Id);
            int expectedLength = e.Precision switch { TimePrecision.Day => 10, TimePrecision.Minute => 17, _ => 20 };
            Assert.Equal(expectedLength, e.Utc!.Length);
        }
    }

    [Fact]
    public void TheLaunchSitesOfTheIssueAreAllPresent()
    {
        var ids = SeedData.Current.Sites.Select(s => s.Id).ToHashSet();
        foreach (var id in new[] { "baikonur-1-5", "baikonur-31-6", "baikonur-81", "baikonur-200", "baikonur-45", "vostochny-1s", "plesetsk", "kourou",
                     "ksc-39a", "vandenberg-slc-4e", "jiuquan", "wenchang", "tanegashima", "sriharikota", "mahia-lc1", "akkol-gcc", "kokterek-gcc",
                     "astana-eo", "astana", "almaty", "baikonur-town", "shymkent", "karaganda" })
        {
            Assert.Contains(id, ids);
        }
    }
}

public class ElementSetIdentityTests
{
    private static readonly MeanElements Iss = Steppe.Formats.Tle.TleReader.ParseLines(
        "1 25544U 98067A   26150.51748228  .00011776  00000+0  21767-3 0  9998",
        "2 25544  51.6337  27.5746 0007245 114.7080 245.4664 15.49496548569014",
        "ISS (ZARYA)");

    [Fact]
    public void TheNameIsNotPartOfTheIdentity() => Assert.Equal(ElementSetIdentity.Of(Iss), ElementSetIdentity.Of(Iss with { Name = "ZARYA" }));

    [Property]
    public Property ChangingAPublishedDigit_ChangesTheIdentity(PositiveInt steps, int field)
    {
        int k = 1 + (steps.Get % 1000);
        var changed = (Math.Abs(field) % 8) switch
        {
            0 => Iss with { MeanMotionRevPerDay = Iss.MeanMotionRevPerDay + (k * 1e-8) },
            1 => Iss with { RaanDeg = Iss.RaanDeg + (k * 1e-4) },
            2 => Iss with { Eccentricity = Iss.Eccentricity + (k * 1e-8) },
            3 => Iss with { BStarPerEarthRadii = Iss.BStarPerEarthRadii + (k * 1e-10) },
            4 => Iss with { Epoch = Iss.Epoch.AddSeconds(k * 1e-6) },
            5 => Iss with { CatalogNumber = Iss.CatalogNumber + k },
            6 => Iss with { Classification = 'C' },
            _ => Iss with { ElementSetNumber = Iss.ElementSetNumber + k },
        };
        return (ElementSetIdentity.Of(changed) != ElementSetIdentity.Of(Iss)).ToProperty();
    }

    [Property]
    public Property TheLastBitsOfDecimalConversion_DoNotChangeTheIdentity(PositiveInt ulps)
    {
        int k = 1 + (ulps.Get % 16);
        double Up(double x)
        {
            for (int i = 0; i < k; i++)
            {
                x = Math.BitIncrement(x);
            }

            return x;
        }

        var noisy = Iss with
        {
            MeanMotionRevPerDay = Up(Iss.MeanMotionRevPerDay),
            Eccentricity = Up(Iss.Eccentricity),
            RaanDeg = Up(Iss.RaanDeg),
            BStarPerEarthRadii = Up(Iss.BStarPerEarthRadii),
            Epoch = Iss.Epoch.AddSeconds(k * 1e-9),
        };
        return (ElementSetIdentity.Of(noisy) == ElementSetIdentity.Of(Iss)).ToProperty();
    }

    [Fact]
    public void AnOmmThatCarriesMoreDigitsThanIts3le_IsAnotherSet()
    {
        // data/elements: CelesTrak's ORBCOMM group of 2026-09-06 in both encodings. ORBCOMM FM20 (25416): the XML has
        // e = 0.00027995 and B* = 0.00015419243, the 3LE e = 0.0002799 and B* = 0.15419e-3.
        string Dir(string f) => Path.Combine(AppContext.BaseDirectory, "TestData", "elements", f);
        var xml = Steppe.Formats.ElementSetReader.Read(File.ReadAllText(Dir("2026-09-06_orbcomm.xml"))).ElementsOrThrow().Single(m => m.CatalogNumber == 25416);
        var tle = Steppe.Formats.ElementSetReader.Read(File.ReadAllText(Dir("2026-09-06_orbcomm.tle"))).ElementsOrThrow().Single(m => m.CatalogNumber == 25416);
        Assert.Equal(0.00027995, xml.Eccentricity);
        Assert.Equal(0.0002799, tle.Eccentricity);
        Assert.NotEqual(ElementSetIdentity.Of(xml), ElementSetIdentity.Of(tle));
    }
}

public class CatalogLocationTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Port=5433;Username=steppe;Database=catalog", CatalogEngine.PostgreSql)]
    [InlineData("postgres://steppe:secret@db.example:5433/catalog", CatalogEngine.PostgreSql)]
    [InlineData("postgresql://db.example/catalog", CatalogEngine.PostgreSql)]
    [InlineData("catalog.db", CatalogEngine.Sqlite)]
    [InlineData("my;odd=name.db", CatalogEngine.Sqlite)]
    public void Parse_TellsTheEngineFromTheText(string text, CatalogEngine engine) => Assert.Equal(engine, CatalogLocation.Parse(text).Engine);

    [Fact]
    public void APostgresUrl_BecomesAConnectionString_AndItsDisplayHidesThePassword()
    {
        var location = CatalogLocation.Parse("postgres://steppe:secret@db.example:5433/catalog");
        Assert.Contains("Port=5433", location.Target);
        Assert.Contains("Password=secret", location.Target);
        Assert.Equal("postgresql://db.example:5433/catalog", location.Display);
        Assert.DoesNotContain("secret", location.ToString());
    }

    [Fact]
    public void TheDefaultLocation_IsAFileUnderTheUsersDataFolder()
    {
        if (Environment.GetEnvironmentVariable(CatalogLocation.EnvironmentVariable) is not null)
        {
            return;
        }

        var location = CatalogLocation.Default();
        Assert.True(location.IsDefault);
        Assert.Equal(CatalogEngine.Sqlite, location.Engine);
        Assert.EndsWith(Path.Combine("steppe", "catalog.db"), location.Target);
    }
}

public class RegimeTests
{
    // The definitions of the bundled catalog's README (data/catalog/README.md): first rule that matches.
    [Theory]
    [InlineData(15.5, 0.0007, OrbitRegime.Leo)]
    [InlineData(11.25, 0.0, OrbitRegime.Leo)]
    [InlineData(11.2499, 0.0, OrbitRegime.Meo)]
    [InlineData(2.0056, 0.001, OrbitRegime.Meo)]
    [InlineData(1.1, 0.0, OrbitRegime.Geo)]
    [InlineData(1.0027, 0.0002, OrbitRegime.Geo)]
    [InlineData(0.9, 0.0, OrbitRegime.Geo)]
    [InlineData(0.89, 0.0, OrbitRegime.Other)]
    [InlineData(2.0, 0.74, OrbitRegime.Heo)]
    [InlineData(15.0, 0.25, OrbitRegime.Heo)]
    public void RegimeOf_FollowsTheCatalogReadme(double n, double e, OrbitRegime expected) => Assert.Equal(expected, CatalogNames.RegimeOf(n, e));

    [Theory]
    [InlineData("ISS DEB", ObjectType.Debris)]
    [InlineData("FENGYUN 1C DEB", ObjectType.Debris)]
    [InlineData("CZ-2C R/B", ObjectType.RocketBody)]
    [InlineData("DEBUT (ORIZURU)", ObjectType.Unknown)]
    [InlineData("KAZSAT-2", ObjectType.Unknown)]
    public void TypeFromName_ReadsRbAndDeb(string name, ObjectType expected) => Assert.Equal(expected, CatalogNames.TypeFromName(name));
}

public class MigrationTests
{
    [Fact]
    public void Migrations_AreNumberedFromOne_AndSplitIntoStatements()
    {
        Assert.Equal(Enumerable.Range(1, Migrations.List.Count), Migrations.List.Select(m => m.Version));
        Assert.Contains(Migrations.List[0].Statements, s => s.StartsWith("CREATE TABLE schema_version", StringComparison.Ordinal));
        Assert.All(Migrations.List.SelectMany(m => m.Statements), s => Assert.DoesNotContain("--", s));
    }

    [Fact]
    public void Split_RejectsAStatementWithoutItsSemicolon() =>
        Assert.Throws<InvalidDataException>(() => Migrations.Split("CREATE TABLE a (x INTEGER);\nCREATE TABLE b (y INTEGER)\n"));
}
