using System.Globalization;
using Steppe.Core.Time;

namespace Steppe.Dynamics.Forces.Gravity;

/// <summary>
/// Reads gravity fields in the ICGEM format of the International Centre for Global Earth Models (ICGEM 1.0 and 2.0,
/// "ICGEM-Format", Barthelmes &amp; Förste 2011): free text, then a header of <c>key value</c> lines closed by
/// <c>end_of_head</c>, then one coefficient per line, <c>gfc L M C S [σC σS]</c>. Numbers may use Fortran's
/// <c>D</c> exponent (GGM05S). Header keys read: <c>modelname</c>, <c>earth_gravity_constant</c> (m³/s²),
/// <c>radius</c> (m), <c>max_degree</c>, <c>norm</c> (<c>fully_normalized</c> or <c>unnormalized</c>) and
/// <c>tide_system</c>. Coefficients absent from the file are zero.
/// <para>
/// Time-variable fields (ICGEM 2.0: <c>gfct</c> with validity interval t0–t1, <c>trnd</c>, <c>acos</c>,
/// <c>asin</c> with a period in years) are evaluated at one epoch when one is given:
/// C(t) = gfct + trnd·Δt + Σ acos·cos(2πΔt/P) + asin·sin(2πΔt/P), Δt = (t − t0) in Julian years, using the lines whose
/// interval [t0, t1) contains t. Without an epoch such a file is refused with a message naming the first
/// time-variable line.
/// </para>
/// </summary>
public static class IcgemReader
{
    private const double DaysPerJulianYear = 365.25;

    /// <summary>Reads a field from <paramref name="text"/>; <paramref name="sourceName"/> names it in error messages.</summary>
    /// <param name="text">The whole file.</param>
    /// <param name="sourceName">The file's name, for messages.</param>
    /// <param name="epoch">The epoch at which time-variable coefficients are evaluated; needed only for such files.</param>
    /// <exception cref="GravityFieldFormatException">The text is not a valid ICGEM file (the message names line and column).</exception>
    public static GravityField Parse(string text, string sourceName = "ICGEM file", Instant? epoch = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Read(reader, sourceName, epoch);
    }

    /// <summary>Reads a field from a stream of text (UTF-8 or ASCII).</summary>
    /// <exception cref="GravityFieldFormatException">The text is not a valid ICGEM file.</exception>
    public static GravityField Read(Stream stream, string sourceName = "ICGEM file", Instant? epoch = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, leaveOpen: true);
        return Read(reader, sourceName, epoch);
    }

    /// <summary>Reads a field line by line from <paramref name="reader"/>.</summary>
    /// <exception cref="GravityFieldFormatException">The text is not a valid ICGEM file.</exception>
    public static GravityField Read(TextReader reader, string sourceName = "ICGEM file", Instant? epoch = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var header = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        int lineNumber = 0;
        string? line;
        bool endOfHead = false;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var trimmed = line.AsSpan().Trim();
            if (trimmed.StartsWith("end_of_head", StringComparison.OrdinalIgnoreCase))
            {
                endOfHead = true;
                break;
            }

            int space = trimmed.IndexOfAny(' ', '\t');
            if (space > 0)
            {
                string key = trimmed[..space].ToString();
                string value = trimmed[space..].Trim().ToString();
                header.TryAdd(key, (value, lineNumber));
            }
        }

        if (!endOfHead)
        {
            throw new GravityFieldFormatException(sourceName, 0, 0, "no 'end_of_head' line: not an ICGEM file");
        }

        string modelName = header.TryGetValue("modelname", out var name) ? name.Value : "unnamed";
        double gmM3 = HeaderNumber(header, "earth_gravity_constant", sourceName, lineNumber);
        double radiusM = HeaderNumber(header, "radius", sourceName, lineNumber);
        int maxDegree = (int)HeaderNumber(header, "max_degree", sourceName, lineNumber);
        if (maxDegree < 0 || maxDegree > 10_000)
        {
            throw new GravityFieldFormatException(sourceName, header["max_degree"].Line, 1, $"max_degree {maxDegree} is out of range");
        }

        bool unnormalized = false;
        if (header.TryGetValue("norm", out var norm))
        {
            unnormalized = norm.Value switch
            {
                "fully_normalized" => false,
                "unnormalized" => true,
                _ => throw new GravityFieldFormatException(sourceName, norm.Line, 1, $"norm '{norm.Value}': expected fully_normalized or unnormalized"),
            };
        }

        var tide = TideSystem.Unknown;
        if (header.TryGetValue("tide_system", out var tideText))
        {
            tide = tideText.Value switch
            {
                "tide_free" => TideSystem.TideFree,
                "zero_tide" => TideSystem.ZeroTide,
                "mean_tide" => TideSystem.MeanTide,
                "unknown" => TideSystem.Unknown,
                _ => throw new GravityFieldFormatException(sourceName, tideText.Line, 1, $"tide_system '{tideText.Value}': expected tide_free, zero_tide, mean_tide or unknown"),
            };
        }

        int count = GravityField.Index(maxDegree, maxDegree) + 1;
        var c = new double[count];
        var s = new double[count];
        double? t = epoch is { } e ? e.DaysSince(Instant.J2000) : null;
        var fields = new List<(int Start, int Length)>(10);
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            Split(line, fields);
            if (fields.Count == 0)
            {
                continue;
            }

            var keyword = line.AsSpan(fields[0].Start, fields[0].Length);
            bool periodic = keyword is "acos" || keyword is "asin";
            bool timeVariable = periodic || keyword is "gfct" || keyword is "trnd";
            if (!(keyword is "gfc") && !timeVariable)
            {
                throw new GravityFieldFormatException(sourceName, lineNumber, 1,
                    keyword is "dot" ? "'dot' lines (ICGEM 1.0 rates) are not supported; ICGEM 2.0 'trnd' lines are" : $"expected a 'gfc' line, found '{keyword}'");
            }

            if (timeVariable && t is null)
            {
                throw new GravityFieldFormatException(sourceName, lineNumber, 1,
                    $"a time-variable coefficient ('{keyword}', ICGEM 2.0): give the epoch at which to evaluate the field");
            }

            int needed = keyword is "gfc" ? 5 : periodic ? 10 : 9;
            if (fields.Count < needed)
            {
                int column = fields[^1].Start + fields[^1].Length + 1;
                string hint = keyword is "gfct" && fields.Count == 8 ? " (ICGEM 1.0 'gfct' with one epoch is not supported)" : "";
                throw new GravityFieldFormatException(sourceName, lineNumber, column, $"expected {needed} fields on a '{keyword}' line, found {fields.Count}{hint}");
            }

            int n = Integer(line, fields[1], sourceName, lineNumber);
            int m = Integer(line, fields[2], sourceName, lineNumber);
            if (n > maxDegree)
            {
                throw new GravityFieldFormatException(sourceName, lineNumber, fields[1].Start + 1, $"degree {n} exceeds max_degree {maxDegree}");
            }

            if (m > n)
            {
                throw new GravityFieldFormatException(sourceName, lineNumber, fields[2].Start + 1, $"order {m} is not within 0…{n}");
            }

            double cValue = Number(line, fields[3], sourceName, lineNumber);
            double sValue = Number(line, fields[4], sourceName, lineNumber);
            double factor = 1.0;
            if (timeVariable)
            {
                double t0 = Date(line, fields[7], sourceName, lineNumber);
                double t1 = Date(line, fields[8], sourceName, lineNumber);
                if (t!.Value < t0 || t.Value >= t1)
                {
                    continue;
                }

                double dtYears = (t.Value - t0) / DaysPerJulianYear;
                if (keyword is "trnd")
                {
                    factor = dtYears;
                }
                else if (periodic)
                {
                    double period = Number(line, fields[9], sourceName, lineNumber);
                    if (!(period > 0))
                    {
                        throw new GravityFieldFormatException(sourceName, lineNumber, fields[9].Start + 1, "the period must be positive");
                    }

                    double angle = 2.0 * Math.PI * dtYears / period;
                    factor = keyword is "acos" ? Math.Cos(angle) : Math.Sin(angle);
                }
            }

            int k = GravityField.Index(n, m);
            if (unnormalized)
            {
                double scale = 1.0 / NormalizationFactor(n, m);
                cValue *= scale;
                sValue *= scale;
            }

            c[k] += factor * cValue;
            s[k] += factor * sValue;
        }

        return new GravityField(modelName, gmM3 * 1e-9, radiusM * 1e-3, maxDegree, tide, c, s);
    }

    /// <summary>Nₙₘ = √((2 − δₘ₀)(2n + 1)(n − m)!/(n + m)!), the factor with C(unnormalized) = Nₙₘ·C̄.</summary>
    internal static double NormalizationFactor(int n, int m)
    {
        double ratio = 1.0;
        for (int k = n - m + 1; k <= n + m; k++)
        {
            ratio /= k;
        }

        return Math.Sqrt((m == 0 ? 1.0 : 2.0) * ((2 * n) + 1) * ratio);
    }

    internal static void Split(string line, List<(int Start, int Length)> fields)
    {
        fields.Clear();
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
                fields.Add((start, i - start));
            }
        }
    }

    internal static int Integer(string line, (int Start, int Length) field, string source, int lineNumber)
    {
        if (!int.TryParse(line.AsSpan(field.Start, field.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 0)
        {
            throw new GravityFieldFormatException(source, lineNumber, field.Start + 1, $"expected a degree or order, found '{line.Substring(field.Start, field.Length)}'");
        }

        return value;
    }

    internal static double Number(string line, (int Start, int Length) field, string source, int lineNumber)
    {
        var span = line.AsSpan(field.Start, field.Length);
        Span<char> buffer = stackalloc char[span.Length];
        for (int i = 0; i < span.Length; i++)
        {
            buffer[i] = span[i] is 'D' or 'd' ? 'E' : span[i];
        }

        if (!double.TryParse(buffer, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new GravityFieldFormatException(source, lineNumber, field.Start + 1, $"expected a number, found '{span}'");
        }

        return value;
    }

    private static double Date(string line, (int Start, int Length) field, string source, int lineNumber)
    {
        // yyyymmdd.xxxx: a calendar date and a fraction of the day, as days since J2000 (12:00 on 2000-01-01).
        double value = Number(line, field, source, lineNumber);
        int whole = (int)Math.Floor(value);
        int year = whole / 10000, month = whole / 100 % 100, day = whole % 100;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            throw new GravityFieldFormatException(source, lineNumber, field.Start + 1, $"expected a date yyyymmdd.xxxx, found '{line.Substring(field.Start, field.Length)}'");
        }

        return new DateOnly(year, month, day).DayNumber - new DateOnly(2000, 1, 1).DayNumber + (value - whole) - 0.5;
    }

    private static double HeaderNumber(Dictionary<string, (string Value, int Line)> header, string key, string source, int endLine)
    {
        if (!header.TryGetValue(key, out var entry))
        {
            throw new GravityFieldFormatException(source, endLine, 1, $"the header has no '{key}'");
        }

        string text = entry.Value.Replace('D', 'E').Replace('d', 'e');
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value > 0 || key == "max_degree"))
        {
            throw new GravityFieldFormatException(source, entry.Line, 1, $"'{key}': expected a positive number, found '{entry.Value}'");
        }

        return value;
    }
}
