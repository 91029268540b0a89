using Steppe.Formats;

namespace Steppe.Catalog.Import;

/// <summary>Reads element-set text in any format Steppe knows (TLE/3LE/2LE, CCSDS OMM in JSON, XML, KVN or CSV), detected from its content.</summary>
internal static class ElementText
{
    public static ElementSetReadResult Read(string text, ElementSetReadOptions options) => ElementSetReader.Read(text, options);
}
