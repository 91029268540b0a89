using Steppe.Formats;

namespace Steppe.Catalog.Import;

/// <summary>Reads element-set text in any format Steppe knows, detected from its content.</summary>
internal static class ElementText
{
    public static ElementSetReadResult Read(string text, ElementSetReadOptions options) => Steppe.Formats.Tle.TleReader.Read(text, options);
}
