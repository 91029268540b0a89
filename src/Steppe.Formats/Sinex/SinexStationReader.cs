using System.Globalization;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Formats.Sinex;

/// <summary>
/// A station's estimated ITRF coordinates from a SINEX solution: the position at a reference epoch and the velocity, with
/// the span of data the solution is valid for.
/// </summary>
/// <param name="SiteCode">The site code (for laser stations the CDP pad id, e.g. <c>7090</c>).</param>
/// <param name="PointCode">The point code (usually <c>A</c>).</param>
/// <param name="Solution">The solution number (a station's coordinates change number after an earthquake or a move).</param>
/// <param name="ReferenceEpoch">The epoch of <paramref name="PositionM"/>.</param>
/// <param name="PositionM">The ITRF position at the reference epoch, metres.</param>
/// <param name="VelocityMPerYear">The ITRF velocity, metres per Julian year (365.25 days).</param>
/// <param name="ValidFrom">The start of the solution's data (SOLUTION/EPOCHS; null when open).</param>
/// <param name="ValidTo">The end of the solution's data (null when open, <c>00:000:00000</c>).</param>
public sealed record SinexStation(string SiteCode, string PointCode, int Solution, Instant ReferenceEpoch, Vector3D PositionM, Vector3D VelocityMPerYear, Instant? ValidFrom, Instant? ValidTo)
{
    /// <summary>The number of seconds in a Julian year, the time unit of SINEX velocities.</summary>
    public const double SecondsPerJulianYear = 365.25 * 86400;

    /// <summary>The ITRF position at <paramref name="time"/>, metres: position + velocity · (time − reference epoch).</summary>
    public Vector3D PositionAtM(Instant time) => PositionM + (VelocityMPerYear * (time.SecondsSince(ReferenceEpoch) / SecondsPerJulianYear));

    /// <summary>Whether the solution's data span holds <paramref name="time"/> (an open end holds everything beyond it).</summary>
    public bool Covers(Instant time) => (ValidFrom is not { } from || time >= from) && (ValidTo is not { } to || time <= to);
}

/// <summary>
/// A station's eccentricity (SITE/ECCENTRICITY, UNE): the offset of the instrument's reference point from the marker the
/// coordinates refer to, in the local up, north and east directions, over a span of time.
/// </summary>
/// <param name="SiteCode">The site code.</param>
/// <param name="PointCode">The point code.</param>
/// <param name="Solution">The solution number.</param>
/// <param name="ValidFrom">The start of the span (null when open).</param>
/// <param name="ValidTo">The end of the span (null when open).</param>
/// <param name="UpM">Up, metres.</param>
/// <param name="NorthM">North, metres.</param>
/// <param name="EastM">East, metres.</param>
public sealed record SinexEccentricity(string SiteCode, string PointCode, int Solution, Instant? ValidFrom, Instant? ValidTo, double UpM, double NorthM, double EastM)
{
    /// <summary>Whether the span holds <paramref name="time"/>.</summary>
    public bool Covers(Instant time) => (ValidFrom is not { } from || time >= from) && (ValidTo is not { } to || time <= to);

    /// <summary>
    /// The offset in ITRF axes, metres, at a station of geodetic latitude and longitude <paramref name="location"/> (the
    /// up, north and east of the WGS-84 ellipsoid normal, which the GRS-80 normal matches to 10⁻¹⁰ rad).
    /// </summary>
    public Vector3D ItrfOffsetM(GeodeticPoint location)
    {
        var (sinLat, cosLat) = Math.SinCos(location.Latitude.Radians);
        var (sinLon, cosLon) = Math.SinCos(location.Longitude.Radians);
        var east = new Vector3D(-sinLon, cosLon, 0);
        var north = new Vector3D(-sinLat * cosLon, -sinLat * sinLon, cosLat);
        var up = new Vector3D(cosLat * cosLon, cosLat * sinLon, sinLat);
        return (UpM * up) + (NorthM * north) + (EastM * east);
    }
}

/// <summary>What a SINEX text gave: the station solutions and the eccentricities it holds, with every problem.</summary>
/// <param name="Stations">Station solutions (SOLUTION/ESTIMATE STAX … VELZ joined with SOLUTION/EPOCHS).</param>
/// <param name="Eccentricities">Eccentricities (SITE/ECCENTRICITY, UNE).</param>
/// <param name="Diagnostics">Every problem found.</param>
public sealed record SinexReadResult(IReadOnlyList<SinexStation> Stations, IReadOnlyList<SinexEccentricity> Eccentricities, IReadOnlyList<ParseDiagnostic> Diagnostics)
{
    /// <summary>The solution of <paramref name="siteCode"/> whose data span holds <paramref name="time"/> (the last one
    /// listed when several do, the last of the site when none does); null when the site is absent.</summary>
    public SinexStation? Station(string siteCode, Instant time)
    {
        var all = Stations.Where(s => string.Equals(s.SiteCode, siteCode, StringComparison.Ordinal)).ToList();
        return all.LastOrDefault(s => s.Covers(time)) ?? all.LastOrDefault();
    }

    /// <summary>The eccentricity of <paramref name="siteCode"/> whose span holds <paramref name="time"/>; null when none.</summary>
    public SinexEccentricity? Eccentricity(string siteCode, Instant time) =>
        Eccentricities.LastOrDefault(e => string.Equals(e.SiteCode, siteCode, StringComparison.Ordinal) && e.Covers(time));

    /// <summary>
    /// The ITRF position of the instrument of <paramref name="siteCode"/> at <paramref name="time"/>, metres: the solution's
    /// position carried by its velocity, plus the eccentricity (from <paramref name="eccentricities"/>, or from this
    /// result when null) rotated from up, north, east to ITRF; null when the site has no solution.
    /// </summary>
    public Vector3D? InstrumentPositionM(string siteCode, Instant time, SinexReadResult? eccentricities = null)
    {
        if (Station(siteCode, time) is not { } station)
        {
            return null;
        }

        var marker = station.PositionAtM(time);
        var eccentricity = (eccentricities ?? this).Eccentricity(siteCode, time);
        return eccentricity is null ? marker : marker + eccentricity.ItrfOffsetM(Wgs84.ToGeodetic(marker * 1e-3));
    }
}

/// <summary>
/// Reads station coordinates from SINEX (Solution INdependent EXchange format, versions 1 and 2): the SOLUTION/EPOCHS
/// block (each solution's data span), the SOLUTION/ESTIMATE block's STAX, STAY, STAZ (m) and VELX, VELY, VELZ (m/y) at
/// their reference epochs, and the SITE/ECCENTRICITY block (UNE, metres, in its fixed columns) of an eccentricity file. Epochs are
/// <c>YY:DDD:SSSSS</c> (years 00–50 are 2000–2050, 51–99 are 1951–1999; <c>00:000:00000</c> is open), read as UTC. Other
/// blocks and other parameter types are skipped; a field that is not a number is an error at its line and column.
/// </summary>
public static class SinexStationReader
{
    /// <summary>Reads <paramref name="text"/> (from <paramref name="source"/>, a name for the diagnostics).</summary>
    public static SinexReadResult Read(string text, string source, LeapSecondTable leapSeconds)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(leapSeconds);
        var diagnostics = new List<ParseDiagnostic>();
        var epochs = new Dictionary<(string, string, int), (Instant?, Instant?)>();
        var estimates = new Dictionary<(string Site, string Point, int Solution), (Instant Epoch, double[] Values, bool[] Have)>();
        var order = new List<(string, string, int)>();
        var eccentricities = new List<SinexEccentricity>();
        var lines = text.Split('\n');
        string? block = null;
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].TrimEnd('\r');
            int lineNumber = n + 1;
            if (line.Length == 0 || line[0] == '*' || line[0] == '%')
            {
                continue;
            }

            if (line[0] == '+')
            {
                block = line[1..].Trim();
                continue;
            }

            if (line[0] == '-')
            {
                block = null;
                continue;
            }

            void Error(int column, string message) => diagnostics.Add(new ParseDiagnostic(source, lineNumber, column, message));
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int Column(int field)
            {
                int at = 0;
                for (int i = 0; i <= field && i < f.Length; i++)
                {
                    at = line.IndexOf(f[i], at, StringComparison.Ordinal) + (i < field ? f[i].Length : 0);
                }

                return at + 1;
            }

            switch (block)
            {
                case "SOLUTION/EPOCHS" when f.Length >= 6:
                {
                    if (!int.TryParse(f[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int soln))
                    {
                        Error(Column(2), $"expected a solution number, found '{f[2]}'");
                        break;
                    }

                    var from = Epoch(f[4], leapSeconds);
                    var to = Epoch(f[5], leapSeconds);
                    if (from is null || to is null)
                    {
                        Error(Column(from is null ? 4 : 5), $"expected an epoch YY:DDD:SSSSS, found '{(from is null ? f[4] : f[5])}'");
                        break;
                    }

                    epochs[(f[0], f[1], soln)] = (from.Value.Open ? null : from.Value.Time, to.Value.Open ? null : to.Value.Time);
                    break;
                }

                case "SOLUTION/ESTIMATE" when f.Length >= 9:
                {
                    int component = f[1] switch { "STAX" => 0, "STAY" => 1, "STAZ" => 2, "VELX" => 3, "VELY" => 4, "VELZ" => 5, _ => -1 };
                    if (component < 0)
                    {
                        break;
                    }

                    if (!int.TryParse(f[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out int soln))
                    {
                        Error(Column(4), $"expected a solution number, found '{f[4]}'");
                        break;
                    }

                    var epoch = Epoch(f[5], leapSeconds);
                    if (epoch is null || epoch.Value.Open)
                    {
                        Error(Column(5), $"expected a reference epoch YY:DDD:SSSSS, found '{f[5]}'");
                        break;
                    }

                    if (!double.TryParse(f[8], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                    {
                        Error(Column(8), $"expected an estimated value, found '{f[8]}'");
                        break;
                    }

                    string expectedUnit = component < 3 ? "m" : "m/y";
                    if (!string.Equals(f[6], expectedUnit, StringComparison.Ordinal))
                    {
                        Error(Column(6), $"expected the unit '{expectedUnit}' for {f[1]}, found '{f[6]}'");
                        break;
                    }

                    var key = (f[2], f[3], soln);
                    if (!estimates.TryGetValue(key, out var entry))
                    {
                        entry = (epoch.Value.Time, new double[6], new bool[6]);
                        order.Add(key);
                    }

                    entry.Values[component] = value;
                    entry.Have[component] = true;
                    estimates[key] = entry;
                    break;
                }

                case "SITE/ECCENTRICITY" when f.Length >= 8:
                {
                    if (!string.Equals(f[6], "UNE", StringComparison.Ordinal))
                    {
                        diagnostics.Add(new ParseDiagnostic(source, lineNumber, Column(6), $"eccentricity in '{f[6]}' axes skipped (only UNE is read)", DiagnosticSeverity.Warning));
                        break;
                    }

                    if (!int.TryParse(f[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int soln))
                    {
                        Error(Column(2), $"expected a solution number, found '{f[2]}'");
                        break;
                    }

                    var from = Epoch(f[4], leapSeconds);
                    var to = Epoch(f[5], leapSeconds);
                    if (from is null || to is null)
                    {
                        Error(Column(from is null ? 4 : 5), $"expected an epoch YY:DDD:SSSSS, found '{(from is null ? f[4] : f[5])}'");
                        break;
                    }

                    // Three F8.4 fields after the axes word at columns 43–45, each with the blank before it (a value
                    // of −100 m or more fills that blank); blank-separated where the columns do not hold.
                    var une = new double[3];
                    bool ok = true;
                    bool fixedColumns = line.Length >= 72 && string.Equals(line.Substring(42, 3), "UNE", StringComparison.Ordinal);
                    for (int i = 0; i < 3 && ok; i++)
                    {
                        string field = fixedColumns ? line.Substring(45 + (9 * i), 9).Trim() : f[7 + i];
                        ok = double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out une[i]);
                        if (!ok)
                        {
                            Error(fixedColumns ? 46 + (9 * i) : Column(7 + i), $"expected an eccentricity in metres, found '{field}'");
                        }
                    }

                    if (ok)
                    {
                        eccentricities.Add(new SinexEccentricity(f[0], f[1], soln, from.Value.Open ? null : from.Value.Time, to.Value.Open ? null : to.Value.Time, une[0], une[1], une[2]));
                    }

                    break;
                }
            }
        }

        var stations = new List<SinexStation>();
        foreach (var key in order)
        {
            var (epoch, values, have) = estimates[key];
            if (!have[0] || !have[1] || !have[2])
            {
                diagnostics.Add(new ParseDiagnostic(source, 0, 0, $"site {key.Item1} {key.Item2} solution {key.Item3} lacks one of STAX, STAY, STAZ; skipped"));
                continue;
            }

            epochs.TryGetValue(key, out var span);
            stations.Add(new SinexStation(key.Item1, key.Item2, key.Item3, epoch, new Vector3D(values[0], values[1], values[2]), new Vector3D(values[3], values[4], values[5]), span.Item1, span.Item2));
        }

        return new SinexReadResult(stations, eccentricities, diagnostics);
    }

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static SinexReadResult ReadFile(string path, LeapSecondTable leapSeconds) =>
        Read(File.ReadAllText(path), Path.GetFileName(path), leapSeconds);

    /// <summary>A SINEX epoch <c>YY:DDD:SSSSS</c> as UTC; <c>Open</c> for <c>00:000:00000</c>; null when malformed.</summary>
    private static (Instant Time, bool Open)? Epoch(string text, LeapSecondTable leapSeconds)
    {
        var parts = text.Split(':');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int yy)
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int doy)
            || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int sod)
            || yy is < 0 or > 99 || doy is < 0 or > 366 || sod is < 0 or > 86400)
        {
            return null;
        }

        if (yy == 0 && doy == 0 && sod == 0)
        {
            return (default, true);
        }

        int year = yy <= 50 ? 2000 + yy : 1900 + yy;
        var date = new DateOnly(year, 1, 1).AddDays(Math.Max(doy, 1) - 1);
        return (Instant.FromUtc(date.Year, date.Month, date.Day, leapSeconds: leapSeconds).AddSeconds(sod), false);
    }
}
