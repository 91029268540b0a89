using System.Reflection;
using Steppe.Cluster.Contracts;
using Steppe.Core.Orbits;
using Steppe.Planning.Conjunctions;

namespace Steppe.Cluster.Tests;

/// <summary>What travels between client and silos: every number, bit for bit, and nothing forgotten when the types grow.</summary>
public class ContractTests
{
    private static string[] SettableProperties(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name).Order()];

    [Fact]
    public void TheWholeBundledCatalog_EncodesIn106BytesPerObject_AndDecodesToTheSameNumbers()
    {
        var all = TestCatalog.All;
        var payload = CatalogPayload.Encode(all);
        Assert.Equal(5 + (106L * all.Count), payload.Data.Length);
        Assert.True(106L * 26_000 < 3_000_000, "a 26,000-object catalog travels in under 3 MB");

        var decoded = payload.Decode();
        Assert.Equal(all.Count, decoded.Length);
        for (int i = 0; i < all.Count; i++)
        {
            // Names and designators stay with the caller; every other field is equal (record equality: doubles to the bit).
            Assert.Equal(all[i] with { Name = null, InternationalDesignator = null }, decoded[i]);
        }
    }

    [Fact]
    public void ASlice_EncodesOnlyItsObjects()
    {
        var all = TestCatalog.All;
        var slice = CatalogPayload.Encode(all, 100, 7).Decode();
        Assert.Equal(all.Skip(100).Take(7).Select(e => e.CatalogNumber), slice.Select(e => e.CatalogNumber));
    }

    [Fact]
    public void ACorruptPayload_IsRefused()
    {
        var data = CatalogPayload.Encode(TestCatalog.All.Take(3).ToList()).Data;
        Assert.Throws<InvalidDataException>(() => new CatalogPayload { Data = data[..^1] }.Decode());
        var wrongVersion = (byte[])data.Clone();
        wrongVersion[0] = 99;
        Assert.Throws<InvalidDataException>(() => new CatalogPayload { Data = wrongVersion }.Decode());
    }

    [Fact]
    public void MeanElements_HasNoFieldThePayloadDoesNotCarry()
    {
        // A new field of MeanElements must be added to CatalogPayload (or, like the name, deliberately left behind).
        Assert.Equal(
            ["ArgumentOfPerigeeDeg", "BStarPerEarthRadii", "CatalogNumber", "Classification", "Eccentricity", "ElementSetNumber", "EphemerisType", "Epoch",
             "InclinationDeg", "InternationalDesignator", "MeanAnomalyDeg", "MeanMotionDdotRevPerDayCubed", "MeanMotionDotRevPerDaySquared", "MeanMotionRevPerDay",
             "Name", "RaanDeg", "RevolutionNumberAtEpoch"],
            SettableProperties(typeof(MeanElements)));
    }

    [Fact]
    public void ScreeningOptions_RoundTrip_WithEverySettingChanged()
    {
        var options = new ScreeningOptions
        {
            ThresholdKm = 7.25,
            ScreeningBox = new RicBox(1.5, 30, 2.5),
            HardBodyRadiusKm = 0.0125,
            Covariance = new PositionCovarianceModel
            {
                Leo = new RicSigma(0.11, 0.51, 0.21, 0.051, 0.52, 0.053),
                Meo = new RicSigma(0.6, 2.1, 0.7, 0.2, 1.1, 0.3),
                Geo = new RicSigma(1.1, 3.1, 1.2, 0.4, 1.2, 0.5),
                Heo = new RicSigma(1.3, 5.1, 1.4, 0.6, 2.1, 0.7),
                Objects = new Dictionary<int, RicSigma> { [41335] = new RicSigma(0.05, 0.4, 0.06, 0.01, 0.3, 0.02) },
            },
            GridStep = TimeSpan.FromSeconds(12.5),
            MaxDegreeOfParallelism = 3,
        };
        Assert.Equal(options, ScreeningOptionsDto.From(options).ToOptions(3));
        Assert.Equal(new ScreeningOptions(), ScreeningOptionsDto.From(new ScreeningOptions()).ToOptions(-1));

        // A new option must travel too (or be a per-machine setting like the thread count).
        Assert.Equal(["Covariance", "GridStep", "HardBodyRadiusKm", "MaxDegreeOfParallelism", "ScreeningBox", "ThresholdKm"], SettableProperties(typeof(ScreeningOptions)));
        Assert.Equal(["Geo", "Heo", "Leo", "Meo", "Objects"], SettableProperties(typeof(PositionCovarianceModel)));
    }

    [Fact]
    public void ScreeningStatistics_RoundTrip_EveryField()
    {
        var properties = typeof(ScreeningStatistics).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();
        var statistics = new ScreeningStatistics();
        int k = 1;
        foreach (var p in properties)
        {
            object value = p.PropertyType == typeof(long) ? (object)(long)(k * 1000 + 7) : k + 0.125;
            statistics = (ScreeningStatistics)WithProperty(statistics, p, value);
            k++;
        }

        Assert.Equal(15, properties.Count);
        Assert.Equal(statistics, ScreeningStatisticsDto.From(statistics).ToStatistics());
    }

    [Fact]
    public void ConjunctionEvent_HasNoFieldTheWireDoesNotCarry() =>
        Assert.Equal(
            ["CollisionProbability", "MissDistanceKm", "Primary", "PrimarySigmaRicKm", "PrimaryState", "RelativePositionRicKm", "RelativeSpeedKmPerS",
             "RelativeVelocityRicKmPerS", "Secondary", "SecondarySigmaRicKm", "SecondaryState", "Tca"],
            SettableProperties(typeof(ConjunctionEvent)));

    private static object WithProperty(object record, PropertyInfo property, object value)
    {
        var clone = record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;
        property.SetValue(clone, value);
        return clone;
    }
}
