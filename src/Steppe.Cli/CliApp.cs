using System.CommandLine;
using Spectre.Console;
using Steppe.Catalog;
using Steppe.Catalog.ReferenceData;
using Steppe.Cli.Commands;
using Steppe.Core.Time;
using Steppe.Formats;
using Steppe.Planning;

namespace Steppe.Cli;

/// <summary>Builds the command tree and runs it; exit codes are those of <see cref="ExitCodes"/>.</summary>
public static class CliApp
{
    /// <summary>Runs the command line with the given output writers and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, TimeProvider.System);

    /// <summary>The tables of the data in use: the user's data folder (<c>steppe data update</c>) over the bundled snapshots.</summary>
    private static ReferenceTables LoadTables(TimeProvider time)
    {
        var store = new ReferenceDataStore(ReferenceDataStore.DefaultFolder(), StandardDataSets.All, time);
        var leapSeconds = store.LeapSeconds();
        return new ReferenceTables(store.EarthOrientation(leapSeconds)).WithSpaceWeather(store.SpaceWeather);
    }

    /// <summary>Runs the command line with the given output writers and clock ("now"), and returns the exit code. The
    /// Earth orientation and leap-second tables are created here, once, and handed down through the context.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var context = new CliContext(stdout, stderr) { TablesSource = () => LoadTables(time), Time = time };
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                stderr.WriteLine($"steppe: {e.Message}");
            }

            stderr.WriteLine("Try 'steppe --help' for the verbs and their options.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            stderr.WriteLine($"steppe: {e.Message}");
            return e.ExitCode;
        }
        catch (CatalogException e)
        {
            stderr.WriteLine($"steppe: {FirstLine(e.Message)}");
            return e.Kind is CatalogErrorKind.BadInput or CatalogErrorKind.UnknownObject or CatalogErrorKind.TooSoon ? ExitCodes.BadInput : ExitCodes.CatalogUnavailable;
        }
        catch (ElementSetFormatException e)
        {
            foreach (var d in e.Diagnostics.Take(20))
            {
                stderr.WriteLine(d.ToString());
            }

            if (e.Diagnostics.Count > 20)
            {
                stderr.WriteLine($"steppe: {e.Diagnostics.Count - 20} more errors not shown");
            }

            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            stderr.WriteLine($"steppe: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"steppe: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (ArgumentException e)
        {
            // A value the science core refused (out of range): a usage problem, stated in one line.
            stderr.WriteLine($"steppe: {FirstLine(e.Message)}");
            return ExitCodes.Usage;
        }
    }

    private static string FirstLine(string message)
    {
        int nl = message.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? message : message[..nl].TrimEnd('\r');
    }

    /// <summary>The root command with every verb.</summary>
    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Steppe: mission planning and space operations for Kazakhstan's space programme. " +
            "Exit codes: 0 ok, 2 usage error, 3 bad input data, 4 propagation failure, 5 catalog unavailable, 6 cluster unavailable, 130 interrupted.");
        root.Subcommands.Add(PropagateCommand.Create(context));
        root.Subcommands.Add(PropagateManyCommand.Create(context));
        root.Subcommands.Add(MonteCarloCommand.Create(context));
        root.Subcommands.Add(OrbitDeterminationCommand.Create(context));
        root.Subcommands.Add(FitElementsCommand.Create(context));
        root.Subcommands.Add(LaunchWindowCommand.Create(context));
        root.Subcommands.Add(RendezvousCommand.Create(context));
        root.Subcommands.Add(PorkchopCommand.Create(context));
        root.Subcommands.Add(MarsWindowsCommand.Create(context));
        root.Subcommands.Add(CatalogCommand.Build(context));
        root.Subcommands.Add(SitesCommand.BuildSites(context));
        root.Subcommands.Add(SitesCommand.BuildStations(context));
        root.Subcommands.Add(HistoryCommand.Build(context));
        root.Subcommands.Add(TrackCommand.Create(context));
        root.Subcommands.Add(AccessCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(LookCommand.Create(context));
        root.Subcommands.Add(PassesCommand.Create(context));
        root.Subcommands.Add(VisibleCommand.Create(context));
        root.Subcommands.Add(EclipsesCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(ScreenCommand.Create(context));
        root.Subcommands.Add(MaintainCommand.Create(context));
        root.Subcommands.Add(StationKeepCommand.Create(context));
        root.Subcommands.Add(AvoidCommand.Create(context));
        root.Subcommands.Add(ClusterCommand.Build(context));
        root.Subcommands.Add(DataCommand.Build(context));
        root.Subcommands.Add(FleetCommand.Create(context));
        root.Subcommands.Add(LifetimeCommand.Create(context));
        return root;
    }
}

/// <summary>The process exit codes of <c>steppe</c>.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary>An input file or value was malformed or missing.</summary>
    public const int BadInput = 3;

    /// <summary>A propagation failed (decay, model error).</summary>
    public const int PropagationFailure = 4;

    /// <summary>The catalog database could not be used: locked by another process, unreachable, or at a newer schema version.</summary>
    public const int CatalogUnavailable = 5;

    /// <summary>The cluster could not be used: no gateway answered, its membership database is unreachable, no silo is
    /// left, or a silo could not start.</summary>
    public const int ClusterUnavailable = 6;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}

/// <summary>A failure to report as one line with an exit code.</summary>
/// <param name="exitCode">One of <see cref="ExitCodes"/>.</param>
/// <param name="message">The line to print after <c>steppe: </c>.</param>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    /// <summary>The exit code.</summary>
    public int ExitCode { get; } = exitCode;
}

/// <summary>Where a command writes: plain text (CSV, JSON) and a Spectre console for tables and progress.</summary>
public sealed class CliContext
{
    /// <summary>Creates a context over the two writers.</summary>
    public CliContext(TextWriter stdout, TextWriter stderr)
    {
        Out = stdout;
        Error = stderr;
        bool interactive = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            Console.Profile.Width = 200;
        }

        ErrorConsole = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stderr),
            Ansi = ReferenceEquals(stderr, System.Console.Error) && !System.Console.IsErrorRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            Interactive = ReferenceEquals(stderr, System.Console.Error) && !System.Console.IsErrorRedirected ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>A Spectre console on standard output (tables).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>A Spectre console on standard error (progress bars, so that data on standard output stays clean).</summary>
    public IAnsiConsole ErrorConsole { get; }

    private Lazy<ReferenceTables> _tables = new(ReferenceTables.Bundled);

    /// <summary>Earth orientation and leap seconds, created once per run (on first use) and handed to every computation
    /// (default: the tables shipped with Steppe).</summary>
    public ReferenceTables Tables
    {
        get => _tables.Value;
        init => _tables = new(value);
    }

    /// <summary>Where <see cref="Tables"/> come from, read on first use (the run's data store).</summary>
    public Func<ReferenceTables> TablesSource
    {
        init => _tables = new(value);
    }

    /// <summary>The clock for "now" (default: the system clock).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    private readonly HashSet<string> _dataWarnings = [];

    /// <summary>
    /// Warns on standard error, once per command for each kind, when results for [<paramref name="from"/>,
    /// <paramref name="to"/>] rest on predicted or extrapolated Earth orientation or on an expired leap-second table
    /// (<see cref="ReferenceTables.Warnings"/>), naming the date and the error it may cause.
    /// </summary>
    public void WarnAboutData(Instant from, Instant to)
    {
        var today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        foreach (var warning in Tables.Warnings(from, to, today))
        {
            int cut = warning.IndexOf(';', StringComparison.Ordinal);
            if (_dataWarnings.Add(cut > 0 ? warning[..cut] : warning))
            {
                Error.WriteLine($"steppe: warning: {warning}");
            }
        }
    }

    /// <summary>The station and launch-site directory for a <c>--db</c> value (null: the option was not given), used to
    /// resolve names in <c>--station</c> and <c>--site</c> (default: <see cref="SiteSources.Open"/>, the catalog's
    /// sites, or the bundled ones without <c>--db</c>).</summary>
    public Func<string?, Steppe.Catalog.Model.SiteDirectory>? SiteSource { get; init; }

    /// <summary>The directory that resolves station and site names for <paramref name="db"/>.</summary>
    internal Steppe.Catalog.Model.SiteDirectory Sites(string? db) => SiteSource?.Invoke(db) ?? SiteSources.Open(db, this);
}
