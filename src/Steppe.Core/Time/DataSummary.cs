using System.Globalization;

namespace Steppe.Core.Time;

/// <summary>
/// What a time-dependent data set covers, in the words a status display needs: its kind, its first and last day,
/// how far it is observed and how far predicted, and when it expires. Every field but <see cref="Kind"/> may be
/// absent (a leap-second table has no "observed" span; a table without an expiry line has no expiry).
/// </summary>
/// <param name="Kind">The kind of source, e.g. "IERS finals2000A (Bulletin A/B)".</param>
/// <param name="FirstDay">The first day with data.</param>
/// <param name="LastDay">The last day with data (observed or predicted).</param>
/// <param name="LastObservedDay">The last day of measured (observed or final) data.</param>
/// <param name="LastPredictedDay">The last day of predicted data, when the source predicts.</param>
/// <param name="ExpiresOn">The day after which the source no longer vouches for its content, when it says.</param>
public sealed record DataSummary(string Kind, DateOnly? FirstDay, DateOnly? LastDay, DateOnly? LastObservedDay, DateOnly? LastPredictedDay, DateOnly? ExpiresOn)
{
    /// <summary>One line: kind, span, observed and predicted coverage, expiry.</summary>
    public override string ToString()
    {
        static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
        var text = $"{Kind}: {D(FirstDay)} to {D(LastDay)}";
        if (LastObservedDay is not null || LastPredictedDay is not null)
        {
            text += $", observed to {D(LastObservedDay)}, predicted to {D(LastPredictedDay)}";
        }

        return ExpiresOn is null ? text : text + $", expires {D(ExpiresOn)}";
    }
}
