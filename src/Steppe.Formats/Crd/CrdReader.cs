using System.Globalization;
using Steppe.Core.Time;

namespace Steppe.Formats.Crd;

/// <summary>What instant a CRD range record's time of day marks (the "epoch event" field of records 10 and 11).</summary>
public enum CrdEpochEvent
{
    /// <summary>0: the ground receive time (two-way).</summary>
    GroundReceive = 0,

    /// <summary>1: the spacecraft bounce time (two-way).</summary>
    SpacecraftBounce = 1,

    /// <summary>2: the ground transmit time (two-way).</summary>
    GroundTransmit = 2,

    /// <summary>3: the spacecraft receive time (one-way).</summary>
    SpacecraftReceive = 3,

    /// <summary>4: the spacecraft transmit time (one-way).</summary>
    SpacecraftTransmit = 4,

    /// <summary>5: ground transmit and spacecraft receive time (one-way).</summary>
    GroundTransmitSpacecraftReceive = 5,

    /// <summary>6: spacecraft transmit and ground receive time (one-way).</summary>
    SpacecraftTransmitGroundReceive = 6,
}

/// <summary>
/// One range record (10: full rate, 11: normal point): the instant its time of day marks, the time of flight and the
/// normal-point statistics where the record has them.
/// </summary>
/// <param name="Time">The instant of <see cref="EpochEvent"/> (UTC time of day on the session's date, with the day rolled over after midnight).</param>
/// <param name="TimeOfFlightSeconds">The two-way (or one-way) time of flight, seconds, system delay removed.</param>
/// <param name="SystemConfigurationId">The system configuration the record refers to.</param>
/// <param name="EpochEvent">What <see cref="Time"/> marks.</param>
/// <param name="IsNormalPoint">True for a record 11, false for a record 10.</param>
/// <param name="WindowSeconds">The normal-point window length, seconds (null for full-rate records).</param>
/// <param name="RawRanges">The number of raw ranges compressed into the normal point (null for full-rate records).</param>
/// <param name="BinRmsPicoseconds">The RMS of the raw ranges about the trend, ps (null where absent or −1).</param>
/// <param name="Line">The 1-based line of the record in its file.</param>
public sealed record CrdRangeRecord(
    Instant Time,
    double TimeOfFlightSeconds,
    string SystemConfigurationId,
    CrdEpochEvent EpochEvent,
    bool IsNormalPoint,
    double? WindowSeconds,
    int? RawRanges,
    double? BinRmsPicoseconds,
    int Line)
{
    /// <summary>The two-way range, metres: c · time of flight / 2 (no corrections).</summary>
    public double TwoWayRangeM => 0.5 * 299_792_458.0 * TimeOfFlightSeconds;

    /// <summary>
    /// The instant the signal came back to the station: the record's time for a ground-receive epoch, plus the time of
    /// flight for a ground-transmit epoch, plus half of it for a bounce epoch.
    /// </summary>
    /// <exception cref="InvalidOperationException">A one-way record (epoch events 3–6) has no two-way reception.</exception>
    public Instant ReceiveTime => EpochEvent switch
    {
        CrdEpochEvent.GroundReceive => Time,
        CrdEpochEvent.GroundTransmit => Time.AddSeconds(TimeOfFlightSeconds),
        CrdEpochEvent.SpacecraftBounce => Time.AddSeconds(0.5 * TimeOfFlightSeconds),
        _ => throw new InvalidOperationException($"A one-way range record (epoch event {(int)EpochEvent}) has no two-way reception time."),
    };
}

/// <summary>A meteorological record (20): surface pressure, temperature and relative humidity at the station.</summary>
/// <param name="Time">The instant of the reading.</param>
/// <param name="PressureHPa">Surface pressure, hPa (mbar).</param>
/// <param name="TemperatureKelvin">Surface temperature, K.</param>
/// <param name="RelativeHumidityPercent">Relative humidity, %.</param>
public sealed record CrdMeteorology(Instant Time, double PressureHPa, double TemperatureKelvin, double RelativeHumidityPercent);

/// <summary>
/// One session (an H1 … H8 block) of a CRD file: the station (H2), the target (H3), the session span (H4), the transmit
/// wavelength (C0), the range records and the meteorological records.
/// </summary>
/// <param name="Version">The CRD format version (1 or 2).</param>
/// <param name="StationName">The station's name (H2), e.g. <c>YARL</c>.</param>
/// <param name="CdpPadId">The station's CDP pad identifier (H2), e.g. 7090.</param>
/// <param name="CdpSystemNumber">The CDP system number (H2).</param>
/// <param name="CdpOccupancy">The CDP occupancy sequence number (H2).</param>
/// <param name="TimeScale">The station's epoch time scale (H2): 3 UTC (USNO), 4 UTC (GPS), 7 UTC (BIPM), 10 UTC (station).</param>
/// <param name="TargetName">The target's name (H3), e.g. <c>lageos2</c>.</param>
/// <param name="IlrsId">The target's ILRS identifier (H3), e.g. <c>9207002</c>.</param>
/// <param name="Norad">The target's NORAD catalog number (H3; null where −1 or absent).</param>
/// <param name="DataType">0 full rate, 1 normal points, 2 sampled engineering (H4).</param>
/// <param name="Start">The session's start (H4).</param>
/// <param name="End">The session's end (H4).</param>
/// <param name="WavelengthNm">The transmit wavelength of the first system configuration (C0), nm; null when absent.</param>
/// <param name="Ranges">The range records (10 and 11) in file order.</param>
/// <param name="Meteorology">The meteorological records (20) in file order.</param>
public sealed record CrdSession(
    int Version,
    string StationName,
    int CdpPadId,
    int CdpSystemNumber,
    int CdpOccupancy,
    int TimeScale,
    string TargetName,
    string IlrsId,
    int? Norad,
    int DataType,
    Instant Start,
    Instant End,
    double? WavelengthNm,
    IReadOnlyList<CrdRangeRecord> Ranges,
    IReadOnlyList<CrdMeteorology> Meteorology)
{
    /// <summary>The normal points (records 11) of the session.</summary>
    public IEnumerable<CrdRangeRecord> NormalPoints => Ranges.Where(r => r.IsNormalPoint);

    /// <summary>
    /// The meteorology at <paramref name="time"/>: linear interpolation between the records around it, the first or last
    /// record outside them; null when the session has none.
    /// </summary>
    public CrdMeteorology? MeteorologyAt(Instant time)
    {
        if (Meteorology.Count == 0)
        {
            return null;
        }

        var sorted = Meteorology.OrderBy(m => m.Time).ToList();
        if (time <= sorted[0].Time)
        {
            return sorted[0] with { Time = time };
        }

        for (int i = 1; i < sorted.Count; i++)
        {
            if (time <= sorted[i].Time)
            {
                var (a, b) = (sorted[i - 1], sorted[i]);
                double span = b.Time.SecondsSince(a.Time);
                double w = span > 0 ? time.SecondsSince(a.Time) / span : 0;
                return new CrdMeteorology(time,
                    a.PressureHPa + (w * (b.PressureHPa - a.PressureHPa)),
                    a.TemperatureKelvin + (w * (b.TemperatureKelvin - a.TemperatureKelvin)),
                    a.RelativeHumidityPercent + (w * (b.RelativeHumidityPercent - a.RelativeHumidityPercent)));
            }
        }

        return sorted[^1] with { Time = time };
    }
}

/// <summary>A CRD file: its sessions in file order.</summary>
public sealed record CrdFile(IReadOnlyList<CrdSession> Sessions);

/// <summary>The outcome of reading a CRD text: the sessions read and every problem.</summary>
public sealed record CrdReadResult(CrdFile File, IReadOnlyList<ParseDiagnostic> Diagnostics)
{
    /// <summary>The file, or a <see cref="CrdFormatException"/> carrying the errors.</summary>
    public CrdFile FileOrThrow()
    {
        var errors = Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return errors.Count > 0 ? throw new CrdFormatException(errors) : File;
    }
}

/// <summary>A CRD file that could not be read; carries every error found.</summary>
public sealed class CrdFormatException : FormatException
{
    /// <summary>Creates the exception from the diagnostics of a failed read.</summary>
    public CrdFormatException(IReadOnlyList<ParseDiagnostic> diagnostics)
        : base(diagnostics.Count > 0 ? diagnostics[0].ToString() : "malformed CRD file")
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }
}

/// <summary>
/// Reads laser-ranging data in the ILRS Consolidated laser Ranging Data format (CRD, versions 1 and 2; record types in
/// either case): H1 format header, H2 station, H3 target, H4 session (data type, start and end), H5 prediction (v2),
/// H8 end of session, H9 end of file; C0 system configuration (transmit wavelength); 10 full-rate and 11 normal-point
/// range records (time of day, time of flight, configuration, epoch event, and for 11 the window, the number of raw
/// ranges and the bin RMS); 20 meteorology (pressure hPa, temperature K, humidity %). Configuration records C1–C7,
/// calibrations (40–42), pointing angles (30), statistics (50), compatibility (60) and comments (00) are recognised and
/// skipped. Fields are read separated by blanks, which also reads version 1's fixed columns. A record's time of day
/// counts from midnight UTC of the H4 start date; a time of day more than an hour before the session's start is on the
/// next day (a session across midnight). A field that is not a number is an error at its line and column; the record is
/// skipped and reading goes on; a record outside a session is an error.
/// </summary>
public static class CrdReader
{
    /// <summary>Reads <paramref name="text"/> (from <paramref name="source"/>, a name for the diagnostics).</summary>
    public static CrdReadResult Read(string text, string source, LeapSecondTable leapSeconds)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(leapSeconds);
        var diagnostics = new List<ParseDiagnostic>();
        var sessions = new List<CrdSession>();
        var lines = text.Split('\n');
        Builder? current = null;
        int version = 0;

        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].TrimEnd('\r');
            int lineNumber = n + 1;
            var fields = Tokens(line);
            if (fields.Count == 0)
            {
                continue;
            }

            void Error(int field, string message) =>
                diagnostics.Add(new ParseDiagnostic(source, lineNumber, field < fields.Count ? fields[field].Column : line.Length + 1, message));

            bool Need(int count)
            {
                if (fields.Count >= count)
                {
                    return true;
                }

                Error(fields.Count, $"expected at least {count - 1} fields after the record type {fields[0].Text}, found {fields.Count - 1}");
                return false;
            }

            double? D(int i)
            {
                if (double.TryParse(fields[i].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
                {
                    return v;
                }

                Error(i, $"expected a number, found '{fields[i].Text}'");
                return null;
            }

            int? I(int i)
            {
                if (int.TryParse(fields[i].Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
                {
                    return v;
                }

                Error(i, $"expected an integer, found '{fields[i].Text}'");
                return null;
            }

            bool InSession(string type)
            {
                if (current is not null)
                {
                    return true;
                }

                Error(0, $"a {type} record outside a session (expected H1 … H4 first)");
                return false;
            }

            string type = fields[0].Text.ToUpperInvariant();
            switch (type)
            {
                case "H1":
                    if (Need(3) && I(2) is { } v && v is 1 or 2)
                    {
                        version = v;
                    }
                    else if (fields.Count >= 3)
                    {
                        Error(2, $"expected CRD format version 1 or 2, found '{fields[2].Text}'");
                    }

                    if (fields.Count >= 2 && !string.Equals(fields[1].Text, "CRD", StringComparison.OrdinalIgnoreCase))
                    {
                        Error(1, $"expected 'CRD', found '{fields[1].Text}'");
                    }

                    current = new Builder { Version = version };
                    break;

                case "H2":
                    if (InSession(type) && Need(6))
                    {
                        current!.StationName = fields[1].Text;
                        current.CdpPadId = I(2);
                        current.CdpSystemNumber = I(3) ?? 0;
                        current.CdpOccupancy = I(4) ?? 0;
                        current.TimeScale = I(5) ?? 0;
                    }

                    break;

                case "H3":
                    if (InSession(type) && Need(5))
                    {
                        current!.TargetName = fields[1].Text;
                        current.IlrsId = fields[2].Text;
                        int? norad = I(4);
                        current.Norad = norad is > 0 ? norad : null;
                    }

                    break;

                case "H4":
                    if (InSession(type) && Need(14))
                    {
                        current!.DataType = I(1) ?? 1;
                        var startDate = Date(fields, 2, leapSeconds, Error);
                        current.Start = startDate?.Time;
                        current.StartDay = startDate is { } sd ? (sd.Date, sd.SecondsOfDay) : null;
                        current.End = Date(fields, 8, leapSeconds, Error)?.Time;
                    }

                    break;

                case "H5":
                case "C1":
                case "C2":
                case "C3":
                case "C4":
                case "C5":
                case "C6":
                case "C7":
                case "00":
                case "21":
                case "30":
                case "40":
                case "41":
                case "42":
                case "50":
                case "60":
                    break;

                case "C0":
                    if (InSession(type) && Need(3) && current!.WavelengthNm is null)
                    {
                        current.WavelengthNm = D(2);
                    }

                    break;

                case "10":
                case "11":
                    if (InSession(type) && Need(type == "11" ? 8 : 5) && current!.StartDay is { } start)
                    {
                        double? sod = D(1), tof = D(2);
                        int? epochEvent = I(4);
                        if (sod is null || tof is null || epochEvent is null)
                        {
                            break;
                        }

                        if (epochEvent is < 0 or > 6)
                        {
                            Error(4, $"expected an epoch event 0–6, found {epochEvent}");
                            break;
                        }

                        bool normal = type == "11";
                        double? window = normal ? D(5) : null;
                        int? raw = normal ? I(6) : null;
                        double? rms = normal && fields.Count > 7 ? D(7) : null;
                        current.Ranges.Add(new CrdRangeRecord(TimeOfDay(start, sod.Value, leapSeconds), tof.Value, fields[3].Text, (CrdEpochEvent)epochEvent.Value,
                            normal, window, raw, rms is >= 0 ? rms : null, lineNumber));
                    }
                    else if (current is not null && current.Start is null && fields.Count >= 2)
                    {
                        Error(0, "a range record before the session's H4 record (its date)");
                    }

                    break;

                case "20":
                    if (InSession(type) && Need(5) && current!.StartDay is { } metStart)
                    {
                        double? sod = D(1), p = D(2), t = D(3), h = D(4);
                        if (sod is not null && p is not null && t is not null && h is not null)
                        {
                            current.Meteorology.Add(new CrdMeteorology(TimeOfDay(metStart, sod.Value, leapSeconds), p.Value, t.Value, h.Value));
                        }
                    }

                    break;

                case "H8":
                    if (InSession(type))
                    {
                        if (current!.ToSession(source, lineNumber, diagnostics) is { } session)
                        {
                            sessions.Add(session);
                        }

                        current = null;
                    }

                    break;

                case "H9":
                    if (current is not null)
                    {
                        Error(0, "the end of file (H9) inside a session (expected H8 first)");
                        current = null;
                    }

                    break;

                default:
                    diagnostics.Add(new ParseDiagnostic(source, lineNumber, 1, $"unknown record type '{fields[0].Text}' skipped", DiagnosticSeverity.Warning));
                    break;
            }
        }

        if (current is not null)
        {
            diagnostics.Add(new ParseDiagnostic(source, lines.Length, 1, "the last session has no end (H8); read to the end of the text", DiagnosticSeverity.Warning));
            if (current.ToSession(source, lines.Length, diagnostics) is { } session)
            {
                sessions.Add(session);
            }
        }

        return new CrdReadResult(new CrdFile(sessions), diagnostics);
    }

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static CrdReadResult ReadFile(string path, LeapSecondTable leapSeconds) =>
        Read(File.ReadAllText(path), Path.GetFileName(path), leapSeconds);

    private static Instant TimeOfDay((DateOnly Date, double SecondsOfDay) start, double secondsOfDay, LeapSecondTable leapSeconds)
    {
        // Midnight UTC of the start date, then the time of day (exact except across a leap second inside the session).
        var date = secondsOfDay < start.SecondsOfDay - 3600 ? start.Date.AddDays(1) : start.Date;
        return Instant.FromUtc(date.Year, date.Month, date.Day, leapSeconds: leapSeconds).AddSeconds(secondsOfDay);
    }

    private static (Instant Time, DateOnly Date, double SecondsOfDay)? Date(List<(string Text, int Column)> fields, int first, LeapSecondTable leapSeconds, Action<int, string> error)
    {
        var v = new int[6];
        for (int i = 0; i < 6; i++)
        {
            if (!int.TryParse(fields[first + i].Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out v[i]))
            {
                error(first + i, $"expected an integer date field, found '{fields[first + i].Text}'");
                return null;
            }
        }

        try
        {
            return (Instant.FromUtc(v[0], v[1], v[2], v[3], v[4], v[5], leapSeconds), new DateOnly(v[0], v[1], v[2]), (v[3] * 3600.0) + (v[4] * 60.0) + v[5]);
        }
        catch (ArgumentOutOfRangeException e)
        {
            error(first, $"expected a date and time, found {v[0]} {v[1]} {v[2]} {v[3]} {v[4]} {v[5]} ({e.Message.Split('\n')[0]})");
            return null;
        }
    }

    private static List<(string Text, int Column)> Tokens(string line)
    {
        var tokens = new List<(string, int)>();
        int i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            int start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i > start)
            {
                tokens.Add((line[start..i], start + 1));
            }
        }

        return tokens;
    }

    private sealed class Builder
    {
        public int Version { get; set; }

        public string StationName { get; set; } = "";

        public int? CdpPadId { get; set; }

        public int CdpSystemNumber { get; set; }

        public int CdpOccupancy { get; set; }

        public int TimeScale { get; set; }

        public string TargetName { get; set; } = "";

        public string IlrsId { get; set; } = "";

        public int? Norad { get; set; }

        public int DataType { get; set; } = 1;

        public Instant? Start { get; set; }

        public Instant? End { get; set; }

        public (DateOnly Date, double SecondsOfDay)? StartDay { get; set; }

        public double? WavelengthNm { get; set; }

        public List<CrdRangeRecord> Ranges { get; } = [];

        public List<CrdMeteorology> Meteorology { get; } = [];

        public CrdSession? ToSession(string source, int line, List<ParseDiagnostic> diagnostics)
        {
            if (CdpPadId is null || Start is null || End is null)
            {
                diagnostics.Add(new ParseDiagnostic(source, line, 1, "a session without a complete H2 station or H4 session record; its data are skipped"));
                return null;
            }

            return new CrdSession(Version, StationName, CdpPadId.Value, CdpSystemNumber, CdpOccupancy, TimeScale, TargetName, IlrsId, Norad, DataType,
                Start.Value, End.Value, WavelengthNm, Ranges, Meteorology);
        }
    }
}
