using System.Globalization;
using Steppe.Catalog.Model;
using Steppe.Core.Geodesy;
using Steppe.Core.Time;

namespace Steppe.Server.Infrastructure;

/// <summary>
/// Reads query values into typed inputs, or throws <see cref="ApiValidationException"/> naming the parameter with what was
/// expected and what was found. Query values arrive as text so that every mistake gets the same kind of answer.
/// </summary>
internal static class Inputs
{
    /// <summary>An ISO 8601 UTC instant ('now' for the server clock), or <paramref name="fallback"/> when absent.</summary>
    public static Instant Instant(string? text, string field, Instant fallback, Instant now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (string.Equals(text.Trim(), "now", StringComparison.OrdinalIgnoreCase))
        {
            return now;
        }

        if (Core.Time.Instant.TryParse(text.Trim(), out var instant, out var error))
        {
            return instant;
        }

        throw new ApiValidationException(field, $"expected an ISO 8601 UTC instant such as 2026-11-25T12:00:00Z, found '{text}' ({error})");
    }

    /// <summary>A finite number within [min, max], or <paramref name="fallback"/> when absent.</summary>
    public static double Number(string? text, string field, double fallback, double min, double max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new ApiValidationException(field, $"expected a number, found '{text}'");
        }

        if (value < min || value > max)
        {
            throw new ApiValidationException(field, string.Create(CultureInfo.InvariantCulture, $"expected a value from {min} to {max}, found {value}"));
        }

        return value;
    }

    /// <summary>An optional finite number within [min, max].</summary>
    public static double? OptionalNumber(string? text, string field, double min, double max) =>
        string.IsNullOrWhiteSpace(text) ? null : Number(text, field, 0, min, max);

    /// <summary>An integer within [min, max], or <paramref name="fallback"/> when absent.</summary>
    public static int Integer(string? text, string field, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            throw new ApiValidationException(field, $"expected a whole number, found '{text}'");
        }

        if (value < min || value > max)
        {
            throw new ApiValidationException(field, string.Create(CultureInfo.InvariantCulture, $"expected a whole number from {min} to {max}, found {value}"));
        }

        return value;
    }

    /// <summary>A catalog number (1 to 999 999 999).</summary>
    public static int CatalogNumber(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ApiValidationException(field, "a catalog (NORAD) number is required");
        }

        return Integer(text, field, 0, 1, 999_999_999);
    }

    /// <summary>A comma-separated list of catalog numbers, 1 to <paramref name="maxCount"/> of them, without repeats.</summary>
    public static IReadOnlyList<int> CatalogNumbers(string? text, string field, int maxCount)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ApiValidationException(field, "give one or more catalog (NORAD) numbers separated by commas, e.g. 25544,37749");
        }

        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            throw new ApiValidationException(field, $"give one or more catalog (NORAD) numbers separated by commas, e.g. 25544,37749; found '{text}'");
        }

        if (parts.Length > maxCount)
        {
            throw new ApiValidationException(field, $"at most {maxCount} objects per request, found {parts.Length}");
        }

        return parts.Select(p => CatalogNumber(p, field)).Distinct().ToList();
    }

    /// <summary>Checks that a text field (null allowed) holds at most <paramref name="maxLength"/> characters and no control characters.</summary>
    public static void Bounded(string? text, string field, int maxLength)
    {
        if (text is null)
        {
            return;
        }

        if (text.Length > maxLength)
        {
            throw new ApiValidationException(field, string.Create(CultureInfo.InvariantCulture, $"at most {maxLength} characters, found {text.Length}"));
        }

        if (text.Any(char.IsControl))
        {
            throw new ApiValidationException(field, "control characters (line breaks, tabs, NUL) are not allowed");
        }
    }

    /// <summary>A required non-empty text.</summary>
    public static string Required(string? text, string field, string expected) =>
        string.IsNullOrWhiteSpace(text) ? throw new ApiValidationException(field, $"required: {expected}") : text.Trim();

    /// <summary>LAT,LON[,HEIGHT_M] in degrees (north, east) and metres, or null when the text is not of that form; the
    /// range checks of <see cref="SiteDirectory.TryParseCoordinates"/>, as the CLI's.</summary>
    public static GeodeticPoint? TryPoint(string text, string field) => Sites(field, () => SiteDirectory.TryParseCoordinates(text));

    /// <summary>
    /// A ground station: the id or name of a catalog site (ground station, place or launch site, e.g. <c>astana</c>),
    /// a unique prefix of one, or LAT,LON[,HEIGHT_M] — resolved by <see cref="SiteDirectory.Station"/>, as the CLI's
    /// <c>--station</c>.
    /// </summary>
    public static GroundStation Station(string? text, string field, IReadOnlyList<Site> sites)
    {
        var value = Required(text, field, "a station id (see /api/v1/stations) or LAT,LON[,HEIGHT_M]");
        return Sites(field, () => new SiteDirectory(sites).Station(value).ToGroundStation());
    }

    /// <summary>Runs a site resolution, turning its failure into a 400 that names <paramref name="field"/>.</summary>
    public static T Sites<T>(string field, Func<T> resolve)
    {
        try
        {
            return resolve();
        }
        catch (SiteResolutionException e)
        {
            throw new ApiValidationException(field, e.Message);
        }
    }

    /// <summary>Checks that [from, to] is a forward span no longer than <paramref name="maxSpan"/>.</summary>
    public static void Span(Instant from, Instant to, TimeSpan maxSpan, string toField = "to")
    {
        if (to <= from)
        {
            throw new ApiValidationException(toField, $"the end ({to.ToIsoString(0)}) must be after the start ({from.ToIsoString(0)})");
        }

        if (to - from > maxSpan)
        {
            throw new ApiValidationException(toField, string.Create(CultureInfo.InvariantCulture,
                $"the span may be at most {maxSpan.TotalDays:0.###} days, found {(to - from).TotalDays:0.###}"));
        }
    }
}
