using System.CommandLine;
using Steppe.Cli.Commands;
using Steppe.Core.Geodesy;

namespace Steppe.Cli;

/// <summary>The <c>--station LAT,LON[,HEIGHT_M]</c> option of <c>steppe look</c>.</summary>
internal static class StationOption
{
    public static Option<string> Create(bool required) => new("--station")
    {
        Description = "The station as LAT,LON[,HEIGHT_M] (degrees north, degrees east, metres above the ellipsoid).",
        Required = required,
    };

    /// <summary>The station's display name and location.</summary>
    public static (string Name, GeodeticPoint Location) Parse(string text) => (text, AccessCommand.ParsePoint(text, "--station"));
}
