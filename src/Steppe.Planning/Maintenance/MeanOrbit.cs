using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;

namespace Steppe.Planning.Maintenance;

/// <summary>
/// The mean orbit of one revolution of a numerical trajectory: the osculating semi-major axis, inclination and node
/// averaged over a revolution (sampled uniformly in time). Averaging removes the short-period J2 terms (the ±10 km
/// twice-per-revolution oscillation of the osculating a at 600 km) without a J2 theory; to first order in e the average
/// of the osculating a is Brouwer's mean a.
/// </summary>
/// <param name="Start">Start of the revolution.</param>
/// <param name="SemiMajorAxisKm">Mean semi-major axis, km.</param>
/// <param name="InclinationRadians">Mean inclination.</param>
/// <param name="NodeRadians">Mean right ascension of the ascending node (GCRF).</param>
public readonly record struct MeanOrbit(Instant Start, double SemiMajorAxisKm, double InclinationRadians, double NodeRadians)
{
    private const int Samples = 36;

    /// <summary>Mean altitude: the mean semi-major axis less the equatorial radius, km.</summary>
    public double MeanAltitudeKm => SemiMajorAxisKm - Wgs84.EquatorialRadiusKm;

    /// <summary>The period of a circular orbit of this mean semi-major axis.</summary>
    public TimeSpan Period => TimeSpan.FromSeconds(2 * Math.PI / OrbitAveragedDecay.MeanMotionRadPerS(SemiMajorAxisKm));

    /// <summary>The mean orbit over the revolution of <paramref name="trajectory"/> starting at <paramref name="start"/>
    /// (the trajectory must cover one period past it).</summary>
    public static MeanOrbit Over(NumericalTrajectory trajectory, Instant start, double gravitationalParameterKm3PerS2 = OrbitAveragedDecay.GravitationalParameterKm3PerS2)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var first = trajectory.StateAt(start);
        double r0 = first.PositionKm.Length;
        double v0 = first.VelocityKmPerS.Length;
        double a0 = 1 / ((2 / r0) - (v0 * v0 / gravitationalParameterKm3PerS2));
        double period = 2 * Math.PI * Math.Sqrt(a0 * a0 * a0 / gravitationalParameterKm3PerS2);
        double sumA = 0;
        var sumH = Vector3D.Zero;
        for (int k = 0; k < Samples; k++)
        {
            var s = trajectory.StateAt(start.AddSeconds(period * k / Samples));
            double r = s.PositionKm.Length;
            double v = s.VelocityKmPerS.Length;
            sumA += 1 / ((2 / r) - (v * v / gravitationalParameterKm3PerS2));
            sumH += Vector3D.Cross(s.PositionKm, s.VelocityKmPerS).Normalized();
        }

        var h = sumH.Normalized();
        double inclination = Math.Acos(Math.Clamp(h.Z, -1, 1));
        double node = Math.Atan2(h.X, -h.Y);
        return new MeanOrbit(start, sumA / Samples, inclination, node < 0 ? node + (2 * Math.PI) : node);
    }
}
