using System.Globalization;
using CsvHelper;
using Steppe.Core.Orbits;

namespace Steppe.Formats.Omm;

/// <summary>
/// Writes element sets as OMM CSV in CelesTrak's column order (<see cref="OmmKeywords.CelesTrakCsvColumns"/>), a
/// header row and one element set a row, RFC 4180 quoting, CR LF line ends. Numbers are printed in their shortest
/// round-trip form, so <see cref="OmmCsvReader"/> reads the text back to equal element sets.
/// </summary>
public static class OmmCsvWriter
{
    /// <summary>Writes <paramref name="elements"/> as CSV.</summary>
    /// <param name="elements">The element sets.</param>
    /// <exception cref="ArgumentOutOfRangeException">An element set cannot be written as an OMM that reads back.</exception>
    public static string Write(IEnumerable<MeanElements> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var text = new StringWriter(CultureInfo.InvariantCulture);
        var options = new CsvWriterOptions
        {
            Separator = ',',
            NewLine = "\r\n",
            Quoting = CsvQuoting.WhenNeeded,
            Injection = CsvInjection.None,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using (var csv = CsvWriter.Create(text, options, leaveOpen: true))
        {
            csv.WriteHeader([.. OmmKeywords.CelesTrakCsvColumns]);
            foreach (var e in elements)
            {
                OmmText.Validate(e, nameof(elements));
                csv.WriteField(OmmText.Name(e));
                csv.WriteField(OmmText.Designator(e));
                csv.WriteField(OmmText.Epoch(e.Epoch));
                csv.WriteField(OmmText.Real(e.MeanMotionRevPerDay));
                csv.WriteField(OmmText.Real(e.Eccentricity));
                csv.WriteField(OmmText.Real(e.InclinationDeg));
                csv.WriteField(OmmText.Real(e.RaanDeg));
                csv.WriteField(OmmText.Real(e.ArgumentOfPerigeeDeg));
                csv.WriteField(OmmText.Real(e.MeanAnomalyDeg));
                csv.WriteField(OmmText.Integer(e.EphemerisType));
                csv.WriteField(e.Classification.ToString());
                csv.WriteField(OmmText.Integer(e.CatalogNumber));
                csv.WriteField(OmmText.Integer(e.ElementSetNumber));
                csv.WriteField(OmmText.Integer(e.RevolutionNumberAtEpoch));
                csv.WriteField(OmmText.Real(e.BStarPerEarthRadii));
                csv.WriteField(OmmText.Real(e.MeanMotionDotRevPerDaySquared));
                csv.WriteField(OmmText.Real(e.MeanMotionDdotRevPerDayCubed));
                csv.EndRecord();
            }
        }

        return text.ToString();
    }
}
