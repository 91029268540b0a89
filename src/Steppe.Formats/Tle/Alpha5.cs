namespace Steppe.Formats.Tle;

/// <summary>
/// The Alpha-5 catalog-number scheme of the 18th Space Defense Squadron: a five-character TLE field holds
/// 0–99 999 as digits and 100 000–339 999 as a letter (A = 10 … Z = 33, skipping I and O) followed by four digits,
/// e.g. <c>T0449</c> = 270 449.
/// </summary>
public static class Alpha5
{
    /// <summary>The largest catalog number Alpha-5 can write.</summary>
    public const int MaxCatalogNumber = 339_999;

    private const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>Decodes a five-character field (leading blanks allowed for numeric values).</summary>
    /// <returns>The catalog number, or −1 when the field is not a catalog number.</returns>
    public static int Decode(ReadOnlySpan<char> field)
    {
        var f = field.Trim(' ');
        if (f.Length == 0 || f.Length > 5)
        {
            return -1;
        }

        int head = 0;
        int start = 0;
        if (char.IsAsciiLetterUpper(f[0]))
        {
            if (f.Length != 5)
            {
                return -1;
            }

            int index = Letters.IndexOf(f[0]);
            if (index < 0)
            {
                return -1;
            }

            head = (index + 10) * 10000;
            start = 1;
        }

        int value = 0;
        for (int i = start; i < f.Length; i++)
        {
            if (!char.IsAsciiDigit(f[i]))
            {
                return -1;
            }

            value = (value * 10) + (f[i] - '0');
        }

        return head + value;
    }

    /// <summary>Encodes a catalog number as five characters (zero-padded digits up to 99 999, Alpha-5 above).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is negative or above <see cref="MaxCatalogNumber"/> (such objects need OMM).</exception>
    public static string Encode(int catalogNumber)
    {
        if (catalogNumber < 0 || catalogNumber > MaxCatalogNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(catalogNumber), catalogNumber,
                $"A TLE can hold catalog numbers 0–{MaxCatalogNumber} (Alpha-5); use OMM for larger ones.");
        }

        if (catalogNumber < 100_000)
        {
            return catalogNumber.ToString("00000", System.Globalization.CultureInfo.InvariantCulture);
        }

        int letter = (catalogNumber / 10000) - 10;
        return Letters[letter] + (catalogNumber % 10000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
    }
}
