using System.Globalization;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Bodies.Ephemerides;

/// <summary>The items of a JPL DE ephemeris record, in the order of its coefficient pointers (IPT).</summary>
public enum JplItem
{
    /// <summary>Mercury, barycentric.</summary>
    Mercury = 0,

    /// <summary>Venus, barycentric.</summary>
    Venus = 1,

    /// <summary>The Earth–Moon barycentre, barycentric.</summary>
    EarthMoonBarycenter = 2,

    /// <summary>The Mars system barycentre, barycentric.</summary>
    Mars = 3,

    /// <summary>The Jupiter system barycentre, barycentric.</summary>
    Jupiter = 4,

    /// <summary>The Saturn system barycentre, barycentric.</summary>
    Saturn = 5,

    /// <summary>The Uranus system barycentre, barycentric.</summary>
    Uranus = 6,

    /// <summary>The Neptune system barycentre, barycentric.</summary>
    Neptune = 7,

    /// <summary>The Pluto system barycentre, barycentric.</summary>
    Pluto = 8,

    /// <summary>The Moon, geocentric.</summary>
    GeocentricMoon = 9,

    /// <summary>The Sun, barycentric.</summary>
    Sun = 10,

    /// <summary>Nutations in longitude and obliquity (IAU 1980), radians.</summary>
    Nutations = 11,

    /// <summary>Lunar mantle libration angles, radians.</summary>
    Librations = 12,

    /// <summary>Lunar mantle angular velocity, radians/day.</summary>
    LunarMantleAngularVelocity = 13,

    /// <summary>TT − TDB at the geocentre, seconds.</summary>
    TtMinusTdb = 14,
}

/// <summary>Where one item's coefficients sit in a record: JPL's IPT triple plus the item's component count.</summary>
/// <param name="Offset">1-based index of the item's first coefficient in the record (the record's first two words are its start and end dates).</param>
/// <param name="Coefficients">Chebyshev coefficients per component and subinterval (0: the item is absent).</param>
/// <param name="Subintervals">Subintervals per record.</param>
/// <param name="Components">Components (3 for positions, 2 for nutations, 1 for TT − TDB).</param>
public readonly record struct JplItemLayout(int Offset, int Coefficients, int Subintervals, int Components)
{
    /// <summary>Whether the item has coefficients.</summary>
    public bool IsPresent => Coefficients > 0 && Subintervals > 0 && Offset > 0;

    /// <summary>1 past the last coefficient (1-based), the record length this item needs.</summary>
    public int End => Offset + (Coefficients * Subintervals * Components);

    /// <summary>The number of components of a JPL item.</summary>
    public static int ComponentsOf(JplItem item) => item switch
    {
        JplItem.Nutations => 2,
        JplItem.TtMinusTdb => 1,
        _ => 3,
    };
}

/// <summary>
/// A JPL development ephemeris (DE) held as JPL lays it out: fixed-length records of Chebyshev coefficients, each record
/// beginning with its start and end dates (TDB Julian dates) and covering an equal interval, and each item (a body, the
/// nutations, the librations) split into equal subintervals. Positions are in km, rates per day (turned to per second at
/// the public boundary). The Earth and the Moon come from the Earth–Moon barycentre and the geocentric Moon with the
/// Earth/Moon mass ratio EMRAT, as JPL's PLEPH does; the Earth–Moon pair alone uses the geocentric Moon directly.
/// Built by <see cref="JplAsciiEphemeris"/>, <see cref="JplBinaryEphemeris"/> and <see cref="CompactEphemeris"/>.
/// Looking a state up does not allocate: the record is found by division and the Chebyshev sums are recurrences.
/// </summary>
public sealed class JplChebyshevEphemeris : SolarSystemEphemeris
{
    private const double SecondsPerDay = 86400.0;
    private readonly double[] _records;
    private readonly JplItemLayout[] _items;
    private readonly double _startJd;
    private readonly double _endJd;
    private readonly double _intervalDays;
    private readonly int _recordLength;
    private readonly int _recordCount;
    private readonly double _earthShareOfMoon;
    private readonly double _moonShareOfMoon;

    /// <summary>Creates the ephemeris from its records (record-major, each <paramref name="recordLength"/> doubles).</summary>
    /// <exception cref="ArgumentException">The layout and the records disagree, or the records are not contiguous and equal.</exception>
    public JplChebyshevEphemeris(string name, int deNumber, double astronomicalUnitKm, double earthMoonMassRatio, IReadOnlyList<JplItemLayout> items, int recordLength, double[] records, IReadOnlyDictionary<string, double>? constants = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(records);
        if (items.Count is < 11 or > 15)
        {
            throw new ArgumentException("A JPL ephemeris has 11 to 15 items (Mercury … Sun, then nutations, librations, mantle, TT−TDB).", nameof(items));
        }

        if (recordLength < 2 || records.Length == 0 || records.Length % recordLength != 0)
        {
            throw new ArgumentException("The records must be a whole number of records of the given length.", nameof(records));
        }

        _items = new JplItemLayout[15];
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.IsPresent && item.End - 1 > recordLength)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Item {i + 1} ends at coefficient {item.End - 1}, past the record length {recordLength}."), nameof(items));
            }

            _items[i] = item;
        }

        for (int i = 0; i < 11; i++)
        {
            if (!_items[i].IsPresent || _items[i].Components != 3)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Item {i + 1} ({(JplItem)i}) must be present with 3 components."), nameof(items));
            }
        }

        if (!(earthMoonMassRatio > 0) || !(astronomicalUnitKm > 0))
        {
            throw new ArgumentException("EMRAT and the astronomical unit must be positive.", nameof(earthMoonMassRatio));
        }

        _records = records;
        _recordLength = recordLength;
        _recordCount = records.Length / recordLength;
        _startJd = records[0];
        _intervalDays = records[1] - records[0];
        if (!(_intervalDays > 0))
        {
            throw new ArgumentException("The first record's end date must follow its start date.", nameof(records));
        }

        for (int k = 1; k < _recordCount; k++)
        {
            double start = records[k * recordLength];
            double end = records[(k * recordLength) + 1];
            if (start != _startJd + (k * _intervalDays) || end != start + _intervalDays)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Record {k + 1} covers JD {start} to {end}; expected JD {_startJd + (k * _intervalDays)} to {_startJd + ((k + 1) * _intervalDays)} (records must be contiguous and of equal length)."), nameof(records));
            }
        }

        _endJd = _startJd + (_recordCount * _intervalDays);
        Name = name;
        DeNumber = deNumber;
        AstronomicalUnitKm = astronomicalUnitKm;
        EarthMoonMassRatio = earthMoonMassRatio;
        _earthShareOfMoon = 1.0 / (1.0 + earthMoonMassRatio);
        _moonShareOfMoon = earthMoonMassRatio / (1.0 + earthMoonMassRatio);
        Constants = constants ?? new Dictionary<string, double>();
        Start = Instant.FromTdb(new JulianDate(_startJd, 0.0));
        End = Instant.FromTdb(new JulianDate(_endJd, 0.0));
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <summary>The DE number (405, 421, 440…).</summary>
    public int DeNumber { get; }

    /// <summary>The astronomical unit the ephemeris was built with, km.</summary>
    public double AstronomicalUnitKm { get; }

    /// <summary>The Earth/Moon mass ratio EMRAT.</summary>
    public double EarthMoonMassRatio { get; }

    /// <summary>The file's named constants (empty where the format does not carry them).</summary>
    public IReadOnlyDictionary<string, double> Constants { get; }

    /// <inheritdoc/>
    public override Instant Start { get; }

    /// <inheritdoc/>
    public override Instant End { get; }

    /// <summary>The first TDB Julian date covered.</summary>
    public double StartTdbJulianDate => _startJd;

    /// <summary>The last TDB Julian date covered.</summary>
    public double EndTdbJulianDate => _endJd;

    /// <summary>Days per record.</summary>
    public double RecordIntervalDays => _intervalDays;

    /// <summary>The number of records.</summary>
    public int RecordCount => _recordCount;

    /// <summary>Doubles per record (including the two dates).</summary>
    public int RecordLength => _recordLength;

    /// <summary>The layout of the 15 items (absent ones have no coefficients).</summary>
    public IReadOnlyList<JplItemLayout> Items => _items;

    /// <summary>The records, record-major (for writers).</summary>
    internal ReadOnlySpan<double> Records => _records;

    /// <summary>Whether the ephemeris carries <paramref name="item"/>.</summary>
    public bool Has(JplItem item) => _items[(int)item].IsPresent;

    /// <summary>
    /// The raw value of one item at a TDB Julian date, as the file holds it: km and km/day for bodies (barycentric, the
    /// Moon geocentric), radians and radians/day for nutations and librations, seconds for TT − TDB.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="tdb">The TDB Julian date (two parts, for precision).</param>
    /// <param name="values">Receives the components (length ≥ the item's components).</param>
    /// <param name="ratesPerDay">Receives their rates per day (same length).</param>
    /// <exception cref="EphemerisSpanException">The date lies outside the span.</exception>
    /// <exception cref="ArgumentException">The ephemeris does not carry the item.</exception>
    public void EvaluateItem(JplItem item, JulianDate tdb, Span<double> values, Span<double> ratesPerDay)
    {
        var layout = _items[(int)item];
        if (!layout.IsPresent)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{Name} does not carry {item}."), nameof(item));
        }

        if (values.Length < layout.Components || ratesPerDay.Length < layout.Components)
        {
            throw new ArgumentException("The spans are shorter than the item's components.", nameof(values));
        }

        Locate(layout, tdb, out int baseIndex, out double tc, out double scale);
        for (int c = 0; c < layout.Components; c++)
        {
            Chebyshev.Evaluate(_records.AsSpan(baseIndex + (c * layout.Coefficients), layout.Coefficients), tc, out values[c], out double d);
            ratesPerDay[c] = d * scale;
        }
    }

    /// <inheritdoc/>
    public override BodyState StateAtTdb(SolarSystemBody target, SolarSystemBody center, JulianDate tdb)
    {
        if (target == center)
        {
            CheckSpan(tdb);
            return default;
        }

        // The Earth–Moon pair is the geocentric Moon itself (as PLEPH does), not a difference of barycentric states.
        if (target == SolarSystemBody.Moon && center == SolarSystemBody.Earth)
        {
            return Body(JplItem.GeocentricMoon, tdb);
        }

        if (target == SolarSystemBody.Earth && center == SolarSystemBody.Moon)
        {
            return Body(JplItem.GeocentricMoon, tdb) * -1.0;
        }

        return Barycentric(target, tdb) - Barycentric(center, tdb);
    }

    private BodyState Barycentric(SolarSystemBody body, JulianDate tdb)
    {
        switch (body)
        {
            case SolarSystemBody.SolarSystemBarycenter:
                CheckSpan(tdb);
                return default;
            case SolarSystemBody.Earth:
                return Body(JplItem.EarthMoonBarycenter, tdb) - (Body(JplItem.GeocentricMoon, tdb) * _earthShareOfMoon);
            case SolarSystemBody.Moon:
                return Body(JplItem.EarthMoonBarycenter, tdb) + (Body(JplItem.GeocentricMoon, tdb) * _moonShareOfMoon);
            case SolarSystemBody.EarthMoonBarycenter:
                return Body(JplItem.EarthMoonBarycenter, tdb);
            case SolarSystemBody.Sun:
                return Body(JplItem.Sun, tdb);
            case >= SolarSystemBody.Mercury and <= SolarSystemBody.Pluto:
                return Body((JplItem)((int)body - 1), tdb);
            default:
                throw new ArgumentOutOfRangeException(nameof(body), body, "Unknown body.");
        }
    }

    private BodyState Body(JplItem item, JulianDate tdb)
    {
        var layout = _items[(int)item];
        Locate(layout, tdb, out int baseIndex, out double tc, out double scale);
        int n = layout.Coefficients;
        var records = _records.AsSpan();
        Chebyshev.Evaluate(records.Slice(baseIndex, n), tc, out double x, out double dx);
        Chebyshev.Evaluate(records.Slice(baseIndex + n, n), tc, out double y, out double dy);
        Chebyshev.Evaluate(records.Slice(baseIndex + (2 * n), n), tc, out double z, out double dz);
        double v = scale / SecondsPerDay;
        return new BodyState(new Vector3D(x, y, z), new Vector3D(dx * v, dy * v, dz * v));
    }

    /// <summary>The index of the item's coefficients for the date, the normalised time in [−1, 1] and d(tc)/d(day).</summary>
    private void Locate(JplItemLayout layout, JulianDate tdb, out int baseIndex, out double tc, out double scale)
    {
        // Whole days and the fraction are kept apart until the offset into the record is small: summed first, a date
        // 70 years from the start would keep only 0.3 µs (1 cm of the Earth's motion).
        double wholeDays = tdb.Whole - _startJd;
        double days = wholeDays + tdb.Fraction;
        if (!(days >= 0.0 && days <= _endJd - _startJd))
        {
            throw new EphemerisSpanException(Name, _startJd, _endJd, tdb.Whole + tdb.Fraction);
        }

        int record = Math.Min((int)(days / _intervalDays), _recordCount - 1);
        double intoRecord = (wholeDays - (record * _intervalDays)) + tdb.Fraction;
        double subLength = _intervalDays / layout.Subintervals;
        int sub = Math.Clamp((int)Math.Floor(intoRecord / subLength), 0, layout.Subintervals - 1);
        tc = (2.0 * ((intoRecord - (sub * subLength)) / subLength)) - 1.0;
        scale = 2.0 / subLength;
        baseIndex = (record * _recordLength) + (layout.Offset - 1) + (sub * layout.Coefficients * layout.Components);
    }

    private void CheckSpan(JulianDate tdb)
    {
        double days = (tdb.Whole - _startJd) + tdb.Fraction;
        if (!(days >= 0.0 && days <= _endJd - _startJd))
        {
            throw new EphemerisSpanException(Name, _startJd, _endJd, tdb.Whole + tdb.Fraction);
        }
    }
}

/// <summary>Chebyshev series of the first kind and their derivatives, by the three-term recurrences.</summary>
internal static class Chebyshev
{
    /// <summary>Σ cₖ Tₖ(t) and its derivative with respect to t, for t in [−1, 1].</summary>
    public static void Evaluate(ReadOnlySpan<double> c, double t, out double value, out double derivative)
    {
        // Tₖ₊₁ = 2t Tₖ − Tₖ₋₁ and Tₖ₊₁′ = 2Tₖ + 2t Tₖ′ − Tₖ₋₁′, summed in the file's order (low degree first), as JPL does.
        int n = c.Length;
        double t2 = 2.0 * t;
        double p0 = 1.0, p1 = t, d0 = 0.0, d1 = 1.0;
        double sum = c[0], dsum = 0.0;
        if (n > 1)
        {
            sum += c[1] * t;
            dsum += c[1];
        }

        for (int k = 2; k < n; k++)
        {
            double p2 = (t2 * p1) - p0;
            double d2 = (2.0 * p1) + (t2 * d1) - d0;
            sum += c[k] * p2;
            dsum += c[k] * d2;
            p0 = p1;
            p1 = p2;
            d0 = d1;
            d1 = d2;
        }

        value = sum;
        derivative = dsum;
    }
}
