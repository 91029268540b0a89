namespace Steppe.Cli.Tests;

/// <summary>Inputs that must fail fast and clearly: an empty --db, another application's database, endless or binary element files, the API key's sources.</summary>
public sealed class HardeningCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("steppe-cli-hardening-").FullName;

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Empty_db_is_a_usage_error(string value)
    {
        var (code, _, error) = CliRunner.Run("catalog", "stats", "--db", value);
        Assert.Equal(2, code);
        Assert.Contains("--db", error);
        Assert.Contains("empty", error);
    }

    [Fact]
    public void Another_applications_database_exits_5_and_is_left_unchanged()
    {
        var path = Path.Combine(_folder, "places.sqlite");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(path);
        var (code, _, error) = CliRunner.Run("catalog", "stats", "--db", path);
        Assert.Equal(5, code);
        Assert.Contains("not a Steppe catalog", error);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Dev_zero_as_elements_fails_fast_through_the_real_program()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (code, _, error) = SteppeProcess.Run(null, "propagate", "--elements", "/dev/zero", "--norad", "25544", "--from", "2026-08-22T00:00:00Z", "--to", "2026-08-22T01:00:00Z");
        Assert.Equal(3, code);
        Assert.Contains("zero:1:1", error);
        Assert.Contains("binary", error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), watch.Elapsed.ToString());
    }

    [Fact]
    public void Dev_zero_as_an_import_fails_fast()
    {
        var db = Path.Combine(_folder, "catalog.db");
        var (code, _, error) = CliRunner.Run("catalog", "import", "/dev/zero", "--db", db);
        Assert.Equal(3, code);
        Assert.Contains("binary", error);
    }

    [Fact]
    public void Api_key_comes_from_a_file_or_the_environment_and_a_visible_one_is_warned_about()
    {
        var file = Path.Combine(_folder, "key");
        File.WriteAllText(file, "from-file-key\n");
        using var error = new StringWriter();
        Assert.Equal("from-file-key", Commands.ServeCommand.ResolveApiKey(null, file, "from-env", error));
        Assert.Equal("from-env", Commands.ServeCommand.ResolveApiKey(null, null, "from-env", error));
        Assert.Null(Commands.ServeCommand.ResolveApiKey(null, null, null, error));
        Assert.Equal(string.Empty, error.ToString());
        Assert.Equal("visible", Commands.ServeCommand.ResolveApiKey("visible", null, null, error));
        Assert.Contains("process list", error.ToString());
        Assert.DoesNotContain("visible\n", error.ToString());
        Assert.Throws<CliException>(() => Commands.ServeCommand.ResolveApiKey("a", file, null, error));
        File.WriteAllText(file, "\n");
        Assert.Throws<CliException>(() => Commands.ServeCommand.ResolveApiKey(null, file, null, error));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
