using System.IO.Compression;

namespace Steppe.Dynamics.Forces.Gravity;

/// <summary>
/// The gravity fields shipped with Steppe as embedded resources (see <c>Forces/Gravity/Data/README.md</c> for their
/// origin and terms): EGM2008 to degree and order 120 and JGM-3 to 70. Each is read once, on first use.
/// </summary>
public static class BundledGravityFields
{
    private static readonly Lazy<GravityField> LazyEgm2008 = new(() => Load("EGM2008_120.gfc"));
    private static readonly Lazy<GravityField> LazyJgm3 = new(() => Load("JGM3.gfc"));

    /// <summary>EGM2008 (NGA; Pavlis et al. 2012), tide free, to degree and order 120.</summary>
    public static GravityField Egm2008 => LazyEgm2008.Value;

    /// <summary>JGM-3 (NASA GSFC and UT/CSR; Tapley et al. 1996), to degree and order 70.</summary>
    public static GravityField Jgm3 => LazyJgm3.Value;

    /// <summary>A bundled field by name (<c>EGM2008</c> or <c>JGM3</c>/<c>JGM-3</c>, any case), or null.</summary>
    public static GravityField? ByName(string name) => name?.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant() switch
    {
        "EGM2008" => Egm2008,
        "JGM3" => Jgm3,
        _ => null,
    };

    private static GravityField Load(string fileName)
    {
        var assembly = typeof(BundledGravityFields).Assembly;
        string resource = $"Steppe.Dynamics.Forces.Gravity.Data.{fileName}.gz";
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded gravity field {resource} is missing from the build.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return IcgemReader.Read(gzip, fileName);
    }
}
