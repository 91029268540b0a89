using System.Globalization;
using Steppe.Catalog;
using Steppe.Catalog.ReferenceData;
using Steppe.Planning;

namespace Steppe.Server.Infrastructure;

/// <summary>
/// The server's data sets (<see cref="ReferenceDataStore"/> in the data folder, on top of the bundled snapshots) and the
/// tables built from them (Earth orientation on the leap seconds in use, as one <see cref="ReferenceTables"/>). <see cref="Tables"/> is swapped atomically after a refresh installs newer data; requests read it
/// once and use that pair throughout.
/// </summary>
internal sealed class ReferenceDataService
{
    private readonly CatalogService _catalog;
    private ReferenceTables? _tables;

    public ReferenceDataService(ReferenceDataStore store, CatalogService catalog, bool refreshing)
    {
        Store = store;
        _catalog = catalog;
        Refreshing = refreshing;
    }

    /// <summary>The store.</summary>
    public ReferenceDataStore Store { get; }

    /// <summary>Whether the background refresh runs.</summary>
    public bool Refreshing { get; }

    /// <summary>The tables in use (loaded on first use); every request that needs them is handed these (see SteppeServer).</summary>
    public ReferenceTables Tables => Volatile.Read(ref _tables) ?? Reload();

    /// <summary>Builds the tables from the data in use and makes them the ones requests get.</summary>
    public ReferenceTables Reload()
    {
        var leap = Store.LeapSeconds();
        var tables = new ReferenceTables(Store.EarthOrientation(leap)).WithSpaceWeather(Store.SpaceWeather);
        Volatile.Write(ref _tables, tables);
        return tables;
    }

    /// <summary>The state of every data set and of the catalog's element-set sources (left out when the catalog fails).</summary>
    public IReadOnlyList<DataSetStatus> Status()
    {
        var all = Store.Status().ToList();
        try
        {
            all.AddRange(_catalog.Use(ElementSourceData.Status));
        }
        catch (CatalogException)
        {
            // The catalog's own health check reports it.
        }

        return all;
    }

    /// <summary>Warnings about data that is stale or expired (a data set never fetched and not bundled is not in use and not warned about, except Earth orientation and leap seconds).</summary>
    public static IReadOnlyList<string> Warnings(IEnumerable<DataSetStatus> status) =>
        status.Where(s => s.State is DataSetState.Stale or DataSetState.Expired || (s.State == DataSetState.Missing && s.Name is StandardDataSets.EarthOrientation or StandardDataSets.LeapSeconds))
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} is {s.State.ToString().ToLowerInvariant()}: {s.Reason}"))
            .ToList();
}
