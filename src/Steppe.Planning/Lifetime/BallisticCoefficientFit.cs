using Steppe.Core.Time;

namespace Steppe.Planning.Lifetime;

/// <summary>A ballistic coefficient fitted to an element history.</summary>
/// <param name="ValueM2PerKg">C_D·A/m, m²/kg.</param>
/// <param name="StdDevM2PerKg">Its formal standard deviation (residual scatter propagated through the fit), m²/kg, or null from two sets (no scatter to judge).</param>
/// <param name="ElementSets">How many element sets were fitted.</param>
/// <param name="FirstEpoch">The first epoch fitted.</param>
/// <param name="LastEpoch">The last epoch fitted.</param>
/// <param name="ObservedDecayKm">The fall of the mean semi-major axis from the first to the last set, km.</param>
/// <param name="ResidualRmsKm">Root mean square of the semi-major-axis residuals after the fit, km.</param>
public sealed record BallisticCoefficientEstimate(double ValueM2PerKg, double? StdDevM2PerKg, int ElementSets, Instant FirstEpoch, Instant LastEpoch,
    double ObservedDecayKm, double ResidualRmsKm);

/// <summary>
/// Fits the ballistic coefficient C_D·A/m so that the decay model reproduces the observed fall of the mean semi-major
/// axis over an element history: Gauss–Newton on two parameters, the logarithm of the coefficient and an offset of the
/// first set's semi-major axis (a single set's noise should not fix the start), with the model run from the first set
/// through the epochs of the others; partials by forward differences.
/// </summary>
public static class BallisticCoefficientFit
{
    /// <summary>
    /// Fits the mean orbits <paramref name="history"/> (at least two, over at least a day; with two only the coefficient is fitted, oldest first after sorting)
    /// with <paramref name="decay"/>, starting from <paramref name="initialGuessM2PerKg"/>. Returns null when the history
    /// is too short or shows no decay.
    /// </summary>
    public static BallisticCoefficientEstimate? Fit(IReadOnlyList<MeanOrbit> history, OrbitDecay decay, double initialGuessM2PerKg, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(decay);
        var sets = history.OrderBy(h => h.Epoch).ToArray();
        if (sets.Length < 2 || sets[^1].Epoch.DaysSince(sets[0].Epoch) < 1.0)
        {
            return null;
        }

        double observed = sets[0].SemiMajorAxisKm - sets[^1].SemiMajorAxisKm;
        if (!(observed > 0))
        {
            return null;
        }

        double logB = Math.Log(initialGuessM2PerKg > 0 && double.IsFinite(initialGuessM2PerKg) ? initialGuessM2PerKg : 0.01);
        double offset = 0;
        double[] residuals = Residuals(sets, decay, logB, offset, cancellationToken);

        // A first scaling on the total decay brings the guess close before Gauss–Newton.
        double predictedFall = sets[0].SemiMajorAxisKm - (sets[^1].SemiMajorAxisKm + residuals[^1]);
        if (predictedFall > 0)
        {
            logB += Math.Log(observed / predictedFall);
            residuals = Residuals(sets, decay, logB, offset, cancellationToken);
        }

        double[,] normal = new double[2, 2];
        for (int iteration = 0; iteration < 4; iteration++)
        {
            const double dLog = 0.01, dOffset = 0.01;
            var rB = Residuals(sets, decay, logB + dLog, offset, cancellationToken);
            var rO = Residuals(sets, decay, logB, offset + dOffset, cancellationToken);
            double n11 = 0, n12 = 0, n22 = 0, g1 = 0, g2 = 0;
            for (int k = 0; k < sets.Length; k++)
            {
                // residual = observed − model; d(model)/dp = −d(residual)/dp
                double j1 = -(rB[k] - residuals[k]) / dLog, j2 = -(rO[k] - residuals[k]) / dOffset;
                n11 += j1 * j1;
                n12 += j1 * j2;
                n22 += j2 * j2;
                g1 += j1 * residuals[k];
                g2 += j2 * residuals[k];
            }

            if (sets.Length == 2)
            {
                // Two sets: the coefficient alone, the start held.
                n12 = 0;
                n22 = 1;
                g2 = 0;
            }

            double det = (n11 * n22) - (n12 * n12);
            if (!(Math.Abs(det) > 0))
            {
                break;
            }

            double step1 = ((n22 * g1) - (n12 * g2)) / det, step2 = ((n11 * g2) - (n12 * g1)) / det;
            step1 = Math.Clamp(step1, -1.0, 1.0);
            logB += step1;
            offset += step2;
            normal = new double[,] { { n11, n12 }, { n12, n22 } };
            residuals = Residuals(sets, decay, logB, offset, cancellationToken);
            if (Math.Abs(step1) < 1e-4)
            {
                break;
            }
        }

        double ss = residuals.Sum(r => r * r);
        int dof = Math.Max(sets.Length - 2, 1);
        double variance = ss / dof;
        double detN = (normal[0, 0] * normal[1, 1]) - (normal[0, 1] * normal[0, 1]);
        double varLogB = detN > 0 ? variance * normal[1, 1] / detN : double.NaN;
        double b = Math.Exp(logB);
        double? sd = sets.Length > 2 && double.IsFinite(varLogB) && varLogB >= 0 ? b * Math.Sqrt(varLogB) : null;
        return new BallisticCoefficientEstimate(b, sd, sets.Length, sets[0].Epoch, sets[^1].Epoch, observed, Math.Sqrt(ss / sets.Length));
    }

    private static double[] Residuals(MeanOrbit[] sets, OrbitDecay decay, double logB, double offsetKm, CancellationToken cancellationToken)
    {
        double b = Math.Exp(logB);
        var residuals = new double[sets.Length];
        var state = sets[0] with { SemiMajorAxisKm = sets[0].SemiMajorAxisKm + offsetKm };
        residuals[0] = sets[0].SemiMajorAxisKm - state.SemiMajorAxisKm;
        for (int k = 1; k < sets.Length; k++)
        {
            if (sets[k].Epoch > state.Epoch)
            {
                var run = decay.Run(state, b, sets[k].Epoch, cancellationToken);
                if (run.End == DecayEnd.Reentry)
                {
                    // Decayed before an observed set: the coefficient is far too large.
                    for (int j = k; j < sets.Length; j++)
                    {
                        residuals[j] = sets[j].SemiMajorAxisKm - (MeanOrbit.EquatorialRadiusKm + 80);
                    }

                    return residuals;
                }

                state = run.Final;
            }

            residuals[k] = sets[k].SemiMajorAxisKm - state.SemiMajorAxisKm;
        }

        return residuals;
    }
}
