using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Formats.Omm;
using Steppe.Formats.Tests.Tle;
using Steppe.Formats.Tle;

namespace Steppe.Formats.Tests.Omm;

/// <summary>Write → read round trips of every OMM encoding over generated valid element sets.</summary>
public class OmmRoundTripProperties
{
    private const string NameCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ()-/+.,\"'&=[]<>ҚазСатӘ";

    /// <summary>A double spread over [0, 1), with arbitrary low bits (not a short decimal).</summary>
    private static Gen<double> Unit() =>
        from hi in Gen.Choose(0, (1 << 26) - 1)
        from lo in Gen.Choose(0, (1 << 27) - 1)
        select ((hi * (double)(1 << 27)) + lo) / (1L << 53);

    /// <summary>Either an arbitrary double in [lo, hi) or a short decimal such as CelesTrak prints.</summary>
    private static Gen<double> Between(double lo, double hi, int decimals) =>
        Gen.OneOf(
            Unit().Select(u => lo + (u * (hi - lo))),
            Unit().Select(u => Math.Round(lo + (u * (hi - lo)), decimals)).Where(v => v >= lo && v < hi));

    private static Gen<double> Signed(int minExponent, int maxExponent) =>
        from zero in Gen.Choose(0, 9)
        from mantissa in Unit()
        from exponent in Gen.Choose(minExponent, maxExponent)
        from negative in Gen.Elements(false, true)
        select zero == 0 ? 0.0 : (negative ? -1 : 1) * mantissa * Math.Pow(10, exponent);

    private static Gen<Instant> Epochs() =>
        from year in Gen.Choose(1957, 2099)
        from dayOfYear in Gen.Choose(1, 365)
        from seconds in Gen.Choose(0, 86399)
        from digits in Gen.Choose(0, 9)
        from fraction in Gen.Choose(0, 999_999_999)
        let date = new DateOnly(year, 1, 1).AddDays(dayOfYear - 1)
        let fractionText = digits == 0 ? string.Empty : "." + fraction.ToString("000000000", CultureInfo.InvariantCulture)[..digits]
        select Instant.Parse($"{date:yyyy-MM-dd}T{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}{fractionText}");

    private static Gen<string?> Names() =>
        Gen.OneOf(
            Gen.Constant<string?>(null),
            Gen.Choose(1, 24).SelectMany(n => Gen.ArrayOf(Gen.Elements(NameCharacters.ToCharArray()), n))
                .Select(chars => new string(chars).Trim()).Where(s => s.Length > 0).Select(s => (string?)s));

    private static Gen<string?> Designators() =>
        Gen.OneOf(
            Gen.Constant<string?>(null),
            from year in Gen.Choose(1957, 2099)
            from launch in Gen.Choose(1, 999)
            from piece in Gen.Elements("A", "B", "Z", "AB", "BCD", "ZZZ")
            select (string?)$"{year:0000}-{launch:000}{piece}");

    public static Gen<MeanElements> ValidElements() =>
        from catalog in Gen.Choose(1, 999_999_999)
        from name in Names()
        from designator in Designators()
        from classification in Gen.Elements('U', 'C', 'S')
        from epoch in Epochs()
        from n in Between(0.05, 99.99, 8).Where(v => v > 0)
        from e in Between(0, 0.9999, 7)
        from i in Between(0, 180, 4)
        from raan in Between(-360, 360, 4)
        from argp in Between(0, 360, 4)
        from m in Between(0, 360, 4)
        from bstar in Signed(-12, 2)
        from ndot in Signed(-12, -1)
        from nddot in Signed(-15, 0)
        from type in Gen.Constant(0)
        from set in Gen.Choose(0, 9999)
        from rev in Gen.Choose(0, 999_999_999)
        select new MeanElements
        {
            CatalogNumber = catalog,
            Name = name,
            InternationalDesignator = designator,
            Classification = classification,
            Epoch = epoch,
            MeanMotionRevPerDay = n,
            Eccentricity = e,
            InclinationDeg = i,
            RaanDeg = raan,
            ArgumentOfPerigeeDeg = argp,
            MeanAnomalyDeg = m,
            BStarPerEarthRadii = bstar,
            MeanMotionDotRevPerDaySquared = ndot,
            MeanMotionDdotRevPerDayCubed = nddot,
            EphemerisType = type,
            ElementSetNumber = set,
            RevolutionNumberAtEpoch = rev,
        };

    public static Arbitrary<MeanElements[]> ElementSets() =>
        Gen.Choose(1, 6).SelectMany(k => Gen.ArrayOf(ValidElements(), k)).ToArbitrary();

    private static bool RoundTrips(MeanElements[] sets, Func<IEnumerable<MeanElements>, string> write, Func<string, ElementSetReadResult> read)
    {
        var text = write(sets);
        var back = read(text);
        return back.Diagnostics.Count == 0 && back.Elements.SequenceEqual(sets) && write(back.Elements) == text;
    }

    [Property(Arbitrary = [typeof(OmmRoundTripProperties)], MaxTest = 300)]
    public bool Json_CelesTrakLayout_RoundTrips(MeanElements[] sets) =>
        RoundTrips(sets, s => OmmJsonWriter.Write(s), t => OmmJsonReader.Read(t));

    [Property(Arbitrary = [typeof(OmmRoundTripProperties)], MaxTest = 300)]
    public bool Json_SpaceTrackLayout_RoundTrips(MeanElements[] sets)
    {
        var options = new OmmWriteOptions { JsonStyle = OmmJsonStyle.SpaceTrack, Indented = false, Originator = "STEPPE", CreationDate = Instant.Parse("2026-11-25T12:00:00Z") };
        return RoundTrips(sets, s => OmmJsonWriter.Write(s, options), t => OmmJsonReader.Read(t));
    }

    [Property(Arbitrary = [typeof(OmmRoundTripProperties)], MaxTest = 300)]
    public bool Xml_RoundTrips(MeanElements[] sets) =>
        RoundTrips(sets, s => OmmXmlWriter.Write(s), t => OmmXmlReader.Read(t));

    [Property(Arbitrary = [typeof(OmmRoundTripProperties)], MaxTest = 300)]
    public bool Kvn_RoundTrips(MeanElements[] sets) =>
        RoundTrips(sets, s => OmmKvnWriter.Write(s), t => OmmKvnReader.Read(t));

    [Property(Arbitrary = [typeof(OmmRoundTripProperties)], MaxTest = 300)]
    public bool Csv_RoundTrips(MeanElements[] sets) =>
        RoundTrips(sets, OmmCsvWriter.Write, t => OmmCsvReader.Read(t));

    [Property(Arbitrary = [typeof(OmmRoundTripProperties)], MaxTest = 100)]
    public bool EveryEncoding_IsRecognisedByContent(MeanElements[] sets) =>
        ElementSetReader.Detect(OmmJsonWriter.Write(sets)) == ElementSetFormat.OmmJson
        && ElementSetReader.Detect(OmmXmlWriter.Write(sets)) == ElementSetFormat.OmmXml
        && ElementSetReader.Detect(OmmKvnWriter.Write(sets)) == ElementSetFormat.OmmKvn
        && ElementSetReader.Detect(OmmCsvWriter.Write(sets)) == ElementSetFormat.OmmCsv
        && ElementSetReader.Read(OmmCsvWriter.Write(sets)).Elements.SequenceEqual(sets);

    /// <summary>TLE → OMM (each encoding) → TLE gives the same two lines: no digit is lost or invented on the way.
    /// (The TLE generator is the one of the TLE round-trip properties.)</summary>
    [Property(Arbitrary = [typeof(TleRoundTripProperties)], MaxTest = 300)]
    public bool TleThroughEveryOmmEncoding_GivesTheSameLines(MeanElements tle)
    {
        if (tle.MeanMotionRevPerDay < 0.001)
        {
            // A TLE field holds down to 1e-8 rev/day; the OMM readers refuse orbits slower than 0.001 rev/day.
            return true;
        }

        var lines = TleWriter.Write(tle);
        MeanElements[] one = [tle];
        return new[]
        {
            OmmJsonReader.Read(OmmJsonWriter.Write(one)),
            OmmXmlReader.Read(OmmXmlWriter.Write(one)),
            OmmKvnReader.Read(OmmKvnWriter.Write(one)),
            OmmCsvReader.Read(OmmCsvWriter.Write(one)),
        }.All(r => r.Diagnostics.Count == 0 && TleWriter.Write(r.Elements.Single()) == lines);
    }
}
