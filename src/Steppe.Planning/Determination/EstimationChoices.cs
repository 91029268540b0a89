using Steppe.Core.Mathematics;
using Steppe.Dynamics.Estimation;
using Steppe.Dynamics.Maneuvers;

namespace Steppe.Planning.Determination;

/// <summary>
/// What an orbit determination estimates besides the state, in the words of <c>steppe od --estimate</c> and of the
/// API's <c>estimate</c>: <c>cd</c>, <c>cr</c>, <c>range-bias</c> and <c>angle-bias</c> (one per station that measured
/// that kind), <c>leak</c> (a constant and a linear acceleration on each inertial axis). One definition for both faces.
/// </summary>
public static class EstimationChoices
{
    /// <summary>The words, in the order they are documented.</summary>
    public static readonly IReadOnlyList<string> Words = ["cd", "cr", "range-bias", "angle-bias", "leak"];

    /// <summary>The batch least-squares options for <paramref name="words"/> and the stations of <paramref name="observations"/>.</summary>
    /// <exception cref="ArgumentException">A word that is not one of <see cref="Words"/> (the message quotes it).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive outlier threshold or iteration count.</exception>
    public static BatchLeastSquaresOptions Options(IEnumerable<string> words, IReadOnlyList<Observation> observations, bool refraction, double outlierSigmas, int maxIterations)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(observations);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            string w = (word ?? string.Empty).Trim().ToLowerInvariant();
            if (!Words.Contains(w))
            {
                throw new ArgumentException($"'{word}': expected cd, cr, range-bias, angle-bias or leak", nameof(words));
            }

            chosen.Add(w);
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxIterations);
        if (!(outlierSigmas > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(outlierSigmas), outlierSigmas, "The outlier threshold must be positive.");
        }

        var biases = new List<BiasParameter>();
        foreach (var source in observations.Where(o => o.Station is not null).Select(o => o.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var kinds = observations.Where(o => o.Source == source).Select(o => o.Kind).ToHashSet();
            if (chosen.Contains("range-bias") && kinds.Contains(MeasurementKind.Range))
            {
                biases.Add(new BiasParameter(source, MeasurementKind.Range));
            }

            if (chosen.Contains("angle-bias") && kinds.Contains(MeasurementKind.AzimuthElevation))
            {
                biases.Add(new BiasParameter(source, MeasurementKind.AzimuthElevation, 0));
                biases.Add(new BiasParameter(source, MeasurementKind.AzimuthElevation, 1));
            }
        }

        return new BatchLeastSquaresOptions
        {
            EstimateDragCoefficient = chosen.Contains("cd"),
            EstimateReflectivityCoefficient = chosen.Contains("cr"),
            Biases = biases,
            EmpiricalAccelerations = chosen.Contains("leak")
                ? [new("leak-x", Vector3D.UnitX, ManeuverFrame.Inertial), new("leak-y", Vector3D.UnitY, ManeuverFrame.Inertial), new("leak-z", Vector3D.UnitZ, ManeuverFrame.Inertial)]
                : [],
            Refraction = refraction ? new Refraction() : null,
            OutlierSigmas = outlierSigmas,
            MaximumIterations = maxIterations,
        };
    }
}
