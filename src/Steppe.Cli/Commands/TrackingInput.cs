using Steppe.Catalog.Model;
using Steppe.Core.Geodesy;
using Steppe.Dynamics.Estimation;
using Steppe.Formats.Tdm;
using Steppe.Planning.Determination;
using Steppe.Planning.Precise;

namespace Steppe.Cli.Commands;

/// <summary>Tracking measurements for the verbs that fit to them: CCSDS TDM files, and the stations they name resolved
/// from <c>--station-at NAME=LAT,LON[,HEIGHT_M]</c> or the catalog's sites.</summary>
internal static class TrackingInput
{
    /// <summary>A station by name: a <c>--station-at</c> definition, else the catalog's site of that name, else null.</summary>
    public static Func<string, GroundStation?> Stations(string[] definitions, CliContext context, string? db)
    {
        var given = new Dictionary<string, GroundStation>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in definitions)
        {
            int eq = definition.IndexOf('=', StringComparison.Ordinal);
            var point = eq > 0 ? SiteDirectory.TryParseCoordinates(definition[(eq + 1)..]) : null;
            if (point is null)
            {
                throw new CliException(ExitCodes.Usage, $"--station-at: expected NAME=LAT,LON[,HEIGHT_M], found '{definition}'");
            }

            string name = definition[..eq].Trim();
            given[name] = new GroundStation(name, point.Value);
        }

        SiteDirectory? sites = null;
        return name =>
        {
            if (given.TryGetValue(name, out var station))
            {
                return station;
            }

            sites ??= context.Sites(db);
            try
            {
                return new GroundStation(name, sites.Station(name).Location);
            }
            catch (SiteResolutionException)
            {
                return null;
            }
        };
    }

    /// <summary>The measurements of TDM files (KVN, or XML by the .xml extension); lines of other types are counted on
    /// standard error.</summary>
    public static List<Observation> ReadTdm(IEnumerable<FileInfo> files, Func<string, GroundStation?> stations, TrackingSigmas sigmas, CliContext context)
    {
        var observations = new List<Observation>();
        try
        {
            foreach (var f in files)
            {
                string text = PreciseCommandSupport.ReadText(f);
                var result = f.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? TdmReader.ReadXml(text, f.Name) : TdmReader.ReadKvn(text, f.Name);
                if (result.Message is null)
                {
                    throw new CliException(ExitCodes.BadInput, result.Diagnostics[0].ToString());
                }

                var (fromTdm, skipped) = TrackingData.FromTdm(result.Message, f.Name, stations, sigmas);
                observations.AddRange(fromTdm);
                if (skipped > 0)
                {
                    context.Error.WriteLine($"steppe: {f.Name}: {skipped} data lines of other types (frequencies, weather, …) not used");
                }
            }
        }
        catch (TrackingDataException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message);
        }
        catch (PreciseInputException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message);
        }

        return observations;
    }
}
