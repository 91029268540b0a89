using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Conjunctions.Avoidance;

namespace Steppe.Planning.Tests.Avoidance;

/// <summary>Constructed encounters with known geometry.</summary>
internal static class AvoidanceCases
{
    public const double Mu = EncounterProbability.EarthGmKm3PerS2;

    public static readonly Instant Tca = Instant.FromUtc(2026, 9, 1, 12, 0, 0);

    /// <summary>Two circular LEO orbits at 7000 km crossing at 38° (inclinations 98° and 60°, same node), the secondary
    /// passing <paramref name="radialMissKm"/> above the primary at TCA; RTN σ primary (50, 200, 50) m, secondary
    /// (100, 300, 100) m, velocity σ 5 cm/s.</summary>
    public static Encounter CrossingLeo(double radialMissKm = 0.05, double hardBodyRadiusKm = 0.02)
    {
        double r = 7000, v = Math.Sqrt(Mu / r);
        var p = new StateVector(Tca, Frame.Gcrf, new Vector3D(r, 0, 0), Velocity(v, 98));
        var s = new StateVector(Tca, Frame.Gcrf, new Vector3D(r + radialMissKm, 0, 0), Velocity(Math.Sqrt(Mu / (r + radialMissKm)), 60));
        return new Encounter(Tca, p, s,
            StateCovariance.Diagonal(Tca, CovarianceFrame.Rtn, new Vector3D(0.05, 0.2, 0.05), new Vector3D(5e-5, 5e-5, 5e-5)),
            StateCovariance.Diagonal(Tca, CovarianceFrame.Rtn, new Vector3D(0.1, 0.3, 0.1), new Vector3D(5e-5, 5e-5, 5e-5)),
            hardBodyRadiusKm, "PRIMARY", "1", "SECONDARY", "2");
    }

    /// <summary>A head-on LEO encounter: the secondary on the same circular orbit flown backwards (a retrograde twin), so the
    /// relative velocity lies along-track; <paramref name="radialMissKm"/> above.</summary>
    public static Encounter HeadOnLeo(double radialMissKm, double crossMissKm = 0, double hardBodyRadiusKm = 0.02)
    {
        double r = 7000, v = Math.Sqrt(Mu / r);
        var p = new StateVector(Tca, Frame.Gcrf, new Vector3D(r, 0, 0), Velocity(v, 98));
        double r2 = r + radialMissKm;
        var s = new StateVector(Tca, Frame.Gcrf, new Vector3D(r2, 0, 0) + (crossMissKm * Normal(98)), -1 * Velocity(Math.Sqrt(Mu / r2), 98));
        return new Encounter(Tca, p, s,
            StateCovariance.Diagonal(Tca, CovarianceFrame.Rtn, new Vector3D(0.05, 0.2, 0.05), new Vector3D(5e-5, 5e-5, 5e-5)),
            StateCovariance.Diagonal(Tca, CovarianceFrame.Rtn, new Vector3D(0.1, 0.3, 0.1), new Vector3D(5e-5, 5e-5, 5e-5)),
            hardBodyRadiusKm, "PRIMARY", "1", "SECONDARY", "2");
    }

    /// <summary>A slow co-located GEO encounter: the secondary 300 m below the primary, drifting past at 5 cm/s along-track;
    /// RTN σ (100, 400, 100) m for both, velocity σ 2 cm/s; hard-body radius 50 m.</summary>
    public static Encounter SlowGeo(double belowKm = 0.3, double extraAlongKmPerS = 0)
    {
        double r = 42164.17, v = Math.Sqrt(Mu / r), n = v / r;
        var p = new StateVector(Tca, Frame.Gcrf, new Vector3D(r, 0, 0), new Vector3D(0, v, 0));
        var s = new StateVector(Tca, Frame.Gcrf, new Vector3D(r - belowKm, 0, 0), new Vector3D(0, v + (belowKm * n) + extraAlongKmPerS, 0));
        var sigmaR = new Vector3D(0.1, 0.4, 0.1);
        var sigmaV = new Vector3D(2e-5, 2e-5, 2e-5);
        return new Encounter(Tca, p, s,
            StateCovariance.Diagonal(Tca, CovarianceFrame.Rtn, sigmaR, sigmaV),
            StateCovariance.Diagonal(Tca, CovarianceFrame.Rtn, sigmaR, sigmaV),
            0.05, "PRIMARY", "1", "SECONDARY", "2");
    }

    private static Vector3D Velocity(double speed, double inclinationDeg)
    {
        double i = inclinationDeg * Math.PI / 180;
        return new Vector3D(0, speed * Math.Cos(i), speed * Math.Sin(i));
    }

    private static Vector3D Normal(double inclinationDeg)
    {
        double i = inclinationDeg * Math.PI / 180;
        return new Vector3D(0, -Math.Sin(i), Math.Cos(i));
    }
}
