using System.Buffers.Binary;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Cluster.Contracts;

/// <summary>
/// A catalog of element sets encoded once, compactly, for every work item that needs it: 106 bytes per element set
/// (every number of <see cref="MeanElements"/>, bit for bit; the name and international designator stay with the
/// caller, which binds results back to its own element sets by index). 26,000 objects make 2.8 MB.
/// </summary>
[GenerateSerializer, Immutable, Alias("steppe.catalog-payload")]
internal sealed class CatalogPayload
{
    private const byte FormatVersion = 1;
    private const int HeaderBytes = 5;
    private const int RecordBytes = 4 + 8 + 8 + (9 * 8) + (3 * 4) + 2;

    /// <summary>The encoded bytes: a version byte, the count, then one fixed-size little-endian record per set.</summary>
    [Id(0)]
    public required byte[] Data { get; init; }

    /// <summary>Number of element sets.</summary>
    public int Count => BinaryPrimitives.ReadInt32LittleEndian(Data.AsSpan(1, 4));

    /// <summary>Encodes element sets in their order.</summary>
    public static CatalogPayload Encode(IReadOnlyList<MeanElements> elements, int first = 0, int count = -1)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (count < 0) count = elements.Count - first;
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + count, elements.Count, nameof(count));
        var data = new byte[HeaderBytes + ((long)count * RecordBytes)];
        data[0] = FormatVersion;
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(1), count);
        var span = data.AsSpan(HeaderBytes);
        for (int i = 0; i < count; i++)
        {
            var e = elements[first + i] ?? throw new ArgumentNullException(nameof(elements), $"Element set {first + i} is null.");
            var r = span.Slice(i * RecordBytes, RecordBytes);
            BinaryPrimitives.WriteInt32LittleEndian(r, e.CatalogNumber);
            BinaryPrimitives.WriteInt64LittleEndian(r[4..], e.Epoch.TtWholeSecondsSinceJ2000);
            BinaryPrimitives.WriteDoubleLittleEndian(r[12..], e.Epoch.TtFractionSeconds);
            BinaryPrimitives.WriteDoubleLittleEndian(r[20..], e.MeanMotionRevPerDay);
            BinaryPrimitives.WriteDoubleLittleEndian(r[28..], e.Eccentricity);
            BinaryPrimitives.WriteDoubleLittleEndian(r[36..], e.InclinationDeg);
            BinaryPrimitives.WriteDoubleLittleEndian(r[44..], e.RaanDeg);
            BinaryPrimitives.WriteDoubleLittleEndian(r[52..], e.ArgumentOfPerigeeDeg);
            BinaryPrimitives.WriteDoubleLittleEndian(r[60..], e.MeanAnomalyDeg);
            BinaryPrimitives.WriteDoubleLittleEndian(r[68..], e.BStarPerEarthRadii);
            BinaryPrimitives.WriteDoubleLittleEndian(r[76..], e.MeanMotionDotRevPerDaySquared);
            BinaryPrimitives.WriteDoubleLittleEndian(r[84..], e.MeanMotionDdotRevPerDayCubed);
            BinaryPrimitives.WriteInt32LittleEndian(r[92..], e.EphemerisType);
            BinaryPrimitives.WriteInt32LittleEndian(r[96..], e.ElementSetNumber);
            BinaryPrimitives.WriteInt32LittleEndian(r[100..], e.RevolutionNumberAtEpoch);
            BinaryPrimitives.WriteUInt16LittleEndian(r[104..], e.Classification);
        }

        return new CatalogPayload { Data = data };
    }

    /// <summary>Decodes the element sets (without names or designators).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a payload of this version.</exception>
    public MeanElements[] Decode()
    {
        if (Data.Length < HeaderBytes || Data[0] != FormatVersion)
        {
            throw new InvalidDataException($"Not a catalog payload of version {FormatVersion}.");
        }

        int count = Count;
        if (count < 0 || Data.Length != HeaderBytes + ((long)count * RecordBytes))
        {
            throw new InvalidDataException($"A catalog payload of {count} element sets must hold {HeaderBytes + ((long)count * RecordBytes)} bytes; found {Data.Length}.");
        }

        var span = Data.AsSpan(HeaderBytes);
        var elements = new MeanElements[count];
        for (int i = 0; i < count; i++)
        {
            var r = span.Slice(i * RecordBytes, RecordBytes);
            elements[i] = new MeanElements
            {
                CatalogNumber = BinaryPrimitives.ReadInt32LittleEndian(r),
                Epoch = Instant.FromTtSecondsSinceJ2000(BinaryPrimitives.ReadInt64LittleEndian(r[4..]), BinaryPrimitives.ReadDoubleLittleEndian(r[12..])),
                MeanMotionRevPerDay = BinaryPrimitives.ReadDoubleLittleEndian(r[20..]),
                Eccentricity = BinaryPrimitives.ReadDoubleLittleEndian(r[28..]),
                InclinationDeg = BinaryPrimitives.ReadDoubleLittleEndian(r[36..]),
                RaanDeg = BinaryPrimitives.ReadDoubleLittleEndian(r[44..]),
                ArgumentOfPerigeeDeg = BinaryPrimitives.ReadDoubleLittleEndian(r[52..]),
                MeanAnomalyDeg = BinaryPrimitives.ReadDoubleLittleEndian(r[60..]),
                BStarPerEarthRadii = BinaryPrimitives.ReadDoubleLittleEndian(r[68..]),
                MeanMotionDotRevPerDaySquared = BinaryPrimitives.ReadDoubleLittleEndian(r[76..]),
                MeanMotionDdotRevPerDayCubed = BinaryPrimitives.ReadDoubleLittleEndian(r[84..]),
                EphemerisType = BinaryPrimitives.ReadInt32LittleEndian(r[92..]),
                ElementSetNumber = BinaryPrimitives.ReadInt32LittleEndian(r[96..]),
                RevolutionNumberAtEpoch = BinaryPrimitives.ReadInt32LittleEndian(r[100..]),
                Classification = (char)BinaryPrimitives.ReadUInt16LittleEndian(r[104..]),
            };
        }

        return elements;
    }
}
