using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Steppe.Core.Bodies.Ephemerides;

/// <summary>
/// Steppe's compact binary form of a JPL DE ephemeris: the records of a chosen span with only the bodies (items 1–11:
/// Mercury … Pluto, the geocentric Moon, the Sun), coefficients unchanged (IEEE doubles, little-endian), so that it
/// gives exactly what the source gives. Layout: the 8 bytes <c>STPDE001</c>; DENUM, record length, record count and
/// item count (int32); AU (km) and EMRAT (double); per item its offset, coefficients and subintervals (int32); the
/// records, each beginning with its start and end TDB Julian dates as in JPL's files. Writing the same source and span
/// gives the same bytes.
/// </summary>
public static class CompactEphemeris
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("STPDE001");
    private const int BodyItems = 11;

    /// <summary>The compact form of the records of <paramref name="source"/> that overlap [<paramref name="startTdbJulianDate"/>, <paramref name="endTdbJulianDate"/>].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The span is empty or lies outside the source.</exception>
    public static byte[] Write(JplChebyshevEphemeris source, double startTdbJulianDate, double endTdbJulianDate)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!(endTdbJulianDate > startTdbJulianDate))
        {
            throw new ArgumentOutOfRangeException(nameof(endTdbJulianDate), endTdbJulianDate, "The end must follow the start.");
        }

        int first = Math.Max(0, (int)Math.Floor((startTdbJulianDate - source.StartTdbJulianDate) / source.RecordIntervalDays));
        int last = Math.Min(source.RecordCount - 1, (int)Math.Ceiling((endTdbJulianDate - source.StartTdbJulianDate) / source.RecordIntervalDays) - 1);
        if (last < first)
        {
            throw new ArgumentOutOfRangeException(nameof(startTdbJulianDate), startTdbJulianDate, "The span lies outside the source ephemeris.");
        }

        var layouts = new JplItemLayout[BodyItems];
        int offset = 3;
        for (int i = 0; i < BodyItems; i++)
        {
            var item = source.Items[i];
            layouts[i] = item with { Offset = offset };
            offset = layouts[i].End;
        }

        int recordLength = offset - 1;
        int count = last - first + 1;
        int headerBytes = Magic.Length + 16 + 16 + (BodyItems * 12);
        var bytes = new byte[headerBytes + (count * recordLength * 8)];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        int p = Magic.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[p..], source.DeNumber);
        BinaryPrimitives.WriteInt32LittleEndian(span[(p + 4)..], recordLength);
        BinaryPrimitives.WriteInt32LittleEndian(span[(p + 8)..], count);
        BinaryPrimitives.WriteInt32LittleEndian(span[(p + 12)..], BodyItems);
        BinaryPrimitives.WriteDoubleLittleEndian(span[(p + 16)..], source.AstronomicalUnitKm);
        BinaryPrimitives.WriteDoubleLittleEndian(span[(p + 24)..], source.EarthMoonMassRatio);
        p += 32;
        foreach (var item in layouts)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[p..], item.Offset);
            BinaryPrimitives.WriteInt32LittleEndian(span[(p + 4)..], item.Coefficients);
            BinaryPrimitives.WriteInt32LittleEndian(span[(p + 8)..], item.Subintervals);
            p += 12;
        }

        var records = source.Records;
        for (int k = first; k <= last; k++)
        {
            var record = records.Slice(k * source.RecordLength, source.RecordLength);
            BinaryPrimitives.WriteDoubleLittleEndian(span[p..], record[0]);
            BinaryPrimitives.WriteDoubleLittleEndian(span[(p + 8)..], record[1]);
            p += 16;
            for (int i = 0; i < BodyItems; i++)
            {
                var from = source.Items[i];
                int n = from.Coefficients * from.Subintervals * from.Components;
                foreach (double c in record.Slice(from.Offset - 1, n))
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(span[p..], c);
                    p += 8;
                }
            }
        }

        return bytes;
    }

    /// <summary>Reads the compact form.</summary>
    /// <exception cref="FormatException">The bytes are not Steppe's compact ephemeris, or are truncated.</exception>
    public static JplChebyshevEphemeris Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Magic.Length + 32 || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw new FormatException("Not a Steppe compact ephemeris (the file must begin with STPDE001).");
        }

        int p = Magic.Length;
        int denum = BinaryPrimitives.ReadInt32LittleEndian(bytes[p..]);
        int recordLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[(p + 4)..]);
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes[(p + 8)..]);
        int itemCount = BinaryPrimitives.ReadInt32LittleEndian(bytes[(p + 12)..]);
        double au = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(p + 16)..]);
        double emrat = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(p + 24)..]);
        p += 32;
        if (itemCount is < 11 or > 15 || recordLength < 2 || count < 1 || bytes.Length != p + (itemCount * 12) + ((long)count * recordLength * 8))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Inconsistent compact ephemeris: {itemCount} items, {count} records of {recordLength} doubles, {bytes.Length} bytes."));
        }

        var items = new JplItemLayout[itemCount];
        for (int i = 0; i < itemCount; i++, p += 12)
        {
            items[i] = new JplItemLayout(BinaryPrimitives.ReadInt32LittleEndian(bytes[p..]), BinaryPrimitives.ReadInt32LittleEndian(bytes[(p + 4)..]), BinaryPrimitives.ReadInt32LittleEndian(bytes[(p + 8)..]), JplItemLayout.ComponentsOf((JplItem)i));
        }

        var records = new double[count * recordLength];
        var data = bytes[p..];
        for (int i = 0; i < records.Length; i++)
        {
            records[i] = BinaryPrimitives.ReadDoubleLittleEndian(data[(i * 8)..]);
        }

        try
        {
            return new JplChebyshevEphemeris(string.Create(CultureInfo.InvariantCulture, $"JPL DE{denum}"), denum, au, emrat, items, recordLength, records);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
