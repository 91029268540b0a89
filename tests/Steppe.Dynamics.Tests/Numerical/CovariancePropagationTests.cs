using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Maneuvers;
using Steppe.Dynamics.Numerical;

namespace Steppe.Dynamics.Tests.Numerical;

public class CovariancePropagationTests
{
    private static readonly Instant Epoch = PropagatorTests.Epoch;

    private static double[] Vector(StateVector s) =>
        [s.PositionKm.X, s.PositionKm.Y, s.PositionKm.Z, s.VelocityKmPerS.X, s.VelocityKmPerS.Y, s.VelocityKmPerS.Z];

    private static StateVector Circular(double aKm, double inclinationDegrees)
    {
        var c = new ClassicalElements(aKm, 0, Angle.FromDegrees(inclinationDegrees), Angle.FromDegrees(25), Angle.FromDegrees(0), Angle.FromDegrees(40)).ToState(PropagatorTests.Mu);
        return new StateVector(Epoch, Frame.Gcrf, c.PositionKm, c.VelocityKmPerS);
    }

    /// <summary>
    /// Linear propagation against Monte Carlo: 500 samples of a 10 m / 1 cm/s RTN covariance of a 700 km LEO, propagated
    /// one day with two-body + J2 each, give a sample covariance that agrees with Φ P₀ Φᵀ element by element within five
    /// standard errors of a sample covariance of N Gaussian draws, sqrt((Pᵢᵢ Pⱼⱼ + Pᵢⱼ²) / N) (Anderson, An Introduction
    /// to Multivariate Statistical Analysis, §3.3: Var(sᵢⱼ) = (σᵢᵢσⱼⱼ + σᵢⱼ²)/(N − 1)); and the unpropagated covariance
    /// does not, so the comparison can fail.
    /// </summary>
    [Fact]
    public void Linear_Covariance_AgreesWithTheSampleCovarianceOf500PropagatedSamples_OneDayLeoJ2()
    {
        const int samples = 500;
        var start = PropagatorTests.Leo();
        var end = Epoch.AddSeconds(86400);
        var options = new NumericalPropagatorOptions { PositionToleranceKm = 1e-9 };
        var nominal = PropagatorTests.Propagator(options with { StateTransitionMatrix = true }, J2Gravity.Earth).Propagate(start, PropagatorTests.Craft, end);
        var p0Rtn = StateCovariance.Diagonal(Epoch, CovarianceFrame.Rtn, new Vector3D(0.010, 0.010, 0.010), new Vector3D(1e-5, 1e-5, 1e-5));
        var p0 = CovariancePropagation.ToFrame(p0Rtn, CovarianceFrame.Gcrf, start);
        var linear = CovariancePropagation.ToFrame(CovariancePropagation.Propagate(p0, nominal, end), CovarianceFrame.Rtn, nominal.StateAt(end));

        var propagator = PropagatorTests.Propagator(options, J2Gravity.Earth);
        var random = new Random(20261206);
        var toGcrf = CovariancePropagation.Rotation(CovarianceFrame.Rtn, start.PositionKm, start.VelocityKmPerS).Transpose();
        var endNominal = nominal.StateAt(end);
        var toRtnEnd = CovariancePropagation.Rotation(CovarianceFrame.Rtn, endNominal.PositionKm, endNominal.VelocityKmPerS);
        var deviations = new double[samples][];
        for (int k = 0; k < samples; k++)
        {
            var dr = toGcrf * new Vector3D(0.010 * Gaussian(random), 0.010 * Gaussian(random), 0.010 * Gaussian(random));
            var dv = toGcrf * new Vector3D(1e-5 * Gaussian(random), 1e-5 * Gaussian(random), 1e-5 * Gaussian(random));
            var s = propagator.Propagate(start with { PositionKm = start.PositionKm + dr, VelocityKmPerS = start.VelocityKmPerS + dv }, PropagatorTests.Craft, end).StateAt(end);
            var dp = toRtnEnd * (s.PositionKm - endNominal.PositionKm);
            var dvel = toRtnEnd * (s.VelocityKmPerS - endNominal.VelocityKmPerS);
            deviations[k] = [dp.X, dp.Y, dp.Z, dvel.X, dvel.Y, dvel.Z];
        }

        var mean = new double[6];
        for (int i = 0; i < 6; i++)
        {
            mean[i] = deviations.Average(d => d[i]);
        }

        var sample = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                sample[i, j] = deviations.Sum(d => (d[i] - mean[i]) * (d[j] - mean[j])) / (samples - 1);
            }
        }

        double Worst(StateCovariance p)
        {
            double worst = 0;
            for (int i = 0; i < 6; i++)
            {
                for (int j = 0; j < 6; j++)
                {
                    double standardError = Math.Sqrt(((p[i, i] * p[j, j]) + (p[i, j] * p[i, j])) / samples);
                    worst = Math.Max(worst, Math.Abs(sample[i, j] - p[i, j]) / standardError);
                }
            }

            return worst;
        }

        double worstLinear = Worst(linear);
        Assert.True(worstLinear < 5, $"worst difference {worstLinear:F2} standard errors");
        for (int i = 0; i < 6; i++)
        {
            // The sample mean is zero to within five standard errors: the dispersion is still linear.
            Assert.True(Math.Abs(mean[i]) < 5 * Math.Sqrt(linear[i, i] / samples), $"mean of component {i}: {mean[i]:E3}");
        }

        // The in-track 1σ grew from 10 m to kilometres, and the unpropagated covariance fails the same comparison.
        Assert.True(Math.Sqrt(linear[1, 1]) > 1.0, $"in-track σ {Math.Sqrt(linear[1, 1]) * 1e3:F0} m");
        Assert.True(Worst(p0Rtn) > 100);
    }

    [Fact]
    public void Rtn_Tnw_Vnc_RoundTrips_AreExactToRoundOff()
    {
        var state = PropagatorTests.Leo();
        var random = new Random(7);
        var l = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                l[i, j] = (i < 3 ? 1 : 1e-3) * (j < 3 ? 1 : 1e-3) * (random.NextDouble() - 0.5) + (i == j ? 1e-3 : 0);
            }
        }

        var full = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                for (int k = 0; k < 6; k++)
                {
                    full[i, j] += l[i, k] * l[j, k];
                }
            }
        }

        var gcrf = new StateCovariance(Epoch, CovarianceFrame.Gcrf, full);
        foreach (var frame in new[] { CovarianceFrame.Rtn, CovarianceFrame.Tnw, CovarianceFrame.Vnc })
        {
            var local = CovariancePropagation.ToFrame(gcrf, frame, state);
            Assert.Equal(frame, local.Frame);
            var back = CovariancePropagation.ToFrame(local, CovarianceFrame.Gcrf, state);
            for (int i = 0; i < 6; i++)
            {
                for (int j = 0; j < 6; j++)
                {
                    double scale = Math.Sqrt(full[i, i] * full[j, j]);
                    Assert.True(Math.Abs(back[i, j] - full[i, j]) < 1e-14 * scale, $"{frame} ({i}, {j}): {back[i, j]} vs {full[i, j]}");
                    Assert.Equal(local[i, j], local[j, i]);
                }
            }

            // Rotation keeps the trace of each block and the matrix positive definite.
            Assert.Equal(full[0, 0] + full[1, 1] + full[2, 2], local[0, 0] + local[1, 1] + local[2, 2], 12);
            Assert.True(local.SmallestCorrelationEigenvalue() > 0);
        }

        // RTN to TNW directly equals the way through GCRF.
        var rtn = CovariancePropagation.ToFrame(gcrf, CovarianceFrame.Rtn, state);
        var direct = CovariancePropagation.ToFrame(rtn, CovarianceFrame.Tnw, state);
        var via = CovariancePropagation.ToFrame(gcrf, CovarianceFrame.Tnw, state);
        Assert.True(Math.Abs(direct[1, 4] - via[1, 4]) < 1e-14 * Math.Sqrt(via[1, 1] * via[4, 4]));
    }

    [Fact]
    public void PureRadialVariance_InRic_IsSigmaSquaredTimesROuterR_InGcrf()
    {
        var state = PropagatorTests.Leo();
        const double sigma = 0.1; // 100 m radial
        var ric = StateCovariance.Diagonal(Epoch, CovarianceFrame.Rtn, new Vector3D(sigma, 0, 0), Vector3D.Zero);
        var gcrf = CovariancePropagation.ToFrame(ric, CovarianceFrame.Gcrf, state);
        var u = state.PositionKm.Normalized();
        double[] uc = [u.X, u.Y, u.Z];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                double expected = i < 3 && j < 3 ? sigma * sigma * uc[i] * uc[j] : 0;
                Assert.True(Math.Abs(gcrf[i, j] - expected) < 1e-17, $"({i}, {j}): {gcrf[i, j]} vs {expected}");
            }
        }

        // A pure transverse-velocity variance of a circular orbit lies along v: T = V there, and the velocity block is the
        // rotation alone (no ω × r term couples it into position).
        var circular = Circular(7000, 51.6);
        var tv = CovariancePropagation.ToFrame(StateCovariance.Diagonal(Epoch, CovarianceFrame.Rtn, Vector3D.Zero, new Vector3D(0, 1e-3, 0)), CovarianceFrame.Gcrf, circular);
        var w = circular.VelocityKmPerS.Normalized();
        Assert.True(Math.Abs((1e-6 * w.X * w.Y) - tv[3, 4]) < 1e-20);
        Assert.Equal(0.0, tv[0, 3]);
        var tnw = CovariancePropagation.ToFrame(tv, CovarianceFrame.Tnw, circular);
        Assert.Equal(1e-6, tnw[3, 3], 15);
    }

    /// <summary>
    /// A pure semi-major-axis uncertainty σ_a of a circular orbit (δr = (δa/a) r, δv = −(δa/2a) v) stays σ_a radially and
    /// grows in-track as σ_T(t) = (3/2) n t σ_a, the secular term of the Clohessy–Wiltshire solution (Vallado,
    /// Fundamentals of Astrodynamics and Applications, 4th ed., §6.8; Montenbruck &amp; Gill, Satellite Orbits, §7.1):
    /// checked over one day of two-body motion at 1e-9 (the agreement is about 1e-13).
    /// </summary>
    [Fact]
    public void Vallado_MontenbruckGill_AlongTrackGrowth_OfASemiMajorAxisUncertainty()
    {
        const double aKm = 7000, sigmaAKm = 1e-3;
        var start = Circular(aKm, 51.6);
        double[] g = [.. Vector(start).Select((x, i) => i < 3 ? x / aKm : -x / (2 * aKm))];
        var p0 = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                p0[i, j] = sigmaAKm * sigmaAKm * g[i] * g[j];
            }
        }

        var initial = new StateCovariance(Epoch, CovarianceFrame.Gcrf, p0);
        var end = Epoch.AddSeconds(86400);
        var trajectory = PropagatorTests.Propagator(new NumericalPropagatorOptions { StateTransitionMatrix = true, PositionToleranceKm = 1e-11 }).Propagate(start, PropagatorTests.Craft, end);
        double n = Math.Sqrt(PropagatorTests.Mu / (aKm * aKm * aKm));
        foreach (double hours in new[] { 1.0, 6.0, 12.0, 24.0 })
        {
            var t = Epoch.AddSeconds(hours * 3600);
            var rtn = CovariancePropagation.ToFrame(CovariancePropagation.Propagate(initial, trajectory, t), CovarianceFrame.Rtn, trajectory.StateAt(t));
            double expected = 1.5 * n * hours * 3600 * sigmaAKm;
            Assert.True(Math.Abs(Math.Sqrt(rtn[1, 1]) - expected) < 1e-9 * expected, $"{hours} h: σ_T {Math.Sqrt(rtn[1, 1]) * 1e3:F6} m, expected {expected * 1e3:F6} m");
            Assert.True(Math.Abs(Math.Sqrt(rtn[0, 0]) - sigmaAKm) < 1e-9 * sigmaAKm, $"{hours} h: σ_R {Math.Sqrt(rtn[0, 0]) * 1e3:F6} m");
            Assert.True(Math.Abs(rtn[2, 2]) < 1e-12 * expected * expected);
        }
    }

    [Fact]
    public void Gates_ExecutionError_IsAddedAtTheBurnAndNotBefore()
    {
        var start = Circular(7000, 51.6);
        var burnTime = Epoch.AddSeconds(1800);
        var end = Epoch.AddSeconds(5400);
        var maneuver = ImpulsiveManeuver.At(burnTime, new Vector3D(0, 0.010, 0), ManeuverFrame.Ric);
        var trajectory = PropagatorTests.Propagator(new NumericalPropagatorOptions { StateTransitionMatrix = true, PositionToleranceKm = 1e-10 })
            .Propagate(start, PropagatorTests.Craft, end, maneuvers: [maneuver]);
        var zero = new StateCovariance(Epoch, CovarianceFrame.Gcrf, new double[6, 6]);
        var error = new ManeuverExecutionError(0.01, 1e-3);

        var before = CovariancePropagation.Propagate(zero, trajectory, burnTime.AddSeconds(-1), error);
        Assert.All(before.LowerTriangle, v => Assert.Equal(0.0, v));

        // Just after: the velocity block is diag(σ_R², σ_T², σ_N²) in RTN with σ_T = 1 % of 10 m/s and σ_R = σ_N = 1 mrad × 10 m/s.
        var at = CovariancePropagation.Propagate(zero, trajectory, burnTime, error);
        var rtn = CovariancePropagation.ToFrame(at, CovarianceFrame.Rtn, trajectory.Maneuvers[0].StateBefore);
        Assert.True(Math.Abs(rtn[4, 4] - 1e-8) < 1e-20, $"{rtn[4, 4]}");
        Assert.True(Math.Abs(rtn[3, 3] - 1e-10) < 1e-22, $"{rtn[3, 3]}");
        Assert.True(Math.Abs(rtn[5, 5] - 1e-10) < 1e-22, $"{rtn[5, 5]}");
        Assert.True(Math.Abs(rtn[0, 0]) < 1e-24, $"{rtn[0, 0]}");

        // Later it is carried by Φ(t, t_k) = Φ(t, t₀) Φ(t_k, t₀)⁻¹: a transverse Δv error drifts in-track, and the matrix
        // stays positive semi-definite.
        var later = CovariancePropagation.ToFrame(CovariancePropagation.Propagate(zero, trajectory, end, error), CovarianceFrame.Rtn, trajectory.StateAt(end));
        Assert.True(Math.Sqrt(later[1, 1]) > 0.1, $"in-track σ {Math.Sqrt(later[1, 1]) * 1e3:F1} m");
        Assert.True(later.SmallestCorrelationEigenvalue() > -1e-9);
    }

    /// <summary>The execution error carried past the burn by Φ(t, t_k) = Φ(t, t₀) Φ(t_k, t₀)⁻¹ against Monte Carlo: 400
    /// two-body runs whose 10 m/s burn is executed with Gates errors (5 % magnitude, 2° pointing) drawn at random give,
    /// an hour later, the sample covariance of the linear result within five standard errors of a sample covariance.</summary>
    [Fact]
    public void Gates_ExecutionError_AgreesWithMonteCarloOfExecutedBurns()
    {
        const int samples = 400;
        var start = Circular(7000, 51.6);
        var burnTime = Epoch.AddSeconds(1800);
        var end = Epoch.AddSeconds(5400);
        var options = new NumericalPropagatorOptions { PositionToleranceKm = 1e-10 };
        var nominal = PropagatorTests.Propagator(options with { StateTransitionMatrix = true })
            .Propagate(start, PropagatorTests.Craft, end, maneuvers: [ImpulsiveManeuver.At(burnTime, new Vector3D(0, 0.010, 0), ManeuverFrame.Ric)]);
        var error = new ManeuverExecutionError(0.05, 2 * Math.PI / 180);
        var zero = new StateCovariance(Epoch, CovarianceFrame.Gcrf, new double[6, 6]);
        var linear = CovariancePropagation.Propagate(zero, nominal, end, error);

        var dv = nominal.Maneuvers[0].DeltaVKmPerS;
        var u = dv.Normalized();
        var p1 = Vector3D.Cross(u, Vector3D.UnitZ).Normalized();
        var p2 = Vector3D.Cross(u, p1);
        double along = 0.05 * dv.Length, across = 2 * Math.PI / 180 * dv.Length;
        var propagator = PropagatorTests.Propagator(options);
        var endNominal = nominal.StateAt(end);
        var random = new Random(12);
        var deviations = new double[samples][];
        for (int k = 0; k < samples; k++)
        {
            var executed = dv + (along * Gaussian(random) * u) + (across * Gaussian(random) * p1) + (across * Gaussian(random) * p2);
            var s = propagator.Propagate(start, PropagatorTests.Craft, end, maneuvers: [ImpulsiveManeuver.At(burnTime, executed)]).StateAt(end);
            deviations[k] = [.. Vector(s).Zip(Vector(endNominal), (a, b) => a - b)];
        }

        double worst = 0;
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                double mi = deviations.Average(d => d[i]), mj = deviations.Average(d => d[j]);
                double sample = deviations.Sum(d => (d[i] - mi) * (d[j] - mj)) / (samples - 1);
                double standardError = Math.Sqrt(((linear[i, i] * linear[j, j]) + (linear[i, j] * linear[i, j])) / samples);
                worst = Math.Max(worst, Math.Abs(sample - linear[i, j]) / standardError);
            }
        }

        Assert.True(worst < 5, $"worst difference {worst:F2} standard errors");

        // Without the error the linear covariance is zero, far from the samples: the comparison can fail.
        Assert.All(CovariancePropagation.Propagate(zero, nominal, end).LowerTriangle, v => Assert.Equal(0.0, v));
        Assert.True(Math.Sqrt(linear[0, 0] + linear[1, 1] + linear[2, 2]) > 1.0, "kilometres of dispersion an hour after a 5 % burn error");
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller.
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
