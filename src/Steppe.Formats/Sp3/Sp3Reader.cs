using System.Globalization;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Formats.Sp3;

/// <summary>The time system of an SP3 file's epochs (SP3-c/d line 13, columns 10–12).</summary>
public enum Sp3TimeSystem
{
    /// <summary>GPS time: TAI − 19 s.</summary>
    Gps,

    /// <summary>International Atomic Time.</summary>
    Tai,

    /// <summary>Coordinated Universal Time (read with the leap-second table handed to the reader).</summary>
    Utc,

    /// <summary>Galileo system time: TAI − 19 s, as GPS time.</summary>
    Galileo,

    /// <summary>BeiDou time: TAI − 33 s.</summary>
    BeiDou,

    /// <summary>Terrestrial Time.</summary>
    Tt,
}

/// <summary>The header of an SP3 file (National Geodetic Survey SP3-c and IGS SP3-d).</summary>
/// <param name="Version">'c' or 'd'.</param>
/// <param name="HasVelocities">Whether the file carries V records ('V' in the position/velocity flag).</param>
/// <param name="StartEpoch">The first epoch of the file.</param>
/// <param name="EpochCount">The number of epochs announced.</param>
/// <param name="DataUsed">The data-used descriptor (e.g. ORBIT, FIT).</param>
/// <param name="CoordinateSystem">The terrestrial reference frame (e.g. ITRF, IGS05): positions are body-fixed.</param>
/// <param name="OrbitType">FIT, EXT, BCT or HLM.</param>
/// <param name="Agency">The producing agency.</param>
/// <param name="Interval">The nominal epoch interval.</param>
/// <param name="SatelliteIds">The satellites the header lists (e.g. G01, L74).</param>
/// <param name="TimeSystem">The time system of every epoch.</param>
public sealed record Sp3Header(
    char Version,
    bool HasVelocities,
    Instant StartEpoch,
    int EpochCount,
    string DataUsed,
    string CoordinateSystem,
    string OrbitType,
    string Agency,
    TimeSpan Interval,
    IReadOnlyList<string> SatelliteIds,
    Sp3TimeSystem TimeSystem);

/// <summary>
/// One satellite at one epoch: position (km) and, where the file has V records, velocity (km/s), both in the file's
/// terrestrial frame; a position or velocity the file marks missing (all components zero) is null; a clock marked bad
/// (999999.999999) is null.
/// </summary>
public readonly record struct Sp3Record(string SatelliteId, Instant Epoch, Vector3D? PositionKm, Vector3D? VelocityKmPerS, double? ClockMicroseconds);

/// <summary>An SP3 file: its header and its records in file order.</summary>
public sealed record Sp3File(Sp3Header Header, IReadOnlyList<Instant> Epochs, IReadOnlyList<Sp3Record> Records)
{
    /// <summary>The records of one satellite, in epoch order (empty when the file does not carry it).</summary>
    public IReadOnlyList<Sp3Record> For(string satelliteId) =>
        Records.Where(r => string.Equals(r.SatelliteId, satelliteId, StringComparison.Ordinal)).ToList();
}

/// <summary>The outcome of reading an SP3 text: the file (null when the header could not be read) and every problem.</summary>
public sealed record Sp3ReadResult(Sp3File? File, IReadOnlyList<ParseDiagnostic> Diagnostics)
{
    /// <summary>The file, or an <see cref="Sp3FormatException"/> carrying the errors.</summary>
    public Sp3File FileOrThrow()
    {
        var errors = Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return errors.Count > 0 || File is null ? throw new Sp3FormatException(errors) : File;
    }
}

/// <summary>An SP3 file that could not be read; carries every error found.</summary>
public sealed class Sp3FormatException : FormatException
{
    /// <summary>Creates the exception from the diagnostics of a failed read.</summary>
    public Sp3FormatException(IReadOnlyList<ParseDiagnostic> diagnostics)
        : base(diagnostics.Count > 0 ? diagnostics[0].ToString() : "malformed SP3 file")
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }
}

/// <summary>
/// Reads precise orbits in the Standard Product 3 format, versions c and d (NGS/IGS): the header (version, P/V flag,
/// first epoch, epoch count, coordinate system, orbit type, agency, interval, satellite list, time system), then epoch
/// lines (<c>*</c>), position records (<c>P</c>, km, clock in microseconds) and velocity records (<c>V</c>, dm/s,
/// clock rate in 10⁻⁴ µs/s), to the <c>EOF</c> line. Velocities are returned in km/s. A position or velocity whose
/// components are all zero is missing; a clock of 999999.999999 or more is bad. Epochs are converted from the file's
/// time system (GPS, TAI, UTC with the leap-second table handed in, Galileo, BeiDou, TT) to an <see cref="Instant"/>.
/// A field that is not a number is an error at its line and column; the record is skipped and reading goes on.
/// </summary>
public static class Sp3Reader
{
    private const double BadClock = 999999.0;

    /// <summary>Reads <paramref name="text"/> (from <paramref name="source"/>, a name for the diagnostics).</summary>
    public static Sp3ReadResult Read(string text, string source, LeapSecondTable leapSeconds)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(leapSeconds);
        var diagnostics = new List<ParseDiagnostic>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i].TrimEnd('\r');
        }

        void Error(int line, int column, string message) => diagnostics.Add(new ParseDiagnostic(source, line, column, message));

        if (lines.Length < 2 || !lines[0].StartsWith('#') || !lines[1].StartsWith("##", StringComparison.Ordinal))
        {
            Error(1, 1, "expected an SP3 header starting with '#' and '##' lines");
            return new Sp3ReadResult(null, diagnostics);
        }

        string first = lines[0];
        char version = first.Length > 1 ? first[1] : ' ';
        if (version is not ('c' or 'd'))
        {
            Error(1, 2, $"expected SP3 version 'c' or 'd', found '{version}'");
            return new Sp3ReadResult(null, diagnostics);
        }

        bool hasVelocities = first.Length > 2 && first[2] == 'V';
        int epochCount = Int(first, 1, 33, 7, Error) ?? 0;
        string dataUsed = Field(first, 41, 5);
        string coordinateSystem = Field(first, 47, 5);
        string orbitType = Field(first, 53, 3);
        string agency = Field(first, 57, 4);
        double? intervalSeconds = Double(lines[1], 2, 25, 14, Error);

        var satellites = new List<string>();
        var timeSystem = Sp3TimeSystem.Gps;
        bool timeSystemSeen = false;
        int index = 2;
        for (; index < lines.Length; index++)
        {
            string line = lines[index];
            if (line.StartsWith('*') || line.StartsWith("EOF", StringComparison.Ordinal))
            {
                break;
            }

            if (line.StartsWith("+ ", StringComparison.Ordinal))
            {
                for (int c = 9; c + 3 <= line.Length && c < 60; c += 3)
                {
                    string id = line.Substring(c, 3).Trim();
                    if (id.Length > 0 && id != "0" && !id.All(char.IsDigit))
                    {
                        satellites.Add(line.Substring(c, 3).Replace(' ', '0'));
                    }
                }
            }
            else if (line.StartsWith("%c", StringComparison.Ordinal) && !timeSystemSeen)
            {
                timeSystemSeen = true;
                string system = Field(line, 10, 3);
                switch (system)
                {
                    case "GPS" or "ccc": timeSystem = Sp3TimeSystem.Gps; break;
                    case "TAI": timeSystem = Sp3TimeSystem.Tai; break;
                    case "UTC": timeSystem = Sp3TimeSystem.Utc; break;
                    case "GAL": timeSystem = Sp3TimeSystem.Galileo; break;
                    case "BDT": timeSystem = Sp3TimeSystem.BeiDou; break;
                    case "TT": timeSystem = Sp3TimeSystem.Tt; break;
                    default:
                        Error(index + 1, 10, $"expected a time system (GPS, TAI, UTC, GAL, BDT, TT), found '{system}'");
                        return new Sp3ReadResult(null, diagnostics);
                }
            }
        }

        Instant? start = EpochAt(first, 1, 4, timeSystem, leapSeconds, Error);
        if (start is null || intervalSeconds is null)
        {
            return new Sp3ReadResult(null, diagnostics);
        }

        var header = new Sp3Header(version, hasVelocities, start.Value, epochCount, dataUsed, coordinateSystem, orbitType, agency,
            TimeSpan.FromSeconds(intervalSeconds.Value), satellites, timeSystem);
        var epochs = new List<Instant>();
        var records = new List<Sp3Record>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        Instant? epoch = null;
        for (; index < lines.Length; index++)
        {
            string line = lines[index];
            int lineNumber = index + 1;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith("EOF", StringComparison.Ordinal))
            {
                break;
            }

            switch (line[0])
            {
                case '*':
                    epoch = EpochAt(line, lineNumber, 4, timeSystem, leapSeconds, Error);
                    if (epoch is { } e)
                    {
                        epochs.Add(e);
                    }

                    positions.Clear();
                    break;
                case 'P':
                {
                    if (epoch is null)
                    {
                        Error(lineNumber, 1, "a position record before any epoch line ('*')");
                        break;
                    }

                    string id = SatelliteId(line);
                    var xyz = Vector(line, lineNumber, Error);
                    if (xyz is null)
                    {
                        break;
                    }

                    double? clock = line.Length >= 46 ? Double(line, lineNumber, 47, 14, Error) : null;
                    var position = xyz.Value == Vector3D.Zero ? (Vector3D?)null : xyz.Value;
                    double? validClock = clock is { } c && Math.Abs(c) < BadClock ? c : null;
                    positions[id] = records.Count;
                    records.Add(new Sp3Record(id, epoch.Value, position, null, validClock));
                    break;
                }

                case 'V':
                {
                    if (epoch is null)
                    {
                        Error(lineNumber, 1, "a velocity record before any epoch line ('*')");
                        break;
                    }

                    string id = SatelliteId(line);
                    var xyz = Vector(line, lineNumber, Error);
                    if (xyz is null)
                    {
                        break;
                    }

                    if (!positions.TryGetValue(id, out int at))
                    {
                        Error(lineNumber, 2, $"a velocity record for {id} without a position record at this epoch");
                        break;
                    }

                    var velocity = xyz.Value == Vector3D.Zero ? (Vector3D?)null : xyz.Value * 1e-4;
                    records[at] = records[at] with { VelocityKmPerS = velocity };
                    break;
                }

                case 'E' or 'C' or '/' or '%' or '+' or '#':
                    break;
                default:
                    Error(lineNumber, 1, $"expected an epoch ('*'), position ('P') or velocity ('V') record, found '{line[0]}'");
                    break;
            }
        }

        if (epochCount > 0 && epochs.Count != epochCount && diagnostics.Count == 0)
        {
            diagnostics.Add(new ParseDiagnostic(source, 1, 33, $"the header announces {epochCount} epochs, the file has {epochs.Count}", DiagnosticSeverity.Warning));
        }

        return new Sp3ReadResult(new Sp3File(header, epochs, records), diagnostics);
    }

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static Sp3ReadResult ReadFile(string path, LeapSecondTable leapSeconds) =>
        Read(File.ReadAllText(path), Path.GetFileName(path), leapSeconds);

    private static string SatelliteId(string line) => line.Length >= 4 ? line.Substring(1, 3).Replace(' ', '0') : line[1..];

    private static Vector3D? Vector(string line, int lineNumber, Action<int, int, string> error)
    {
        double? x = Double(line, lineNumber, 5, 14, error);
        double? y = Double(line, lineNumber, 19, 14, error);
        double? z = Double(line, lineNumber, 33, 14, error);
        return x is null || y is null || z is null ? null : new Vector3D(x.Value, y.Value, z.Value);
    }

    /// <summary>The epoch written from 1-based column <paramref name="column"/>: year, month, day, hour, minute, seconds.</summary>
    private static Instant? EpochAt(string line, int lineNumber, int column, Sp3TimeSystem system, LeapSecondTable leapSeconds, Action<int, int, string> error)
    {
        int? year = Int(line, lineNumber, column, 4, error);
        int? month = Int(line, lineNumber, column + 5, 2, error);
        int? day = Int(line, lineNumber, column + 8, 2, error);
        int? hour = Int(line, lineNumber, column + 11, 2, error);
        int? minute = Int(line, lineNumber, column + 14, 2, error);
        double? second = Double(line, lineNumber, column + 17, 11, error);
        if (year is null || month is null || day is null || hour is null || minute is null || second is null)
        {
            return null;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year.Value, month.Value) || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or >= 61)
        {
            error(lineNumber, column, $"expected a calendar epoch, found '{Field(line, column, 28)}'");
            return null;
        }

        if (system == Sp3TimeSystem.Utc)
        {
            return Instant.FromUtc(year.Value, month.Value, day.Value, hour.Value, minute.Value, second.Value, leapSeconds);
        }

        double offsetToTaiSeconds = system switch
        {
            Sp3TimeSystem.Gps or Sp3TimeSystem.Galileo => 19.0,
            Sp3TimeSystem.BeiDou => 33.0,
            Sp3TimeSystem.Tt => -Instant.TtMinusTaiSeconds,
            _ => 0.0,
        };
        int days = new DateOnly(year.Value, month.Value, day.Value).DayNumber - new DateOnly(2000, 1, 1).DayNumber;
        double secondsOfDay = hour.Value * 3600.0 + minute.Value * 60.0 + second.Value + offsetToTaiSeconds;
        return Instant.FromTai(new JulianDate(JulianDate.J2000 - 0.5 + days, secondsOfDay / 86400.0));
    }

    private static string Field(string line, int column, int width)
    {
        int start = column - 1;
        if (start >= line.Length)
        {
            return string.Empty;
        }

        return line.Substring(start, Math.Min(width, line.Length - start)).Trim();
    }

    private static int? Int(string line, int lineNumber, int column, int width, Action<int, int, string> error)
    {
        string text = Field(line, column, width);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        error(lineNumber, column, $"expected an integer, found '{text}'");
        return null;
    }

    private static double? Double(string line, int lineNumber, int column, int width, Action<int, int, string> error)
    {
        string text = Field(line, column, width);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        error(lineNumber, column, $"expected a number, found '{text}'");
        return null;
    }
}
