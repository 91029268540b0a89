using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Steppe.Cli.Tests;

/// <summary>Runs the real <c>steppe</c> program (the steppe.dll built beside the tests) as a child process.</summary>
internal static class SteppeProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "steppe.dll");

    public static ProcessStartInfo StartInfo(IDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        return info;
    }

    public static (int ExitCode, string Out, string Error) Run(IDictionary<string, string>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("steppe did not finish within 5 minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}

/// <summary>Every row of every table of a catalog, as text, in a fixed order: to compare two states row for row.</summary>
internal static class CatalogDump
{
    /// <summary>The rows of a SQLite catalog file.</summary>
    public static IReadOnlyList<string> Sqlite(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", table => $"\"{table}\"");
    }

    /// <summary>The rows of the catalog in schema <paramref name="schema"/> of a PostgreSQL database.</summary>
    public static IReadOnlyList<string> Postgres(string connectionString, string schema)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return Rows(connection, $"SELECT table_name FROM information_schema.tables WHERE table_schema = '{schema}' ORDER BY table_name", table => $"{schema}.{table}");
    }

    private static List<string> Rows(DbConnection connection, string listTables, Func<string, string> qualified)
    {
        var tables = new List<string>();
        using (var c = connection.CreateCommand())
        {
            c.CommandText = listTables;
            using var r = c.ExecuteReader();
            while (r.Read())
            {
                tables.Add(r.GetString(0));
            }
        }

        var rows = new List<string>();
        foreach (var table in tables)
        {
            using var c = connection.CreateCommand();
            c.CommandText = $"SELECT * FROM {qualified(table)}";
            using var r = c.ExecuteReader();
            var these = new List<string>();
            while (r.Read())
            {
                var cells = new object[r.FieldCount];
                r.GetValues(cells);
                these.Add(table + "|" + string.Join("|", cells.Select(v => v is double d ? d.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(v, CultureInfo.InvariantCulture))));
            }

            these.Sort(StringComparer.Ordinal);
            rows.AddRange(these);
        }

        return rows;
    }
}
