using System.Buffers.Binary;
using System.Security.Cryptography;
using Steppe.Core.Orbits;

namespace Steppe.Catalog;

/// <summary>
/// The identity of an element set: two sets are the same when their catalog number, their exact epoch and every element
/// value (mean motion and its derivatives, eccentricity, the four angles, B*, ephemeris type, element set number,
/// revolution number and classification) are equal. Names and international designators are not part of it, so the
/// same set published under two spellings of a name is stored once. The identity is the first 128 bits of a SHA-256
/// digest over those values' exact binary forms, written as 32 lower-case hex digits.
/// </summary>
public static class ElementSetIdentity
{
    /// <summary>The identity of <paramref name="elements"/>.</summary>
    public static string Of(MeanElements elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        Span<byte> buffer = stackalloc byte[4 + 8 + (11 * 8) + (3 * 4) + 2];
        int p = 0;
        BinaryPrimitives.WriteInt32LittleEndian(buffer[p..], elements.CatalogNumber);
        p += 4;
        BinaryPrimitives.WriteInt64LittleEndian(buffer[p..], elements.Epoch.TtWholeSecondsSinceJ2000);
        p += 8;
        foreach (double v in (ReadOnlySpan<double>)[
            elements.Epoch.TtFractionSeconds, elements.MeanMotionRevPerDay, elements.Eccentricity, elements.InclinationDeg,
            elements.RaanDeg, elements.ArgumentOfPerigeeDeg, elements.MeanAnomalyDeg, elements.BStarPerEarthRadii,
            elements.MeanMotionDotRevPerDaySquared, elements.MeanMotionDdotRevPerDayCubed, 0.0])
        {
            // +0.0 for -0.0, so that a sign of zero does not make two equal sets different.
            BinaryPrimitives.WriteInt64LittleEndian(buffer[p..], BitConverter.DoubleToInt64Bits(v == 0 ? 0.0 : v));
            p += 8;
        }

        BinaryPrimitives.WriteInt32LittleEndian(buffer[p..], elements.EphemerisType);
        p += 4;
        BinaryPrimitives.WriteInt32LittleEndian(buffer[p..], elements.ElementSetNumber);
        p += 4;
        BinaryPrimitives.WriteInt32LittleEndian(buffer[p..], elements.RevolutionNumberAtEpoch);
        p += 4;
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[p..], elements.Classification);

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer, hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
