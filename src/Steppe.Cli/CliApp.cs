using System.CommandLine;

namespace Steppe.Cli;

/// <summary>Builds the command tree and runs it; exit codes are those of <see cref="ExitCodes"/>.</summary>
public static class CliApp
{
    /// <summary>Runs the command line with the given output writers.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Steppe: mission planning and space operations for Kazakhstan's space programme.");
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                stderr.WriteLine($"steppe: {e.Message}");
            }

            return ExitCodes.Usage;
        }

        return parse.Invoke(config);
    }
}

/// <summary>The process exit codes of <c>steppe</c>.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>An input file or value was malformed.</summary>
    public const int BadInput = 3;

    /// <summary>A propagation failed (decay, model error).</summary>
    public const int PropagationFailure = 4;
}
