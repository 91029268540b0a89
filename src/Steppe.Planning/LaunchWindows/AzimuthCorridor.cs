using Steppe.Core.Units;

namespace Steppe.Planning.LaunchWindows;

/// <summary>
/// A sector of permitted flight azimuths at a launch site (Earth-relative azimuth at lift-off, degrees clockwise from
/// north): the directions whose spent stages fall in agreed drop zones and whose ground track the range allows. The
/// sector runs clockwise from <see cref="From"/> to <see cref="To"/> and may wrap through north (e.g. 340° to 10°).
/// </summary>
/// <param name="Name">What the corridor is called, e.g. "51.6° route (ISS)".</param>
/// <param name="From">First permitted azimuth (clockwise from north).</param>
/// <param name="To">Last permitted azimuth (clockwise from north).</param>
/// <param name="Source">Where the corridor comes from (publication, agreement, or the route it was derived from).</param>
public sealed record AzimuthCorridor(string Name, Angle From, Angle To, string Source)
{
    /// <summary>Whether <paramref name="azimuth"/> lies in the sector (edges included).</summary>
    public bool Contains(Angle azimuth)
    {
        const double Epsilon = 1e-9;
        double width = (To - From).NormalizedPositive().Degrees;
        double offset = (azimuth - From).NormalizedPositive().Degrees;
        return offset <= width + Epsilon || offset >= 360.0 - Epsilon;
    }

    /// <summary>The sector as text, e.g. <c>61.2°–63.2°</c>.</summary>
    public string Range => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{From.NormalizedPositive().Degrees:0.0}°–{To.NormalizedPositive().Degrees:0.0}°");
}
