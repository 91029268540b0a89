using System.Text.Json;
using System.Text.Json.Serialization;
using Steppe.Core.Bodies;

namespace Steppe.Planning.Transfers;

/// <summary>One transfer as the web page and JSON output carry it (units in the names).</summary>
/// <param name="Type">"I" or "II".</param>
/// <param name="DepartureUtc">Departure, ISO 8601 UTC.</param>
/// <param name="ArrivalUtc">Arrival, ISO 8601 UTC.</param>
/// <param name="TimeOfFlightDays">Time of flight, days.</param>
/// <param name="C3Km2PerS2">Departure C3, km²/s².</param>
/// <param name="DepartureVInfinityKmPerS">Departure v∞, km/s.</param>
/// <param name="ArrivalVInfinityKmPerS">Arrival v∞, km/s.</param>
/// <param name="DlaDeg">Declination of the departure asymptote, degrees.</param>
/// <param name="RlaDeg">Right ascension of the departure asymptote, degrees.</param>
/// <param name="TransferAngleDeg">Heliocentric transfer angle, degrees.</param>
public sealed record TransferDto(
    string Type,
    string DepartureUtc,
    string ArrivalUtc,
    double TimeOfFlightDays,
    double C3Km2PerS2,
    double DepartureVInfinityKmPerS,
    double ArrivalVInfinityKmPerS,
    double DlaDeg,
    double RlaDeg,
    double TransferAngleDeg)
{
    /// <summary>The DTO of a transfer.</summary>
    public static TransferDto From(TransferSolution s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new TransferDto(
            s.Type == TransferType.TypeI ? "I" : "II",
            s.Departure.ToIsoString(0),
            s.Arrival.ToIsoString(0),
            Math.Round(s.TimeOfFlight.TotalDays, 4),
            Math.Round(s.DepartureC3Km2PerS2, 4),
            Math.Round(s.DepartureVInfinityKmPerS, 4),
            Math.Round(s.ArrivalVInfinityKmPerS, 4),
            Math.Round(s.DepartureAsymptoteDeclination.Degrees, 3),
            Math.Round(s.DepartureAsymptoteRightAscension.Degrees, 3),
            Math.Round(s.TransferAngle.Degrees, 3));
    }
}

/// <summary>
/// A porkchop grid for the web page and <c>--format json</c>: axes as ISO 8601 UTC strings or days, and one
/// [row][column] array per quantity with null where a cell has no transfer. Values are rounded to 4 decimals
/// (1e-4 km²/s², 1e-4 km/s, 1e-3°).
/// </summary>
/// <param name="Origin">Departure body ("earth" is the Earth's centre, "earth-moon-barycenter" the barycentre).</param>
/// <param name="Destination">Arrival body.</param>
/// <param name="Axis">"timeOfFlight" or "arrivalDate".</param>
/// <param name="DeparturesUtc">Departure dates (columns).</param>
/// <param name="TimesOfFlightDays">Times of flight (rows) when the axis is the time of flight, else empty.</param>
/// <param name="ArrivalsUtc">Arrival dates (rows) when the axis is the arrival date, else empty.</param>
/// <param name="C3Km2PerS2">Departure C3 per [row][column].</param>
/// <param name="ArrivalVInfinityKmPerS">Arrival v∞ per [row][column].</param>
/// <param name="DlaDeg">Declination of the departure asymptote per [row][column].</param>
/// <param name="TransferType">1 (Type I) or 2 (Type II) per [row][column].</param>
/// <param name="BestTypeI">Minimum-C3 Type I transfer of the grid.</param>
/// <param name="BestTypeII">Minimum-C3 Type II transfer of the grid.</param>
/// <param name="Ephemeris">The planetary ephemeris used ("JPL DE405", or "analytic series (fallback)").</param>
public sealed record PorkchopGridDto(
    string Origin,
    string Destination,
    string Axis,
    IReadOnlyList<string> DeparturesUtc,
    IReadOnlyList<double> TimesOfFlightDays,
    IReadOnlyList<string> ArrivalsUtc,
    double?[][] C3Km2PerS2,
    double?[][] ArrivalVInfinityKmPerS,
    double?[][] DlaDeg,
    int?[][] TransferType,
    TransferDto? BestTypeI,
    TransferDto? BestTypeII,
    string? Ephemeris = null)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    /// <summary>The DTO of a grid.</summary>
    public static PorkchopGridDto From(PorkchopGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        double?[][] Quantity(PorkchopQuantity q, int digits)
        {
            var rows = new double?[grid.RowCount][];
            for (int j = 0; j < grid.RowCount; j++)
            {
                rows[j] = new double?[grid.ColumnCount];
                for (int i = 0; i < grid.ColumnCount; i++)
                {
                    rows[j][i] = grid.Value(q, i, j) is double v ? Math.Round(v, digits) : null;
                }
            }

            return rows;
        }

        var type = new int?[grid.RowCount][];
        for (int j = 0; j < grid.RowCount; j++)
        {
            type[j] = new int?[grid.ColumnCount];
            for (int i = 0; i < grid.ColumnCount; i++)
            {
                type[j][i] = grid.Value(PorkchopQuantity.TransferType, i, j) is double t ? (int)t : null;
            }
        }

        return new PorkchopGridDto(
            grid.Ephemeris.BodyName(grid.Origin),
            grid.Ephemeris.BodyName(grid.Destination),
            grid.Axis == PorkchopAxis.TimeOfFlight ? "timeOfFlight" : "arrivalDate",
            grid.Departures.Select(d => d.ToIsoString(0)).ToArray(),
            grid.TimesOfFlight.Select(t => Math.Round(t.TotalDays, 6)).ToArray(),
            grid.Arrivals.Select(a => a.ToIsoString(0)).ToArray(),
            Quantity(PorkchopQuantity.DepartureC3, 4),
            Quantity(PorkchopQuantity.ArrivalVInfinity, 4),
            Quantity(PorkchopQuantity.DepartureAsymptoteDeclination, 3),
            type,
            grid.BestTypeI is { } a ? TransferDto.From(a) : null,
            grid.BestTypeII is { } b ? TransferDto.From(b) : null,
            grid.Ephemeris.Ephemeris.Name);
    }

    /// <summary>Serializes to compact JSON with camel-case names.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads a grid DTO back from JSON.</summary>
    /// <exception cref="JsonException">The text is not a porkchop grid.</exception>
    public static PorkchopGridDto FromJson(string json) =>
        JsonSerializer.Deserialize<PorkchopGridDto>(json, Options) ?? throw new JsonException("The JSON holds no porkchop grid.");

    /// <summary>The lower-case name of a planet argument ("earth" for <see cref="Planet.EarthMoonBarycenter"/>, whichever point
    /// <see cref="TransferEphemeris.Earth"/> makes it; <see cref="TransferEphemeris.BodyName"/> names the body used).</summary>
    public static string PlanetName(Planet planet) => planet == Planet.EarthMoonBarycenter ? "earth" : planet.ToString().ToLowerInvariant();
}
