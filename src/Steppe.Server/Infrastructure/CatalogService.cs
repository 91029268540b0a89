using System.Collections.Concurrent;
using Steppe.Catalog;
using Steppe.Catalog.Import;
using Steppe.Catalog.Model;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;

namespace Steppe.Server.Infrastructure;

/// <summary>The latest element set of an object and its propagator (null when SGP4 cannot be initialised).</summary>
/// <param name="Stored">The stored element set.</param>
/// <param name="Propagator">SGP4 for it, or null.</param>
/// <param name="Error">Why SGP4 could not be initialised, or null.</param>
internal sealed record LatestElements(StoredElementSet Stored, Sgp4Propagator? Propagator, Sgp4ErrorCode? Error);

/// <summary>
/// The catalog as the server uses it: a small pool of <see cref="CatalogStore"/> connections (a store is not
/// thread-safe; SQLite in WAL mode and PostgreSQL both serve concurrent readers), the first-run load of the bundled
/// snapshot into the default catalog (as the CLI does), and caches of the latest elements, their propagators and the
/// sites, emptied by every write.
/// </summary>
internal sealed partial class CatalogService : IDisposable
{
    private readonly CatalogLocation _location;
    private readonly ConcurrentBag<CatalogStore> _idle = [];
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<int, LatestElements?> _latest = new();
    private readonly ILogger<CatalogService> _logger;
    private readonly Lock _initGate = new();
    private volatile IReadOnlyList<Site>? _sites;
    private volatile IReadOnlyList<MeanElements>? _inOrbit;
    private bool _initialised;

    public CatalogService(CatalogLocation location, ILogger<CatalogService> logger, int maxConnections = 8)
    {
        _location = location;
        _logger = logger;
        _slots = new SemaphoreSlim(maxConnections, maxConnections);
    }

    /// <summary>Where the catalog lives.</summary>
    public CatalogLocation Location => _location;

    /// <summary>Opens the catalog once (creating the schema, loading the bundled snapshot into a default catalog on first use).</summary>
    public void Initialise()
    {
        lock (_initGate)
        {
            if (_initialised)
            {
                return;
            }

            var store = CatalogStore.Open(_location);
            try
            {
                if (_location.IsDefault && BundledSnapshot.Newest() is { } snapshot)
                {
                    using var http = new HttpClient();
                    try
                    {
                        var report = new CatalogImporter(store, http).EnsureBundled(snapshot);
                        if (report is not null)
                        {
                            LogBundled(_logger, report.Summary.ElementSetsAdded, Path.GetFileName(snapshot), _location.Display);
                        }
                    }
                    catch (CatalogException e) when (e.Kind == CatalogErrorKind.BadInput)
                    {
                        LogBundledFailed(_logger, e.Message);
                    }
                }
            }
            catch
            {
                store.Dispose();
                throw;
            }

            _idle.Add(store);
            _initialised = true;
            LogOpened(_logger, _location.Display, store.SchemaVersion);
        }
    }

    /// <summary>Runs <paramref name="work"/> with a store of the pool.</summary>
    public T Use<T>(Func<CatalogStore, T> work)
    {
        Initialise();
        _slots.Wait();
        CatalogStore? store = null;
        try
        {
            store = _idle.TryTake(out var s) ? s : CatalogStore.Open(_location);
            T result;
            try
            {
                result = work(store);
            }
            catch (CatalogException e) when (e.Kind is CatalogErrorKind.UnknownObject or CatalogErrorKind.BadInput or CatalogErrorKind.TooSoon)
            {
                // An answer about the request, not a broken connection: the store goes back to the pool.
                _idle.Add(store);
                store = null;
                throw;
            }

            _idle.Add(store);
            store = null;
            return result;
        }
        finally
        {
            store?.Dispose(); // a store whose work failed is not reused
            _slots.Release();
        }
    }

    /// <summary>Runs a write and empties the caches.</summary>
    public T Write<T>(Func<CatalogStore, T> work)
    {
        try
        {
            return Use(work);
        }
        finally
        {
            _latest.Clear();
            _sites = null;
            _inOrbit = null;
        }
    }

    /// <summary>Every site, ground station and place (cached).</summary>
    public IReadOnlyList<Site> Sites() => _sites ??= Use(s => s.Sites());

    /// <summary>The latest elements of every object in orbit (cached; the input of screening).</summary>
    public IReadOnlyList<MeanElements> InOrbitElements() =>
        _inOrbit ??= Use(s => s.LatestElementSets(inOrbitOnly: true).Select(e => e.Elements).ToList());

    /// <summary>The latest elements of <paramref name="catalogNumber"/> with their propagator.</summary>
    /// <exception cref="ApiNotFoundException">The object is not in the catalog, or has no element set.</exception>
    public LatestElements Latest(int catalogNumber)
    {
        var latest = _latest.GetOrAdd(catalogNumber, n => Use(store => store.LatestElements(n)) is { } stored
            ? Sgp4Propagator.TryCreate(stored.Elements, out var p, out var error) ? new LatestElements(stored, p, null) : new LatestElements(stored, null, error)
            : null);
        return latest ?? throw new ApiNotFoundException(Use(s => s.FindObject(catalogNumber)) is null
            ? $"no object with catalog number {catalogNumber} in the catalog"
            : $"object {catalogNumber} has no element set in the catalog");
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var s))
        {
            s.Dispose();
        }

        _slots.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} element sets of the bundled catalog {Snapshot} into {Catalog}")]
    private static partial void LogBundled(ILogger logger, int count, string snapshot, string catalog);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bundled catalog could not be loaded: {Reason}; the catalog goes on without it")]
    private static partial void LogBundledFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog {Catalog} open (schema version {SchemaVersion})")]
    private static partial void LogOpened(ILogger logger, string catalog, int schemaVersion);
}
