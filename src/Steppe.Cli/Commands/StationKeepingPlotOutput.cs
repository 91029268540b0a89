using Steppe.Planning.StationKeeping;
using Steppe.Plots;

namespace Steppe.Cli.Commands;

/// <summary>Writes <c>steppe stationkeep --plot</c>: PNG or SVG by the file's extension.</summary>
internal static class StationKeepingPlotOutput
{
    /// <summary>Refuses a file that is neither .png nor .svg (before any work is done).</summary>
    public static void Check(FileInfo file)
    {
        if (file.Extension.ToLowerInvariant() is not ".png" and not ".svg")
        {
            throw new CliException(ExitCodes.Usage, $"--plot: expected a .png or .svg file, found '{file.Name}'");
        }
    }

    public static void Save(StationKeepingPlan plan, string title, FileInfo file)
    {
        Check(file);
        string extension = file.Extension.ToLowerInvariant();

        try
        {
            if (extension == ".png")
            {
                File.WriteAllBytes(file.FullName, StationKeepingPlot.RenderPng(plan, title));
            }
            else
            {
                File.WriteAllText(file.FullName, StationKeepingPlot.RenderSvg(plan, title));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"--plot {file.Name}: {e.Message}");
        }
    }
}
