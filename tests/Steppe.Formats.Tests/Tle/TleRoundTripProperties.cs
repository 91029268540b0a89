using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Formats.Tle;

namespace Steppe.Formats.Tests.Tle;

public class TleRoundTripProperties
{
    /// <summary>Element sets whose every value is exactly representable in the TLE fields.</summary>
    public static Arbitrary<MeanElements> TleRepresentable()
    {
        var gen =
            from catalog in Gen.Choose(1, Alpha5.MaxCatalogNumber)
            from year in Gen.Choose(1957, 2056)
            from day in Gen.Choose(1, 365)
            from dayFraction in Gen.Choose(0, 99_999_999)
            from ndot in Gen.Choose(-99_999_999, 99_999_999)
            from bstarMantissa in Gen.Elements(0, 1).SelectMany(z => z == 0 ? Gen.Constant(0) : Gen.Choose(10_000, 99_999).SelectMany(v => Gen.Elements(v, -v)))
            from bstarExponent in Gen.Choose(-9, 5)
            from incl in Gen.Choose(0, 1_800_000)
            from raan in Gen.Choose(0, 3_599_999)
            from ecc in Gen.Choose(0, 9_999_999)
            from argp in Gen.Choose(0, 3_599_999)
            from m in Gen.Choose(0, 3_599_999)
            from n in Gen.Choose(1, 1_799_999_999)
            from rev in Gen.Choose(0, 99_999)
            from set in Gen.Choose(0, 9_999)
            from launch in Gen.Choose(1, 999)
            from piece in Gen.Elements("A", "B", "Z", "AB", "BCD")
            select new MeanElements
            {
                CatalogNumber = catalog,
                InternationalDesignator = $"{year:0000}-{launch:000}{piece}",
                Epoch = Instant.FromUtcDayOfYear(year, double.Parse($"{day}.{dayFraction:00000000}", System.Globalization.CultureInfo.InvariantCulture)),
                MeanMotionDotRevPerDaySquared = ndot / 1e8,
                BStarPerEarthRadii = bstarMantissa == 0 ? 0 : double.Parse($"{(bstarMantissa < 0 ? "-" : "")}0.{Math.Abs(bstarMantissa):00000}E{bstarExponent}", System.Globalization.CultureInfo.InvariantCulture),
                InclinationDeg = incl / 1e4,
                RaanDeg = raan / 1e4,
                Eccentricity = double.Parse($"0.{ecc:0000000}", System.Globalization.CultureInfo.InvariantCulture),
                ArgumentOfPerigeeDeg = argp / 1e4,
                MeanAnomalyDeg = m / 1e4,
                MeanMotionRevPerDay = n / 1e8,
                RevolutionNumberAtEpoch = rev,
                ElementSetNumber = set,
            };
        return gen.ToArbitrary();
    }

    [Property(Arbitrary = [typeof(TleRoundTripProperties)], MaxTest = 500)]
    public bool WriteThenRead_GivesTheSameElements(MeanElements e)
    {
        var (l1, l2) = TleWriter.Write(e);
        var back = TleReader.ParseLines(l1, l2);
        var (w1, w2) = TleWriter.Write(back);
        return back == e && w1 == l1 && w2 == l2 && l1.Length == 69 && l2.Length == 69;
    }
}
