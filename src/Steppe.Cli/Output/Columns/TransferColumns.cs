using Steppe.Planning.Transfers;

namespace Steppe.Cli.Output;

/// <summary>The columns of an interplanetary transfer (one Lambert solution), shared by <c>steppe porkchop</c> and
/// <c>steppe mars-windows</c>.</summary>
internal static class TransferColumns
{
    /// <summary>The columns, in table order.</summary>
    public static IReadOnlyList<Column> Columns { get; } =
    [
        new("type", "type"),
        new("departure_utc", "departure (UTC)"),
        new("arrival_utc", "arrival (UTC)"),
        new("tof_days", "flight (d)", "0.0"),
        new("c3_km2_s2", "C3 (km²/s²)", "0.000"),
        new("vinf_departure_km_s", "v∞ dep (km/s)", "0.000"),
        new("vinf_arrival_km_s", "v∞ arr (km/s)", "0.000"),
        new("dla_deg", "DLA (°)", "0.0"),
        new("rla_deg", "RLA (°)", "0.0"),
        new("transfer_angle_deg", "transfer angle (°)", "0.0"),
    ];

    /// <summary>The cells of one transfer, in the order of <see cref="Columns"/>.</summary>
    public static object?[] Cells(TransferSolution s) =>
    [
        s.Type == TransferType.TypeI ? "I" : "II",
        s.Departure,
        s.Arrival,
        s.TimeOfFlight.TotalDays,
        s.DepartureC3Km2PerS2,
        s.DepartureVInfinityKmPerS,
        s.ArrivalVInfinityKmPerS,
        s.DepartureAsymptoteDeclination.Degrees,
        s.DepartureAsymptoteRightAscension.Degrees,
        s.TransferAngle.Degrees,
    ];
}
