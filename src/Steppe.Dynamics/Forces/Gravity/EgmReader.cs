namespace Steppe.Dynamics.Forces.Gravity;

/// <summary>
/// Reads the coefficient files NGA publishes for EGM96 and EGM2008 (<c>.egm</c>, <c>EGM96</c>/<c>EGM2008_to2190</c>
/// text): one line per coefficient, <c>n m C̄ S̄ [σC σS]</c>, fully normalized, with no header. GM, the reference radius
/// and the name therefore come from the caller; the defaults are EGM96's (and EGM2008's) GM = 398 600.4418 km³/s² and
/// a = 6378.1363 km. The highest degree is the highest one in the file.
/// </summary>
public static class EgmReader
{
    /// <summary>EGM96's and EGM2008's GM, km³/s².</summary>
    public const double EgmGmKm3PerS2 = 398_600.4418;

    /// <summary>EGM96's and EGM2008's reference radius, km.</summary>
    public const double EgmRadiusKm = 6378.1363;

    /// <summary>Reads a field from <paramref name="text"/>.</summary>
    /// <exception cref="GravityFieldFormatException">A line is malformed (the message names line and column).</exception>
    public static GravityField Parse(string text, string modelName = "EGM96", double gmKm3PerS2 = EgmGmKm3PerS2, double radiusKm = EgmRadiusKm, string sourceName = "EGM file")
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<(int N, int M, double C, double S)>();
        var fields = new List<(int Start, int Length)>(6);
        int lineNumber = 0, maxDegree = -1;
        using (var reader = new StringReader(text))
        {
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNumber++;
                IcgemReader.Split(line, fields);
                if (fields.Count == 0)
                {
                    continue;
                }

                if (fields.Count < 4)
                {
                    int column = fields[^1].Start + fields[^1].Length + 1;
                    throw new GravityFieldFormatException(sourceName, lineNumber, column, $"expected 'n m C S', found {fields.Count} fields");
                }

                int n = IcgemReader.Integer(line, fields[0], sourceName, lineNumber);
                int m = IcgemReader.Integer(line, fields[1], sourceName, lineNumber);
                if (m > n)
                {
                    throw new GravityFieldFormatException(sourceName, lineNumber, fields[1].Start + 1, $"order {m} is not within 0…{n}");
                }

                if (n > 10_000)
                {
                    throw new GravityFieldFormatException(sourceName, lineNumber, fields[0].Start + 1, $"degree {n} is out of range");
                }

                entries.Add((n, m, IcgemReader.Number(line, fields[2], sourceName, lineNumber), IcgemReader.Number(line, fields[3], sourceName, lineNumber)));
                maxDegree = Math.Max(maxDegree, n);
            }
        }

        if (maxDegree < 0)
        {
            throw new GravityFieldFormatException(sourceName, 0, 0, "no coefficients");
        }

        int count = GravityField.Index(maxDegree, maxDegree) + 1;
        var c = new double[count];
        var s = new double[count];
        c[0] = 1.0; // NGA files start at degree 2; the central term is implied.
        foreach (var (n, m, cValue, sValue) in entries)
        {
            int k = GravityField.Index(n, m);
            c[k] = cValue;
            s[k] = sValue;
        }

        return new GravityField(modelName, gmKm3PerS2, radiusKm, maxDegree, TideSystem.TideFree, c, s);
    }
}
