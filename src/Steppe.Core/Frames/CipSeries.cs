using System.Globalization;
using System.Reflection;

namespace Steppe.Core.Frames;

/// <summary>
/// The IAU 2006/2000A series of the IERS Conventions (2010) for the CIP coordinates X, Y (Tables 5.2a, 5.2b) and the
/// quantity s + XY/2 (Table 5.2d), read once from the embedded tables (origin in Frames/Data/README.md) and evaluated
/// with every distinct argument's sine and cosine computed once for all three series (X and Y share most of theirs).
/// Each series is a polynomial in t plus Σⱼ tʲ Σᵢ (a_s sin ARGᵢ + a_c cos ARGᵢ), j = 0…4, amplitudes in µas, ARG an
/// integer combination of the 14 fundamental arguments (IERS Conventions 2010 eqs. 5.16, 5.43, 5.44).
/// </summary>
internal sealed class CipSeries
{
    /// <summary>The number of fundamental arguments: l, l′, F, D, Ω, L_Me … L_Ne, p_A.</summary>
    public const int ArgumentCount = 14;

    private const int Powers = 5;
    private const double MicroarcsecToRad = Math.PI / (180.0 * 3600.0 * 1e6);

    private static readonly Lazy<CipSeries> s_instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    // Distinct arguments, sparse: the multipliers of argument u are _multipliers[_start[u] .. _start[u + 1]) applied to the
    // fundamental arguments _argumentIndex[...].
    private readonly int[] _start;
    private readonly byte[] _argumentIndex;
    private readonly double[] _multipliers;

    // For each series (0 = X, 1 = Y, 2 = s + XY/2) and power j: the terms' distinct-argument indices and amplitudes (rad).
    private readonly Series[] _series;

    private CipSeries(int[] start, byte[] argumentIndex, double[] multipliers, Series[] series)
    {
        _start = start;
        _argumentIndex = argumentIndex;
        _multipliers = multipliers;
        _series = series;
    }

    /// <summary>The series, parsed on first use.</summary>
    public static CipSeries Instance => s_instance.Value;

    /// <summary>The number of distinct arguments across the three series.</summary>
    public int DistinctArguments => _start.Length - 1;

    /// <summary>The number of terms in X, Y and s + XY/2 (all powers of t).</summary>
    public (int X, int Y, int S) TermCounts => (_series[0].Count, _series[1].Count, _series[2].Count);

    /// <summary>X, Y (rad) and s + XY/2 (rad) at <paramref name="t"/>, TT Julian centuries since J2000.0.</summary>
    public (double X, double Y, double SPlusXyHalf) Evaluate(double t)
    {
        Span<double> fa = stackalloc double[ArgumentCount];
        FundamentalArguments(t, fa);

        int n = DistinctArguments;
        Span<double> sines = n <= 4096 ? stackalloc double[n] : new double[n];
        Span<double> cosines = n <= 4096 ? stackalloc double[n] : new double[n];
        var start = _start;
        var index = _argumentIndex;
        var mult = _multipliers;
        for (int u = 0; u < n; u++)
        {
            double arg = 0;
            for (int k = start[u]; k < start[u + 1]; k++)
            {
                arg += mult[k] * fa[index[k]];
            }

            (sines[u], cosines[u]) = Math.SinCos(arg);
        }

        return (_series[0].Sum(t, sines, cosines), _series[1].Sum(t, sines, cosines), _series[2].Sum(t, sines, cosines));
    }

    /// <summary>
    /// X, Y and s + XY/2 as <see cref="Evaluate"/>, interpolated (6-point Lagrange) between values of the series at
    /// nodes every <see cref="NodeSpacingDays"/> days of TT on a fixed grid from J2000.0, as Orekit does for the same
    /// series. The shortest periods in the series are about 4.7 days (amplitudes below 0.1 mas), so the interpolation
    /// error stays below 10⁻¹² rad (the tests measure 5 × 10⁻¹⁶ rad over 1940–2060); node values are a pure function
    /// of the node, kept in a bounded thread-safe memo, so the result never depends on what was asked before.
    /// </summary>
    public (double X, double Y, double SPlusXyHalf) EvaluateInterpolated(double t)
    {
        double days = t * 36525.0;
        double k = Math.Floor(days / NodeSpacingDays);
        double x = (days - (k * NodeSpacingDays)) / NodeSpacingDays;
        long first = (long)k - 2;

        // Lagrange weights for nodes at −2 … 3 (x in [0, 1)): w_j = Π_{m≠j} (x − m)/(j − m).
        Span<double> w = stackalloc double[6];
        for (int j = 0; j < 6; j++)
        {
            double num = 1, den = 1;
            for (int m = 0; m < 6; m++)
            {
                if (m == j) continue;
                num *= x - (m - 2);
                den *= j - m;
            }

            w[j] = num / den;
        }

        double sx = 0, sy = 0, ss = 0;
        for (int j = 0; j < 6; j++)
        {
            var node = Node(first + j);
            sx += w[j] * node.X;
            sy += w[j] * node.Y;
            ss += w[j] * node.SPlusXyHalf;
        }

        return (sx, sy, ss);
    }

    /// <summary>The spacing of the interpolation nodes, days (3 h).</summary>
    public const double NodeSpacingDays = 0.125;

    private const int MaxNodes = 8192;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (double X, double Y, double SPlusXyHalf)> _nodes = new();

    private (double X, double Y, double SPlusXyHalf) Node(long index)
    {
        if (_nodes.TryGetValue(index, out var value))
        {
            return value;
        }

        value = Evaluate(index * NodeSpacingDays / 36525.0);
        if (_nodes.Count >= MaxNodes)
        {
            _nodes.Clear();
        }

        _nodes[index] = value;
        return value;
    }

    /// <summary>The 14 fundamental arguments (rad) of the IERS Conventions (2010), eqs. 5.43 (Delaunay, Simon et al.
    /// 1994) and 5.44 (planetary longitudes and the general precession p_A, Souchay et al. 1999).</summary>
    public static void FundamentalArguments(double t, Span<double> fa)
    {
        const double arcsecToRad = Math.PI / (180.0 * 3600.0);
        const double turnArcsec = 1296000.0;
        fa[0] = (Poly(t, 485868.249036, 1717915923.2178, 31.8792, 0.051635, -0.00024470) % turnArcsec) * arcsecToRad;
        fa[1] = (Poly(t, 1287104.793048, 129596581.0481, -0.5532, 0.000136, -0.00001149) % turnArcsec) * arcsecToRad;
        fa[2] = (Poly(t, 335779.526232, 1739527262.8478, -12.7512, -0.001037, 0.00000417) % turnArcsec) * arcsecToRad;
        fa[3] = (Poly(t, 1072260.703692, 1602961601.2090, -6.3706, 0.006593, -0.00003169) % turnArcsec) * arcsecToRad;
        fa[4] = (Poly(t, 450160.398036, -6962890.5431, 7.4722, 0.007702, -0.00005939) % turnArcsec) * arcsecToRad;
        fa[5] = (4.402608842 + (2608.7903141574 * t)) % (2.0 * Math.PI);
        fa[6] = (3.176146697 + (1021.3285546211 * t)) % (2.0 * Math.PI);
        fa[7] = (1.753470314 + (628.3075849991 * t)) % (2.0 * Math.PI);
        fa[8] = (6.203480913 + (334.0612426700 * t)) % (2.0 * Math.PI);
        fa[9] = (0.599546497 + (52.9690962641 * t)) % (2.0 * Math.PI);
        fa[10] = (0.874016757 + (21.3299104960 * t)) % (2.0 * Math.PI);
        fa[11] = (5.481293872 + (7.4781598567 * t)) % (2.0 * Math.PI);
        fa[12] = (5.311886287 + (3.8133035638 * t)) % (2.0 * Math.PI);
        fa[13] = (0.02438175 + (0.00000538691 * t)) * t;
    }

    private static double Poly(double t, double c0, double c1, double c2, double c3, double c4) =>
        c0 + (t * (c1 + (t * (c2 + (t * (c3 + (t * c4)))))));

    private static CipSeries Load()
    {
        var assembly = typeof(CipSeries).Assembly;
        var parsed = new[]
        {
            ParseTable(ReadResource(assembly, "tab5.2a.txt"), "tab5.2a.txt"),
            ParseTable(ReadResource(assembly, "tab5.2b.txt"), "tab5.2b.txt"),
            ParseTable(ReadResource(assembly, "tab5.2d.txt"), "tab5.2d.txt"),
        };
        return Build(parsed);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream("Steppe.Core.Frames.Data." + name)
            ?? throw new InvalidOperationException($"The embedded IERS table {name} is missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>One table as read: the polynomial coefficients (µas) and, for each power j, its rows.</summary>
    internal sealed record Table(double[] Polynomial, List<(double Sin, double Cos, int[] Multipliers)>[] Terms);

    /// <summary>Reads one IERS table in the layout of the Conventions' electronic tables 5.2a/b/d: a "Polynomial part"
    /// line, then blocks "j = N  Number of terms = M" of rows "i a_s a_c" followed by the 14 argument multipliers.</summary>
    internal static Table ParseTable(string text, string name)
    {
        var lines = text.Split('\n');
        double[]? polynomial = null;
        var terms = new List<(double, double, int[])>[Powers];
        int[] expected = new int[Powers];
        int power = -1;
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (polynomial is null && line.StartsWith("Polynomial part", StringComparison.Ordinal))
            {
                int p = n + 1;
                while (p < lines.Length && lines[p].Trim().Length == 0) p++;
                polynomial = ParsePolynomial(p < lines.Length ? lines[p] : string.Empty, name, p + 1);
                n = p;
                continue;
            }

            if (line.StartsWith("j = ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

                // "j = 0 Number of terms = 1306"
                if (parts.Length < 8 || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out power)
                    || power < 0 || power >= Powers
                    || !int.TryParse(parts[7], NumberStyles.Integer, CultureInfo.InvariantCulture, out expected[power]))
                {
                    throw new FormatException($"{name} line {n + 1}: expected \"j = <0-4>  Number of terms = <count>\", found \"{line}\".");
                }

                terms[power] = new List<(double, double, int[])>(expected[power]);
                continue;
            }

            if (power < 0 || !char.IsAsciiDigit(line[0]))
            {
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3 + ArgumentCount)
            {
                throw new FormatException($"{name} line {n + 1}: expected {3 + ArgumentCount} columns (i, a_s, a_c and {ArgumentCount} multipliers), found {fields.Length}.");
            }

            var multipliers = new int[ArgumentCount];
            for (int k = 0; k < ArgumentCount; k++)
            {
                multipliers[k] = int.Parse(fields[3 + k], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            }

            terms[power].Add((ParseNumber(fields[1], name, n + 1), ParseNumber(fields[2], name, n + 1), multipliers));
        }

        if (polynomial is null)
        {
            throw new FormatException($"{name}: no \"Polynomial part\" line.");
        }

        for (int j = 0; j < Powers; j++)
        {
            if (terms[j] is null || terms[j].Count != expected[j])
            {
                throw new FormatException($"{name}: the block j = {j} should hold {expected[j]} terms, found {terms[j]?.Count ?? 0}.");
            }
        }

        return new Table(polynomial, terms);
    }

    private static double ParseNumber(string field, string name, int line) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new FormatException($"{name} line {line}: expected a number, found \"{field}\".");

    /// <summary>Reads e.g. " - 16617. + 2004191898. t - 429782.9 t^2 - 198618.34 t^3 + 7.578 t^4 + 5.9285 t^5".</summary>
    internal static double[] ParsePolynomial(string line, string name, int lineNumber)
    {
        var coefficients = new double[6];
        var seen = new bool[6];
        var tokens = line.Replace("+", " + ", StringComparison.Ordinal).Replace("-", " - ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double sign = 1;
        for (int i = 0; i < tokens.Length; i++)
        {
            string token = tokens[i];
            if (token == "+") { sign = 1; continue; }
            if (token == "-") { sign = -1; continue; }
            double value = ParseNumber(token, name, lineNumber);
            int degree = 0;
            if (i + 1 < tokens.Length && tokens[i + 1].StartsWith('t'))
            {
                string power = tokens[++i];
                degree = power == "t" ? 1
                    : power.StartsWith("t^", StringComparison.Ordinal) && int.TryParse(power.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int d) ? d
                    : -1;
            }

            if (degree < 0 || degree > 5 || seen[degree])
            {
                throw new FormatException($"{name} line {lineNumber}: cannot read the polynomial \"{line.Trim()}\".");
            }

            seen[degree] = true;
            coefficients[degree] = sign * value;
            sign = 1;
        }

        if (!seen[0] || !seen[1])
        {
            throw new FormatException($"{name} line {lineNumber}: cannot read the polynomial \"{line.Trim()}\".");
        }

        return coefficients;
    }

    internal static CipSeries Build(Table[] tables)
    {
        var distinct = new Dictionary<string, int>();
        var start = new List<int> { 0 };
        var argumentIndex = new List<byte>();
        var multipliers = new List<double>();
        var series = new Series[tables.Length];
        for (int s = 0; s < tables.Length; s++)
        {
            var table = tables[s];
            var byPower = new (int[] Index, double[] Sin, double[] Cos)[Powers];
            for (int j = 0; j < Powers; j++)
            {
                var rows = table.Terms[j];
                var index = new int[rows.Count];
                var sin = new double[rows.Count];
                var cos = new double[rows.Count];

                // Smallest terms first, for the rounding.
                for (int r = 0; r < rows.Count; r++)
                {
                    var (a, b, m) = rows[rows.Count - 1 - r];
                    string key = string.Join(',', m);
                    if (!distinct.TryGetValue(key, out int u))
                    {
                        u = distinct.Count;
                        distinct.Add(key, u);
                        for (int k = 0; k < ArgumentCount; k++)
                        {
                            if (m[k] != 0)
                            {
                                argumentIndex.Add((byte)k);
                                multipliers.Add(m[k]);
                            }
                        }

                        start.Add(argumentIndex.Count);
                    }

                    index[r] = u;
                    sin[r] = a * MicroarcsecToRad;
                    cos[r] = b * MicroarcsecToRad;
                }

                byPower[j] = (index, sin, cos);
            }

            series[s] = new Series(table.Polynomial.Select(c => c * MicroarcsecToRad).ToArray(), byPower);
        }

        return new CipSeries([.. start], [.. argumentIndex], [.. multipliers], series);
    }

    private sealed class Series
    {
        private readonly double[] _polynomial;
        private readonly (int[] Index, double[] Sin, double[] Cos)[] _byPower;

        public Series(double[] polynomial, (int[] Index, double[] Sin, double[] Cos)[] byPower)
        {
            _polynomial = polynomial;
            _byPower = byPower;
        }

        public int Count => _byPower.Sum(p => p.Index.Length);

        public double Sum(double t, ReadOnlySpan<double> sines, ReadOnlySpan<double> cosines)
        {
            // Highest power first (Horner): Σⱼ tʲ Sⱼ = S₀ + t (S₁ + t (S₂ + …)).
            double periodic = 0;
            for (int j = Powers - 1; j >= 0; j--)
            {
                var (index, a, b) = _byPower[j];
                double sj = 0;
                for (int r = 0; r < index.Length; r++)
                {
                    int u = index[r];
                    sj += (a[r] * sines[u]) + (b[r] * cosines[u]);
                }

                periodic = (periodic * t) + sj;
            }

            var p = _polynomial;
            double poly = p[0] + (t * (p[1] + (t * (p[2] + (t * (p[3] + (t * (p[4] + (t * p[5])))))))));
            return poly + periodic;
        }
    }
}
