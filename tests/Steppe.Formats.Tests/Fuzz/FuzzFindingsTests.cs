using Steppe.Formats.Tle;

namespace Steppe.Formats.Tests.Fuzz;

/// <summary>Inputs the mutation suite found to break a reader, kept as plain regression tests.</summary>
public class FuzzFindingsTests
{
    private const string Line1 = "1 25118U 97084G   26249.63413111  .00000677  00000+0  22065-3 0  9995";
    private const string Line2 = "2 25118  45.0148  20.5667 0001250 218.2032 155.7609 14.47730073506193";

    [Fact]
    public void Tle_BlankInsideTheLaunchNumber_IsADiagnostic_NotAFormatException()
    {
        // Found by ReaderFuzzTests: "0 0" in columns 12–14 made int.Parse throw out of TleReader.Read.
        var line1 = Line1[..11] + "0 0" + Line1[14..];
        var result = TleReader.Read(line1 + "\n" + Line2 + "\n", new ElementSetReadOptions { Checksums = ChecksumPolicy.Lenient });

        Assert.Empty(result.Elements);
        var d = Assert.Single(result.Diagnostics, x => x.Severity == DiagnosticSeverity.Error);
        Assert.Equal((1, 10), (d.Line, d.Column));
        Assert.Contains("international designator", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tle_FirstDerivativeOutsideItsField_IsRejected()
    {
        // Found by ReaderFuzzTests: a flipped character turned " .00000677" into "258.000677" and it was returned as
        // ndot = 258 rev/day²; the field holds ±.99999999 at most.
        var line1 = Line1[..33] + "258.000677" + Line1[43..];
        var result = TleReader.Read(line1 + "\n" + Line2 + "\n", new ElementSetReadOptions { Checksums = ChecksumPolicy.Lenient });

        Assert.Empty(result.Elements);
        var d = Assert.Single(result.Diagnostics, x => x.Severity == DiagnosticSeverity.Error);
        Assert.Equal((1, 34), (d.Line, d.Column));
    }
}
