namespace Steppe.Cli;

/// <summary>The <c>steppe</c> command.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args) => CliApp.Run(args, Console.Out, Console.Error);
}
