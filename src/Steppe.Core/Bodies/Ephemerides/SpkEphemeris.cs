using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Bodies.Ephemerides;

/// <summary>One segment of an SPK file, as its DAF summary describes it.</summary>
/// <param name="Target">NAIF ID of the body.</param>
/// <param name="Center">NAIF ID of the body it is relative to.</param>
/// <param name="Frame">NAIF frame code (1: J2000, which SPK uses for ICRF axes).</param>
/// <param name="Type">SPK data type (2: Chebyshev position; 3: Chebyshev position and velocity).</param>
/// <param name="StartSeconds">First epoch, TDB seconds past J2000.</param>
/// <param name="EndSeconds">Last epoch, TDB seconds past J2000.</param>
/// <param name="Name">The segment's name.</param>
public sealed record SpkSegment(int Target, int Center, int Frame, int Type, double StartSeconds, double EndSeconds, string Name);

/// <summary>
/// Reads a NAIF SPK file (a DAF container; NAIF "SPK Required Reading" and "DAF Required Reading") holding Chebyshev
/// segments of type 2 (position; velocity from the derivative) and type 3 (position and velocity), such as JPL's
/// DE kernels (<c>de440s.bsp</c>, <c>de421.bsp</c>). States chain segments through their centres to the solar-system
/// barycentre (NAIF 0): the Earth (399) and the Moon (301) through the Earth–Moon barycentre (3), the planets through
/// their system barycentres (1–9), the Sun (10). Segments of other types or frames are kept aside
/// (<see cref="SkippedSegments"/>). The segment last used for each body is remembered and a record is found by
/// division, so a lookup does not allocate. From bytes handed in.
/// </summary>
public sealed class SpkEphemeris : SolarSystemEphemeris
{
    private const double SecondsPerDay = 86400.0;
    private readonly double[] _words;
    private readonly Dictionary<int, Chain> _byTarget = [];
    private readonly List<SpkSegment> _segments = [];
    private readonly List<SpkSegment> _skipped = [];

    private SpkEphemeris(string name, double[] words)
    {
        Name = name;
        _words = words;
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override Instant Start => Instant.FromTdb(new JulianDate(JulianDate.J2000, CommonStartSeconds / SecondsPerDay));

    /// <inheritdoc/>
    public override Instant End => Instant.FromTdb(new JulianDate(JulianDate.J2000, CommonEndSeconds / SecondsPerDay));

    /// <summary>The segments used (types 2 and 3 with J2000 axes).</summary>
    public IReadOnlyList<SpkSegment> Segments => _segments;

    /// <summary>Segments of other types or frames, not used.</summary>
    public IReadOnlyList<SpkSegment> SkippedSegments => _skipped;

    private double CommonStartSeconds { get; set; } = double.NegativeInfinity;

    private double CommonEndSeconds { get; set; } = double.PositiveInfinity;

    /// <summary>Parses an SPK file from a stream handed in (read to its end).</summary>
    /// <exception cref="FormatException">As <see cref="Read(ReadOnlySpan{byte})"/>.</exception>
    public static SpkEphemeris Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Read(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }

    /// <summary>Parses an SPK file.</summary>
    /// <exception cref="FormatException">The bytes are not a DAF/SPK file, or a segment is malformed.</exception>
    public static SpkEphemeris Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 1024 || !Encoding.ASCII.GetString(bytes[..8]).StartsWith("DAF/SPK", StringComparison.Ordinal))
        {
            throw new FormatException("Not an SPK file (the file record must begin with 'DAF/SPK').");
        }

        string format = Encoding.ASCII.GetString(bytes.Slice(88, 8));
        bool little = format switch
        {
            "LTL-IEEE" => true,
            "BIG-IEEE" => false,
            _ => BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]) == 2,
        };

        int Int(ReadOnlySpan<byte> b, int at) => little ? BinaryPrimitives.ReadInt32LittleEndian(b[at..]) : BinaryPrimitives.ReadInt32BigEndian(b[at..]);
        int nd = Int(bytes, 8);
        int ni = Int(bytes, 12);
        int forward = Int(bytes, 76);
        if (nd != 2 || ni != 6)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"An SPK summary has ND = 2 and NI = 6; this file has {nd} and {ni}."));
        }

        string name = Encoding.ASCII.GetString(bytes.Slice(16, 60)).Trim();
        var words = new double[bytes.Length / 8];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = little ? BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]) : BinaryPrimitives.ReadDoubleBigEndian(bytes[(i * 8)..]);
        }

        var spk = new SpkEphemeris(name.Length > 0 ? "SPK " + name : "SPK", words);
        int summaryWords = nd + ((ni + 1) / 2);
        int record = forward;
        int guard = 0;
        while (record > 0)
        {
            if (++guard > 100000 || (long)record * 1024 > bytes.Length)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Summary record {record} lies outside the file."));
            }

            int at = (record - 1) * 1024;
            var summary = bytes.Slice(at, 1024);
            var names = (long)(record + 1) * 1024 <= bytes.Length ? bytes.Slice(at + 1024, 1024) : default;
            double next = words[at / 8];
            int count = (int)words[(at / 8) + 2];
            for (int s = 0; s < count; s++)
            {
                int w = 3 + (s * summaryWords);
                double start = words[(at / 8) + w];
                double end = words[(at / 8) + w + 1];
                int ints = (w + 2) * 8;
                int target = Int(summary, ints), center = Int(summary, ints + 4), frame = Int(summary, ints + 8), type = Int(summary, ints + 12);
                int begin = Int(summary, ints + 16), finish = Int(summary, ints + 20);
                int nameBytes = summaryWords * 8;
                string segmentName = names.Length >= (s + 1) * nameBytes ? Encoding.ASCII.GetString(names.Slice(s * nameBytes, nameBytes)).Trim() : string.Empty;
                spk.Add(new SpkSegment(target, center, frame, type, start, end, segmentName), begin, finish);
            }

            record = (int)next;
        }

        if (spk._segments.Count == 0)
        {
            throw new FormatException("The SPK file holds no segment of type 2 or 3 with J2000 axes.");
        }

        // The span every body of the file covers.
        spk.CommonStartSeconds = spk._byTarget.Values.Max(c => c.Segments.Min(s => s.Segment.StartSeconds));
        spk.CommonEndSeconds = spk._byTarget.Values.Min(c => c.Segments.Max(s => s.Segment.EndSeconds));
        return spk;
    }

    private void Add(SpkSegment segment, int beginWord, int endWord)
    {
        if ((segment.Type is not (2 or 3)) || segment.Frame != 1)
        {
            _skipped.Add(segment);
            return;
        }

        if (beginWord < 1 || endWord > _words.Length || endWord - beginWord < 4)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Segment {segment.Target}→{segment.Center} addresses words {beginWord}–{endWord}, outside the file."));
        }

        // The directory at the segment's end: INIT, INTLEN, RSIZE, N.
        double init = _words[endWord - 4];
        double intervalSeconds = _words[endWord - 3];
        int recordSize = (int)_words[endWord - 2];
        int count = (int)_words[endWord - 1];
        int components = segment.Type == 2 ? 3 : 6;
        int coefficients = (recordSize - 2) / components;
        if (coefficients < 1 || (coefficients * components) + 2 != recordSize || count < 1 || (long)count * recordSize > endWord - beginWord - 3 || !(intervalSeconds > 0))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Segment {segment.Target}→{segment.Center}: inconsistent directory (RSIZE {recordSize}, N {count}, INTLEN {intervalSeconds})."));
        }

        _segments.Add(segment);
        var data = new SegmentData(segment, beginWord - 1, init, intervalSeconds, recordSize, count, coefficients);
        if (!_byTarget.TryGetValue(segment.Target, out var chain))
        {
            chain = new Chain();
            _byTarget[segment.Target] = chain;
        }

        chain.Segments.Add(data);
    }

    /// <inheritdoc/>
    public override BodyState StateAtTdb(SolarSystemBody target, SolarSystemBody center, JulianDate tdb)
    {
        double whole = (tdb.Whole - JulianDate.J2000) * SecondsPerDay, fraction = tdb.Fraction * SecondsPerDay;
        if (target == center)
        {
            _ = Barycentric(NaifId(target), whole, fraction);
            return default;
        }

        return Barycentric(NaifId(target), whole, fraction) - Barycentric(NaifId(center), whole, fraction);
    }

    /// <summary>The state of a NAIF body relative to the solar-system barycentre, by chaining segments.</summary>
    /// <exception cref="EphemerisSpanException">No segment of the chain covers the epoch.</exception>
    /// <exception cref="ArgumentException">The file has no segment for a body of the chain.</exception>
    public BodyState BarycentricState(int naifId, JulianDate tdb) => Barycentric(naifId, (tdb.Whole - JulianDate.J2000) * SecondsPerDay, tdb.Fraction * SecondsPerDay);

    /// <summary>The barycentric state at TDB seconds past J2000 given as two parts (kept apart for precision).</summary>
    private BodyState Barycentric(int id, double wholeSeconds, double fractionSeconds)
    {
        double seconds = wholeSeconds + fractionSeconds;
        var sum = default(BodyState);
        int guard = 0;
        while (id != 0)
        {
            if (!_byTarget.TryGetValue(id, out var chain))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{Name} has no segment for NAIF body {id}."), nameof(id));
            }

            var segment = chain.Find(seconds, Name);
            sum += segment.State(_words, wholeSeconds, fractionSeconds);
            id = segment.Segment.Center;
            if (++guard > 32)
            {
                throw new FormatException("The SPK segments form a loop.");
            }
        }

        return sum;
    }

    /// <summary>The NAIF ID of a body (the planets' system barycentres, as the DE files give them).</summary>
    public static int NaifId(SolarSystemBody body) => body switch
    {
        SolarSystemBody.SolarSystemBarycenter => 0,
        >= SolarSystemBody.Mercury and <= SolarSystemBody.Pluto and not SolarSystemBody.Earth => (int)body,
        SolarSystemBody.Earth => 399,
        SolarSystemBody.Moon => 301,
        SolarSystemBody.Sun => 10,
        SolarSystemBody.EarthMoonBarycenter => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(body), body, "Unknown body."),
    };

    private sealed class Chain
    {
        public List<SegmentData> Segments { get; } = [];

        private int _last;

        public SegmentData Find(double seconds, string name)
        {
            var segments = Segments;
            int last = _last;
            if (last < segments.Count && segments[last].Covers(seconds))
            {
                return segments[last];
            }

            for (int i = segments.Count - 1; i >= 0; i--)
            {
                if (segments[i].Covers(seconds))
                {
                    _last = i;
                    return segments[i];
                }
            }

            double start = segments.Min(s => s.Segment.StartSeconds), end = segments.Max(s => s.Segment.EndSeconds);
            throw new EphemerisSpanException(
                string.Create(CultureInfo.InvariantCulture, $"{name} (NAIF {segments[0].Segment.Target} relative to {segments[0].Segment.Center})"),
                JulianDate.J2000 + (start / SecondsPerDay),
                JulianDate.J2000 + (end / SecondsPerDay),
                JulianDate.J2000 + (seconds / SecondsPerDay));
        }
    }

    private sealed record SegmentData(SpkSegment Segment, int FirstWord, double Init, double IntervalSeconds, int RecordSize, int Count, int Coefficients)
    {
        public bool Covers(double seconds) => seconds >= Segment.StartSeconds && seconds <= Segment.EndSeconds;

        public BodyState State(double[] words, double wholeSeconds, double fractionSeconds)
        {
            int record = Math.Clamp((int)Math.Floor(((wholeSeconds - Init) + fractionSeconds) / IntervalSeconds), 0, Count - 1);
            int at = FirstWord + (record * RecordSize);
            double mid = words[at], radius = words[at + 1];
            double tc = ((wholeSeconds - mid) + fractionSeconds) / radius;
            var span = words.AsSpan(at + 2);
            int n = Coefficients;
            Chebyshev.Evaluate(span[..n], tc, out double x, out double dx);
            Chebyshev.Evaluate(span.Slice(n, n), tc, out double y, out double dy);
            Chebyshev.Evaluate(span.Slice(2 * n, n), tc, out double z, out double dz);
            var position = new Vector3D(x, y, z);
            if (Segment.Type == 3)
            {
                Chebyshev.Evaluate(span.Slice(3 * n, n), tc, out double vx, out _);
                Chebyshev.Evaluate(span.Slice(4 * n, n), tc, out double vy, out _);
                Chebyshev.Evaluate(span.Slice(5 * n, n), tc, out double vz, out _);
                return new BodyState(position, new Vector3D(vx, vy, vz));
            }

            return new BodyState(position, new Vector3D(dx, dy, dz) / radius);
        }
    }
}
