using Npgsql;
using Steppe.Catalog.Import;

namespace Steppe.Catalog.Tests;

/// <summary>What only a PostgreSQL catalog can show: a table locked by another connection, an unreachable server.</summary>
public sealed class PostgresTests : IDisposable
{
    private readonly PostgresFactory _schemas = new();

    [Fact]
    public void ATableLockedByAnotherConnection_GivesALockedError_AfterTheLockTimeout_AndNothingIsWritten()
    {
        var location = _schemas.NewLocation();
        using var store = CatalogStore.Open(location, new CatalogOpenOptions { BusyTimeout = TimeSpan.FromSeconds(1) });

        using var other = new NpgsqlConnection(location.Target);
        other.Open();
        using var hold = other.BeginTransaction();
        using (var command = other.CreateCommand())
        {
            command.Transaction = hold;
            command.CommandText = "LOCK TABLE sources IN EXCLUSIVE MODE";
            command.ExecuteNonQuery();
        }

        var e = Assert.Throws<CatalogException>(() =>
        {
            using var http = new HttpClient();
            new CatalogImporter(store, http).ImportAsync([TestFiles.Stations], new ImportOptions()).GetAwaiter().GetResult();
        });
        Assert.Equal(CatalogErrorKind.Locked, e.Kind);
        Assert.Contains("is locked by another connection", e.Message);
        hold.Rollback();
        Assert.Null(store.LatestElements(25544));
    }

    [Fact]
    public void AnUnreachableServer_IsAnUnavailableError_InOneLine()
    {
        var location = CatalogLocation.Parse($"Host=127.0.0.1;Port={LoopbackHttpServer.FreePort()};Username=steppe;Database=postgres;Timeout=3");
        var e = Assert.Throws<CatalogException>(() => CatalogStore.Open(location));
        Assert.Equal(CatalogErrorKind.Unavailable, e.Kind);
        Assert.StartsWith("cannot reach PostgreSQL catalog postgresql://127.0.0.1:", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    public void Dispose() => _schemas.Dispose();
}
