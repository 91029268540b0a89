using Steppe.Core.Frames;
using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.Precise;

/// <summary>
/// Monte Carlo runs: the sample statistics against the linear covariance propagation Φ P₀ Φᵀ of the variational
/// equations (an independent route through the same dynamics), the drawn initial covariance against the OPM's RTN
/// values, and exact repetition of seeded runs however they are cut.
/// </summary>
public class MonteCarloTests(ITestOutputHelper output)
{
    /// <summary>
    /// 2000 samples of a 500 km LEO under point mass + J2, one orbit: the sample covariance agrees with Φ P₀ Φᵀ.
    /// For Gaussian samples the sample covariance S of N draws has Var(S_ij) = (P_ij² + P_ii P_jj)/(N − 1)
    /// (Wishart); every element must lie within 5 of these standard errors (a chance failure of one of the 21
    /// elements at 5σ is below 1e-5), and the mean within 5σ/√N of the nominal. The initial σ (≤ 200 m, ≤ 0.2 m/s) keep
    /// the nonlinear terms (relative size δa/a ≈ 1e-5) far below the 3 % statistical resolution.
    /// </summary>
    [Fact]
    public void SampleCovariance_AfterOneOrbitOfJ2_AgreesWithTheLinearCovariancePhiP0PhiT()
    {
        var conditions = PreciseTestData.LeoConditions();
        var p0 = MonteCarlo.InitialCovarianceGcrf(conditions, "leo", PreciseTestData.Tables.Tables.EarthOrientation);
        var epoch = conditions.InitialState.Epoch;
        double periodSeconds = 2 * Math.PI * Math.Sqrt(Math.Pow(conditions.InitialState.PositionKm.Length, 3) / 398600.4415);
        var times = new[] { epoch, epoch.AddSeconds(periodSeconds / 2), epoch.AddSeconds(periodSeconds) };
        const int n = 2000;
        var request = new MonteCarloRequest
        {
            Conditions = conditions,
            InitialCovarianceGcrf = p0,
            Settings = PreciseTestData.J2,
            Times = times,
            Samples = n,
            Seed = 7,
        };
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = MonteCarlo.Run(request, PreciseTestData.Tables);
        output.WriteLine($"{n} samples in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F2} s");
        Assert.Empty(result.Failures);

        var resolved = conditions.Resolve(PreciseTestData.J2) with { StateTransitionMatrix = true };
        var model = PreciseTestData.Tables.Build(resolved, conditions.Spacecraft);
        var nominal = model.Propagator(PreciseTestData.Tables.Environment()).Propagate(conditions.InitialState, conditions.Spacecraft, times[^1]);
        for (int t = 0; t < times.Length; t++)
        {
            var phi = nominal.StateTransitionMatrixAt(times[t]);
            var linear = Multiply(Multiply(phi, p0), Transpose(phi));
            var stats = result.Statistics[t];
            Assert.Equal(n, stats.Count);
            double worst = 0;
            for (int i = 0; i < 6; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    double se = Math.Sqrt(((linear[i, j] * linear[i, j]) + (linear[i, i] * linear[j, j])) / (n - 1));
                    double z = Math.Abs(stats.CovarianceGcrf[i, j] - linear[i, j]) / se;
                    worst = Math.Max(worst, z);
                    Assert.True(z < 5, $"t{t} P[{i},{j}]: sample {stats.CovarianceGcrf[i, j]:E4}, linear {linear[i, j]:E4}, {z:F1} standard errors");
                }
            }

            var x = nominal.StateAt(times[t]);
            double[] mean = [stats.Mean.PositionKm.X, stats.Mean.PositionKm.Y, stats.Mean.PositionKm.Z, stats.Mean.VelocityKmPerS.X, stats.Mean.VelocityKmPerS.Y, stats.Mean.VelocityKmPerS.Z];
            double[] nom = [x.PositionKm.X, x.PositionKm.Y, x.PositionKm.Z, x.VelocityKmPerS.X, x.VelocityKmPerS.Y, x.VelocityKmPerS.Z];
            for (int i = 0; i < 6; i++)
            {
                Assert.True(Math.Abs(mean[i] - nom[i]) < 5 * Math.Sqrt(linear[i, i] / n), $"t{t} mean[{i}] {mean[i] - nom[i]:E3} from the nominal");
            }

            output.WriteLine($"t{t}: largest deviation {worst:F2} standard errors; RIC 1σ {stats.RicPositionSigmaKm} km; linear in-track σ {Math.Sqrt(MonteCarlo.ToRic(linear, x)[1, 1]):F4} km");
        }

        // The in-track spread grows over the orbit (the T_DOT and R uncertainty change the period), as it must.
        Assert.True(result.Statistics[2].RicPositionSigmaKm.Y > 2 * result.Statistics[0].RicPositionSigmaKm.Y);
    }

    /// <summary>The samples at the epoch, seen in the RIC axes of their mean, have the OPM's RTN covariance (1σ R 50 m,
    /// T 200 m, N 30 m, R–T_DOT correlation −0.5), within the same Wishart standard errors: the RTN → GCRF rotation and
    /// the Cholesky draw together reproduce the file.</summary>
    [Fact]
    public void SamplesAtTheEpoch_InRic_HaveTheOpmsRtnCovariance()
    {
        var conditions = PreciseTestData.LeoConditions();
        var epoch = conditions.InitialState.Epoch;
        const int n = 4000;
        var request = new MonteCarloRequest
        {
            Conditions = conditions,
            InitialCovarianceGcrf = MonteCarlo.InitialCovarianceGcrf(conditions, "leo", PreciseTestData.Tables.Tables.EarthOrientation),
            Settings = PreciseTestData.J2,
            Times = [epoch, epoch.AddSeconds(1)],
            Samples = n,
            Seed = 11,
        };
        var stats = MonteCarlo.Run(request, PreciseTestData.Tables).Statistics[0];
        var rtn = conditions.Message.Covariance!;
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double se = Math.Sqrt(((rtn[i, j] * rtn[i, j]) + (rtn[i, i] * rtn[j, j])) / (n - 1));
                Assert.True(Math.Abs(stats.CovarianceRic[i, j] - rtn[i, j]) < 5 * se, $"RIC[{i},{j}] {stats.CovarianceRic[i, j]:E4} against the OPM's {rtn[i, j]:E4}");
            }
        }

        Assert.Equal(0.05, stats.RicPositionSigmaKm.X, 0.005);
        Assert.Equal(0.2, stats.RicPositionSigmaKm.Y, 0.02);
    }

    [Fact]
    public void ReportedAtTheEpochOnly_TheStatisticsAreThoseOfTheDraws()
    {
        var conditions = PreciseTestData.LeoConditions();
        var request = new MonteCarloRequest
        {
            Conditions = conditions,
            InitialCovarianceGcrf = MonteCarlo.InitialCovarianceGcrf(conditions, "leo", PreciseTestData.Tables.Tables.EarthOrientation),
            Settings = PreciseTestData.J2,
            Times = [conditions.InitialState.Epoch],
            Samples = 5,
        };
        var result = MonteCarlo.Run(request, PreciseTestData.Tables);
        Assert.Equal(result.Samples.Select(s => s.Initial), result.Samples.Select(s => s.States![0]));
    }

    [Fact]
    public void SeededRuns_RepeatExactly_CutIntoChunksOrNot_AndAnotherSeedDiffers()
    {
        var conditions = PreciseTestData.LeoConditions();
        var epoch = conditions.InitialState.Epoch;
        var request = new MonteCarloRequest
        {
            Conditions = conditions,
            InitialCovarianceGcrf = MonteCarlo.InitialCovarianceGcrf(conditions, "leo", PreciseTestData.Tables.Tables.EarthOrientation),
            Settings = PreciseTestData.Small,
            Times = [epoch.AddSeconds(1 * 3600), epoch.AddSeconds(2 * 3600)],
            Samples = 12,
            Seed = 7,
            Dispersions = new MonteCarloDispersions(DragPercent: 10, ReflectivityPercent: 5),
        };
        var one = MonteCarlo.Run(request, PreciseTestData.Tables, new PreciseBatchOptions { MaxDegreeOfParallelism = 2 });
        var again = MonteCarlo.Run(request, PreciseTestData.Tables, new PreciseBatchOptions { MaxDegreeOfParallelism = 1 });
        var chunked = MonteCarlo.Summarise(request, PreciseTestData.Tables,
            [.. MonteCarlo.RunSamples(request, PreciseTestData.Tables, 0, 5), .. MonteCarlo.RunSamples(request, PreciseTestData.Tables, 5, 7)]);
        AssertSame(one, again);
        AssertSame(one, chunked);
        Assert.Contains(one.Samples, s => s.DragScale != 1);
        Assert.Contains(one.Samples, s => s.ReflectivityScale != 1);

        var other = MonteCarlo.Run(request with { Seed = 8 }, PreciseTestData.Tables);
        Assert.NotEqual(one.Samples[0].Initial, other.Samples[0].Initial);
        Assert.NotEqual(one.Statistics[1].Mean, other.Statistics[1].Mean);
    }

    /// <summary>The normal generator's first two moments over 100,000 draws, within 5 standard errors.</summary>
    [Fact]
    public void Normals_HaveMeanZeroAndUnitVariance()
    {
        var all = Enumerable.Range(0, 12_500).SelectMany(i => MonteCarlo.Normals(3, i)).ToArray();
        double mean = all.Average();
        double variance = all.Sum(z => (z - mean) * (z - mean)) / (all.Length - 1);
        Assert.True(Math.Abs(mean) < 5 / Math.Sqrt(all.Length), $"mean {mean}");
        Assert.True(Math.Abs(variance - 1) < 5 * Math.Sqrt(2.0 / all.Length), $"variance {variance}");
        Assert.Equal(MonteCarlo.Normals(3, 17), MonteCarlo.Normals(3, 17));
        Assert.NotEqual(MonteCarlo.Normals(3, 17), MonteCarlo.Normals(3, 18));
    }

    [Fact]
    public void Cholesky_RebuildsTheCovariance_TakesASemiDefiniteOne_AndRefusesAnIndefiniteOne()
    {
        var conditions = PreciseTestData.LeoConditions();
        var p = MonteCarlo.InitialCovarianceGcrf(conditions, "leo", PreciseTestData.Tables.Tables.EarthOrientation);
        var l = MonteCarlo.Cholesky(p, "leo");
        var back = Multiply(l, Transpose(l));
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++) Assert.Equal(p[i, j], back[i, j], Math.Sqrt(p[i, i] * p[j, j]) * 1e-12);
        }

        // Velocity known exactly: its rows are zero, the position still drawn.
        var semi = (double[,])p.Clone();
        for (int i = 3; i < 6; i++)
        {
            for (int j = 0; j < 6; j++) semi[i, j] = semi[j, i] = 0;
        }

        var ls = MonteCarlo.Cholesky(semi, "leo");
        Assert.Equal(0, ls[4, 4]);
        Assert.True(ls[1, 1] > 0);

        var indefinite = (double[,])p.Clone();
        indefinite[0, 1] = indefinite[1, 0] = 2 * Math.Sqrt(p[0, 0] * p[1, 1]);
        var e = Assert.Throws<PreciseInputException>(() => MonteCarlo.Cholesky(indefinite, "leo"));
        Assert.Contains("not positive semi-definite", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOpmWithoutCovariance_OrInAnUnknownFrame_IsRefusedNamingTheField()
    {
        string text = PreciseTestData.LeoCovarianceText;
        string noCovariance = string.Join('\n', text.Split('\n').Where(l => !l.StartsWith('C') || l.StartsWith("CCSDS", StringComparison.Ordinal) || l.StartsWith("CREATION", StringComparison.Ordinal)
            || l.StartsWith("CENTER", StringComparison.Ordinal) || l.StartsWith("COMMENT", StringComparison.Ordinal)));
        var job = new MonteCarloJob(noCovariance, "a.opm", null, PreciseTestData.J2, [PreciseTestData.LeoConditions().InitialState.Epoch.AddSeconds(1 * 3600)], 10, 1, new());
        Assert.Contains("no covariance", Assert.Throws<PreciseInputException>(() => job.Resolve(PreciseTestData.Tables.Tables)).Message, StringComparison.Ordinal);

        var galactic = job with { OpmText = text.Replace("COV_REF_FRAME = RTN", "COV_REF_FRAME = GALACTIC", StringComparison.Ordinal) };
        Assert.Contains("COV_REF_FRAME GALACTIC", Assert.Throws<PreciseInputException>(() => galactic.Resolve(PreciseTestData.Tables.Tables)).Message, StringComparison.Ordinal);

        // An Earth-fixed covariance is taken to GCRF with the Jacobian of the transformation (Earth rotation included).
        var itrf = job with { OpmText = text.Replace("COV_REF_FRAME = RTN", "COV_REF_FRAME = ITRF", StringComparison.Ordinal) };
        Assert.NotNull(itrf.Resolve(PreciseTestData.Tables.Tables));

        var oneSample = job with { OpmText = text, Samples = 1 };
        Assert.Contains("samples", Assert.Throws<PreciseInputException>(() => oneSample.Resolve(PreciseTestData.Tables.Tables)).Message, StringComparison.Ordinal);
    }

    private static void AssertSame(MonteCarloResult a, MonteCarloResult b)
    {
        Assert.Equal(a.Samples.Count, b.Samples.Count);
        for (int k = 0; k < a.Samples.Count; k++)
        {
            Assert.Equal(a.Samples[k].Initial, b.Samples[k].Initial);
            Assert.Equal(a.Samples[k].States, b.Samples[k].States);
            Assert.Equal((a.Samples[k].DragScale, a.Samples[k].ReflectivityScale), (b.Samples[k].DragScale, b.Samples[k].ReflectivityScale));
        }

        Assert.Equal(a.Statistics.Count, b.Statistics.Count);
        for (int t = 0; t < a.Statistics.Count; t++)
        {
            Assert.Equal(a.Statistics[t].Mean, b.Statistics[t].Mean);
            Assert.Equal(a.Statistics[t].CovarianceGcrf, b.Statistics[t].CovarianceGcrf);
        }
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var c = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                double s = 0;
                for (int k = 0; k < 6; k++) s += a[i, k] * b[k, j];
                c[i, j] = s;
            }
        }

        return c;
    }

    private static double[,] Transpose(double[,] a)
    {
        var t = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++) t[i, j] = a[j, i];
        }

        return t;
    }
}
