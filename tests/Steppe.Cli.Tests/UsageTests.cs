namespace Steppe.Cli.Tests;

public class UsageTests
{
    [Fact]
    public void UnknownVerb_IsAUsageError_WithExitCode2()
    {
        var (code, _, error) = CliRunner.Run("no-such-verb");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("no-such-verb", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Help_ExitsZero()
    {
        var (code, output, _) = CliRunner.Run("--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Steppe", output);
    }
}
