using System.CommandLine;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;
using Steppe.Plots;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe propagate --opm F --plot FILE.png|.svg</c>: the osculating elements and altitude of the run, drawn beside the table.</summary>
internal static class PrecisePlotOutput
{
    /// <summary>The <c>--plot</c> option, refusing a name that is neither .png nor .svg before any work.</summary>
    public static Option<FileInfo?> Option()
    {
        var option = new Option<FileInfo?>("--plot") { Description = "With --opm: also draw the osculating elements and altitude over time to a .png or .svg file." };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<FileInfo?>() is { } file && !IsPlotExtension(file.Extension))
            {
                r.AddError($"--plot: expected a .png or .svg file name, found {file.Name}");
            }
        });
        return option;
    }

    /// <summary>Draws the elements of <paramref name="trajectory"/> to <paramref name="file"/> (nothing when it is null).</summary>
    public static void Write(FileInfo? file, NumericalTrajectory trajectory, PreciseInitialConditions conditions, ForceModel model, CliContext context)
    {
        if (file is null)
        {
            return;
        }

        var samples = OrbitElementSeries.Sample(trajectory, context.Tables.EarthOrientation, model.Options.CentralGravitationalParameterKm3PerS2);
        var maneuvers = OrbitElementSeries.ManeuverTimes(trajectory, conditions);
        try
        {
            if (string.Equals(file.Extension, ".svg", StringComparison.OrdinalIgnoreCase))
            {
                OrbitElementsPlot.SaveSvg(samples, maneuvers, file.FullName);
            }
            else
            {
                OrbitElementsPlot.SavePng(samples, maneuvers, file.FullName);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"--plot: {file.Name}: {e.Message}");
        }

        context.Error.WriteLine($"steppe: plot written to {file.Name}");
    }

    private static bool IsPlotExtension(string extension) =>
        string.Equals(extension, ".png", StringComparison.OrdinalIgnoreCase) || string.Equals(extension, ".svg", StringComparison.OrdinalIgnoreCase);
}
