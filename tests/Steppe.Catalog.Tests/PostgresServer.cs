using System.Diagnostics;

namespace Steppe.Catalog.Tests;

/// <summary>
/// The PostgreSQL server of the tests: the one named by STEPPE_TEST_POSTGRES (run-tests.sh starts one), or else one
/// started here with scripts/postgres-for-tests.sh and stopped when the test process exits. Never skipped: when no
/// server can be had the PostgreSQL tests fail with the reason.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "STEPPE_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString => Server.Value;

    private static string Start()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var script = FindScript() ?? throw new InvalidOperationException(
            $"{EnvironmentVariable} is not set and scripts/postgres-for-tests.sh was not found above {AppContext.BaseDirectory}");
        var folder = Path.Combine(Path.GetTempPath(), "steppe-pg-" + Guid.NewGuid().ToString("N"));
        var (code, output, error) = RunScript(script, "start", folder);
        if (code != 0)
        {
            throw new InvalidOperationException($"could not start PostgreSQL for the tests ({EnvironmentVariable} not set): {error.Trim()}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunScript(script, "stop", folder);
        return output.Trim().Split('\n')[^1].Trim();
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "postgres-for-tests.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static (int Code, string Output, string Error) RunScript(string script, string action, string folder)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(action);
        info.ArgumentList.Add(folder);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
