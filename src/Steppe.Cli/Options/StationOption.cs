using System.CommandLine;
using Steppe.Catalog.Model;
using Steppe.Catalog.Seed;
using Steppe.Cli.Commands;
using Steppe.Core.Geodesy;

namespace Steppe.Cli;

/// <summary>
/// The <c>--station NAME|LAT,LON[,HEIGHT_M]</c> option, defined once for every verb: coordinates in degrees (latitude
/// north, longitude east) and an optional height above the WGS-84 ellipsoid in metres, or the id or name (or a unique
/// prefix of one) of a ground station, place or launch site. Resolution and range checks are the catalog's
/// <see cref="SiteDirectory"/>, the same the API uses; names come from the catalog named by <c>--db</c>, else from the
/// sites a new catalog is seeded with (<see cref="SiteSources"/>).
/// </summary>
internal static class StationOption
{
    public const string Description =
        "Ground station: LAT,LON[,HEIGHT_M] (degrees north and east, metres above the WGS-84 ellipsoid, -500 to 100000), or the id or name of a station, place or launch site of the catalog (--db; see 'steppe stations').";

    public static Option<string> Create(bool required) => new("--station")
    {
        Description = Description,
        Required = required,
    };

    /// <summary>The station named by <paramref name="text"/>, with names from the catalog <paramref name="db"/> (the
    /// bundled sites when null).</summary>
    public static GroundStation Resolve(string? text, CliContext context, string? db = null) =>
        SiteSources.Resolve("--station", () =>
        {
            var value = text?.Trim() ?? string.Empty;
            return (SiteDirectory.TryParseCoordinates(value) is { } point ? new ResolvedSite(value, point, null) : context.Sites(db).Station(value)).ToGroundStation();
        });
}

/// <summary>Where the CLI looks up station and launch-site names.</summary>
internal static class SiteSources
{
    /// <summary>The sites of the catalog <paramref name="db"/>, or those a new catalog is seeded with when it is null
    /// (so that naming a station never creates or fills a catalog as a side effect).</summary>
    public static SiteDirectory Open(string? db, CliContext context)
    {
        if (db is null)
        {
            return new SiteDirectory(SeedData.Current.Sites);
        }

        using var store = CatalogAccess.Open(db, context);
        return new SiteDirectory(store.Sites());
    }

    /// <summary>Runs a resolution, turning its failure into a usage error that names the option.</summary>
    public static T Resolve<T>(string option, Func<T> resolve)
    {
        try
        {
            return resolve();
        }
        catch (SiteResolutionException e)
        {
            throw new CliException(ExitCodes.Usage, $"{option}: {e.Message}");
        }
    }
}
