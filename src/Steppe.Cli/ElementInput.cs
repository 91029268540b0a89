using System.CommandLine;
using Steppe.Catalog;
using Steppe.Catalog.Model;
using Steppe.Cli.Commands;
using Steppe.Core.Orbits;

namespace Steppe.Cli;

/// <summary>
/// Where a verb's element sets come from: a file (<c>--elements</c>), or else the catalog (<c>--db</c>, or the default
/// catalog), the latest elements of the objects chosen by catalog number or name — of every object in orbit when none
/// is chosen. A decayed object is reported as decayed, never propagated.
/// </summary>
internal sealed class ElementInput
{
    public Option<FileInfo> Elements { get; } = ElementsOption();

    public Option<string?> Db { get; } = CatalogAccess.Db();

    private static Option<FileInfo> ElementsOption()
    {
        var option = CommonOptions.Elements(required: false);
        option.Description = "Element-set file: TLE/3LE/2LE or CCSDS OMM (JSON, XML, KVN, CSV), detected from its content. Without it, the latest elements of the catalog (--db) for the objects chosen with --norad or --name.";
        return option;
    }

    public IReadOnlyList<MeanElements> Load(ParseResult parse, IReadOnlyCollection<int>? norad, bool lenientChecksums, CliContext context) =>
        Load(parse, norad, null, lenientChecksums, context);

    public IReadOnlyList<MeanElements> Load(ParseResult parse, IReadOnlyCollection<int>? norad, IReadOnlyCollection<string>? names, bool lenientChecksums, CliContext context) =>
        parse.GetValue(Elements) is { } file
            ? ElementSource.Load(file, norad, names, lenientChecksums, context)
            : FromCatalog(parse.GetValue(Db), norad, names, context);

    private static IReadOnlyList<MeanElements> FromCatalog(string? db, IReadOnlyCollection<int>? norad, IReadOnlyCollection<string>? names, CliContext context)
    {
        using var store = CatalogAccess.Open(db, context);
        var texts = (names ?? []).Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
        if (norad is not { Count: > 0 } && texts.Count == 0)
        {
            var all = store.LatestElementSets(inOrbitOnly: true).Select(s => s.Elements).ToList();
            return all.Count > 0 ? all : throw new CliException(ExitCodes.BadInput, "the catalog holds no element sets: import some (steppe catalog import) or give --elements");
        }

        var chosen = new SortedDictionary<int, MeanElements>();
        foreach (int n in norad ?? [])
        {
            try
            {
                chosen[n] = Usable(store.GetEntry(n));
            }
            catch (CatalogException e) when (e.Kind == CatalogErrorKind.UnknownObject)
            {
                throw new CliException(ExitCodes.BadInput, $"the catalog: no object with catalog number {n}");
            }
        }

        foreach (var text in texts)
        {
            var found = store.List(new ObjectQuery { NameContains = text, WithElementsOnly = true });
            if (found.Count == 0)
            {
                throw new CliException(ExitCodes.BadInput, $"the catalog: no object with elements named like '{text}'");
            }

            foreach (var entry in found.Where(e => e.Object.DecayDate is null || found.Count == 1))
            {
                chosen[entry.Object.CatalogNumber] = Usable(entry);
            }
        }

        return [.. chosen.Values];
    }

    private static MeanElements Usable(CatalogEntry entry)
    {
        var o = entry.Object;
        if (o.DecayDate is { } decay)
        {
            throw new CliException(ExitCodes.BadInput, $"the catalog: NORAD {o.CatalogNumber} ({o.Name}) decayed on {decay:yyyy-MM-dd}; it has no positions to give");
        }

        return entry.Latest?.Elements ?? throw new CliException(ExitCodes.BadInput, $"the catalog: NORAD {o.CatalogNumber} ({o.Name}) has no element sets");
    }
}
