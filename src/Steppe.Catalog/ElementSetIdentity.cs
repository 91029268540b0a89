using System.Buffers.Binary;
using System.Security.Cryptography;
using Steppe.Core.Orbits;

namespace Steppe.Catalog;

/// <summary>
/// The identity of an element set: two sets are the same when they have the same catalog number, the same epoch to the
/// microsecond (the finest any element format writes), the same element values to 12 significant digits, and the same
/// ephemeris type, element set number, revolution number and classification. Names and international designators are
/// not part of it. Rounding to 12 digits — more than any format publishes (a TLE has 8, an OMM as CelesTrak writes it
/// about 10) — only removes the last-bit noise of decimal conversion, so the same text read along two paths is one set,
/// while a set whose published digits differ is another (a 3LE and an OMM of the same fit are one set when they carry
/// the same digits, two when the OMM carries more, as some of CelesTrak's do). The identity is the first 128 bits of a SHA-256 digest over those values,
/// written as 32 lower-case hex digits.
/// </summary>
public static class ElementSetIdentity
{
    private const int Doubles = 10;

    /// <summary>The identity of <paramref name="elements"/>.</summary>
    public static string Of(MeanElements elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        Span<byte> buffer = stackalloc byte[(3 * 8) + (Doubles * 10) + 14];
        int p = 0;
        void Long(Span<byte> b, long v)
        {
            BinaryPrimitives.WriteInt64LittleEndian(b[p..], v);
            p += 8;
        }

        Long(buffer, elements.CatalogNumber);
        Long(buffer, elements.Epoch.TtWholeSecondsSinceJ2000);
        Long(buffer, (long)Math.Round(elements.Epoch.TtFractionSeconds * 1e6, MidpointRounding.AwayFromZero));
        foreach (double v in (ReadOnlySpan<double>)[
            elements.MeanMotionRevPerDay, elements.Eccentricity, elements.InclinationDeg, elements.RaanDeg, elements.ArgumentOfPerigeeDeg,
            elements.MeanAnomalyDeg, elements.BStarPerEarthRadii, elements.MeanMotionDotRevPerDaySquared, elements.MeanMotionDdotRevPerDayCubed, 0.0])
        {
            var (mantissa, exponent) = TwelveSignificantDigits(v);
            BinaryPrimitives.WriteInt64LittleEndian(buffer[p..], mantissa);
            BinaryPrimitives.WriteInt16LittleEndian(buffer[(p + 8)..], exponent);
            p += 10;
        }

        BinaryPrimitives.WriteInt32LittleEndian(buffer[p..], elements.EphemerisType);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[(p + 4)..], elements.ElementSetNumber);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[(p + 8)..], elements.RevolutionNumberAtEpoch);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[(p + 12)..], elements.Classification);

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer, hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>The value rounded to 12 significant digits, as a mantissa and a decimal exponent (0 and 0 for zero).</summary>
    private static (long Mantissa, short Exponent) TwelveSignificantDigits(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return (0, 0);
        }

        int exponent = (int)Math.Floor(Math.Log10(Math.Abs(value))) - 11;
        long mantissa = (long)Math.Round(value / Math.Pow(10, exponent), MidpointRounding.AwayFromZero);
        if (Math.Abs(mantissa) >= 1_000_000_000_000)
        {
            mantissa = (long)Math.Round(mantissa / 10.0, MidpointRounding.AwayFromZero);
            exponent++;
        }

        return (mantissa, (short)exponent);
    }
}
