namespace Steppe.Cli.Tests;

/// <summary><c>steppe serve</c> refuses bad options in one line before it starts anything (the server itself is tested in
/// Steppe.Server.Tests and, as a real process, in Steppe.Browser.Tests).</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void Unknown_log_format_is_a_usage_error()
    {
        var (code, _, error) = CliRunner.Run("serve", "--log-format", "xml");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--log-format", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_database_url_is_a_usage_error_naming_db()
    {
        var (code, _, error) = CliRunner.Run("serve", "--db", "postgres://");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("steppe: --db:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_names_the_default_address_and_the_api_key_option()
    {
        var (code, output, _) = CliRunner.Run("serve", "--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("http://127.0.0.1:5080", output, StringComparison.Ordinal);
        Assert.Contains("--api-key", output, StringComparison.Ordinal);
    }
}
