using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Steppe.Core.Bodies.Ephemerides;

/// <summary>
/// Reads JPL's binary export of a DE ephemeris (the files <c>asc2eph</c> writes, e.g. <c>linux_p1550p2650.440</c>):
/// fixed-length records of NCOEFF doubles. Record 1 holds the three title lines (3 × 84 characters), 400 constant
/// names (6 characters each), the span SS (start, end, interval), NCON, AU, EMRAT, the pointers IPT for items 1–12,
/// DENUM, the libration pointers, then — when NCON exceeds 400 — the further names and the pointers of items 14 and 15.
/// Record 2 holds the constants' values; the data records follow. The byte order is detected from NCON and DENUM.
/// A truncated file (fewer records than SS announces) is read as the records it holds. From bytes handed in.
/// </summary>
public static class JplBinaryEphemeris
{
    private const int TitleBytes = 3 * 84;
    private const int NameBytes = 6;

    /// <summary>Parses the bytes of a JPL binary ephemeris.</summary>
    /// <exception cref="FormatException">The header is not that of a JPL binary ephemeris, or the records are inconsistent.</exception>
    public static JplChebyshevEphemeris Read(ReadOnlySpan<byte> bytes) => ReadArray(bytes.ToArray());

    /// <summary>Parses a JPL binary ephemeris from a stream handed in (read to its end).</summary>
    /// <exception cref="FormatException">As <see cref="Read(ReadOnlySpan{byte})"/>.</exception>
    public static JplChebyshevEphemeris Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return ReadArray(copy.ToArray());
    }

    private static JplChebyshevEphemeris ReadArray(byte[] file)
    {
        var bytes = file.AsSpan();
        int at = TitleBytes + (400 * NameBytes);
        if (bytes.Length < at + 24 + 4 + 16 + 144 + 4 + 12)
        {
            throw new FormatException("Too short for a JPL binary ephemeris header.");
        }

        int ncon = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 24)..]);
        bool little = ncon is > 0 and < 100000;
        if (!little)
        {
            ncon = BinaryPrimitives.ReadInt32BigEndian(bytes[(at + 24)..]);
            if (ncon is <= 0 or >= 100000)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"NCON is {ncon} in either byte order: not a JPL binary ephemeris."));
            }
        }

        int Int(int offset) => little ? BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(offset)) : BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
        double Double(int offset) => little ? BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(offset)) : BinaryPrimitives.ReadDoubleBigEndian(file.AsSpan(offset));

        string title = string.Join(" | ", Enumerable.Range(0, 3).Select(i => Encoding.ASCII.GetString(file, i * 84, 84).Trim()));
        double au = Double(at + 28);
        double emrat = Double(at + 36);
        var items = new List<JplItemLayout>(15);
        int p = at + 44;
        for (int i = 0; i < 12; i++, p += 12)
        {
            items.Add(new JplItemLayout(Int(p), Int(p + 4), Int(p + 8), JplItemLayout.ComponentsOf((JplItem)i)));
        }

        int denum = Int(p);
        p += 4;
        items.Add(new JplItemLayout(Int(p), Int(p + 4), Int(p + 8), 3));
        p += 12;
        if (ncon > 400)
        {
            p += (ncon - 400) * NameBytes;
            if (bytes.Length >= p + 24)
            {
                items.Add(new JplItemLayout(Int(p), Int(p + 4), Int(p + 8), 3));
                items.Add(new JplItemLayout(Int(p + 12), Int(p + 16), Int(p + 20), 1));
            }
        }

        int ncoeff = items.Where(i => i.IsPresent).Select(i => i.End - 1).DefaultIfEmpty(0).Max();
        if (ncoeff < 2 || denum is <= 0 or > 100000)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Implausible header: DENUM {denum}, {ncoeff} coefficients per record."));
        }

        int recordBytes = ncoeff * 8;
        int dataRecords = (bytes.Length / recordBytes) - 2;
        if (dataRecords < 1)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The file holds no data record ({bytes.Length} bytes, records of {recordBytes})."));
        }

        var constants = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < ncon; i++)
        {
            int nameAt = i < 400 ? TitleBytes + (i * NameBytes) : at + 44 + 144 + 4 + 12 + ((i - 400) * NameBytes);
            string name = Encoding.ASCII.GetString(bytes.Slice(nameAt, NameBytes)).Trim();
            int valueAt = recordBytes + (i * 8);
            if (name.Length > 0 && valueAt + 8 <= 2 * recordBytes)
            {
                constants[name] = Double(valueAt);
            }
        }

        var records = new double[dataRecords * ncoeff];
        var data = bytes.Slice(2 * recordBytes, dataRecords * recordBytes);
        for (int i = 0; i < records.Length; i++)
        {
            records[i] = little ? BinaryPrimitives.ReadDoubleLittleEndian(data[(i * 8)..]) : BinaryPrimitives.ReadDoubleBigEndian(data[(i * 8)..]);
        }

        try
        {
            return new JplChebyshevEphemeris(string.Create(CultureInfo.InvariantCulture, $"JPL DE{denum}"), denum, au, emrat, items, ncoeff, records, constants);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{title}: {e.Message}"), e);
        }
    }
}
