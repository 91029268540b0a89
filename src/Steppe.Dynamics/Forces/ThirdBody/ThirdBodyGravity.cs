using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Mathematics;

namespace Steppe.Dynamics.Forces.ThirdBody;

/// <summary>
/// The gravitational pull of a third body (the Sun, the Moon or a planet) on a satellite of the Earth, relative to the
/// Earth: the direct attraction minus the attraction on the Earth's centre (the indirect term), Montenbruck &amp; Gill,
/// <i>Satellite Orbits</i>, eq. 3.37. The two nearly equal terms are combined without cancellation by Battin's f(q)
/// (Battin, <i>An Introduction to the Mathematics and Methods of Astrodynamics</i>, 1999, §8.4): with s the body's
/// geocentric position, d = r − s and q = r·(r − 2s)/s², a = −GM/|d|³ · (r + f(q)·s),
/// f(q) = q(3 + 3q + q²)/(1 + (1 + q)^{3/2}). Positions come from the ephemeris of the <see cref="ForceEnvironment"/>
/// (the Sun and the Moon through its per-instant cache). The partials are exact: ∂a/∂r = GM(3d̂d̂ᵀ − I)/|d|³, ∂a/∂v = 0.
/// </summary>
public sealed class ThirdBodyGravity : IForceModelWithPartials
{
    /// <summary>The pull of <paramref name="body"/> with gravitational parameter <paramref name="gmKm3PerS2"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The body is the Earth or a barycentre, or GM is not positive.</exception>
    public ThirdBodyGravity(SolarSystemBody body, double gmKm3PerS2)
    {
        if (body is SolarSystemBody.Earth or SolarSystemBody.EarthMoonBarycenter or SolarSystemBody.SolarSystemBarycenter)
        {
            throw new ArgumentOutOfRangeException(nameof(body), body, "A third body must be the Sun, the Moon or a planet.");
        }

        if (!(gmKm3PerS2 > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gmKm3PerS2), gmKm3PerS2, "GM must be positive.");
        }

        Body = body;
        GmKm3PerS2 = gmKm3PerS2;
        Name = $"{body} (third body)";
    }

    /// <summary>The Sun, GM = 132 712 440 041.279 km³/s² (DE440).</summary>
    public static ThirdBodyGravity Sun() => new(SolarSystemBody.Sun, SolarSystemConstants.SunGmKm3PerS2);

    /// <summary>The Moon, GM = 4902.800 km³/s² (DE440).</summary>
    public static ThirdBodyGravity Moon() => new(SolarSystemBody.Moon, SolarSystemConstants.MoonGmKm3PerS2);

    /// <summary>Any third body with its DE440 GM (a planet's system GM for the outer planets and Mars).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The body is the Earth or a barycentre.</exception>
    public static ThirdBodyGravity For(SolarSystemBody body) => new(body, body switch
    {
        SolarSystemBody.Sun => SolarSystemConstants.SunGmKm3PerS2,
        SolarSystemBody.Moon => SolarSystemConstants.MoonGmKm3PerS2,
        SolarSystemBody.Mercury => SolarSystemConstants.MercuryGmKm3PerS2,
        SolarSystemBody.Venus => SolarSystemConstants.VenusGmKm3PerS2,
        SolarSystemBody.Mars => SolarSystemConstants.MarsSystemGmKm3PerS2,
        SolarSystemBody.Jupiter => SolarSystemConstants.JupiterSystemGmKm3PerS2,
        SolarSystemBody.Saturn => SolarSystemConstants.SaturnSystemGmKm3PerS2,
        SolarSystemBody.Uranus => SolarSystemConstants.UranusSystemGmKm3PerS2,
        SolarSystemBody.Neptune => SolarSystemConstants.NeptuneSystemGmKm3PerS2,
        SolarSystemBody.Pluto => SolarSystemConstants.PlutoSystemGmKm3PerS2,
        _ => throw new ArgumentOutOfRangeException(nameof(body), body, "A third body must be the Sun, the Moon or a planet."),
    });

    /// <summary>The body.</summary>
    public SolarSystemBody Body { get; }

    /// <summary>Its gravitational parameter, km³/s².</summary>
    public double GmKm3PerS2 { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The body's geocentric position, GCRF, km.</summary>
    public Vector3D BodyPositionKm(ForceEnvironment environment, Core.Time.Instant epoch)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Body switch
        {
            SolarSystemBody.Sun => environment.SunKm(epoch),
            SolarSystemBody.Moon => environment.MoonKm(epoch),
            _ => environment.Ephemeris.PositionKm(Body, SolarSystemBody.Earth, epoch),
        };
    }

    /// <inheritdoc />
    public Vector3D AccelerationKmPerS2(in ForceState state, ForceEnvironment environment) =>
        Acceleration(state.PositionKm, BodyPositionKm(environment, state.Epoch), GmKm3PerS2);

    /// <inheritdoc />
    public (Vector3D Acceleration, Matrix3x3 dAdR, Matrix3x3 dAdV) AccelerationAndPartials(in ForceState state, ForceEnvironment environment)
    {
        var s = BodyPositionKm(environment, state.Epoch);
        var r = state.PositionKm;
        var d = r - s;
        double d2 = d.LengthSquared, dLength = Math.Sqrt(d2), k = GmKm3PerS2 / (d2 * dLength), k3 = 3.0 * k / d2;
        var partials = new Matrix3x3(
            (k3 * d.X * d.X) - k, k3 * d.X * d.Y, k3 * d.X * d.Z,
            k3 * d.Y * d.X, (k3 * d.Y * d.Y) - k, k3 * d.Y * d.Z,
            k3 * d.Z * d.X, k3 * d.Z * d.Y, (k3 * d.Z * d.Z) - k);
        return (Acceleration(r, s, GmKm3PerS2), partials, default);
    }

    /// <summary>The perturbing acceleration (km/s²) at geocentric <paramref name="satelliteKm"/> from a body of
    /// <paramref name="gmKm3PerS2"/> at geocentric <paramref name="bodyKm"/> (Battin's form).</summary>
    public static Vector3D Acceleration(Vector3D satelliteKm, Vector3D bodyKm, double gmKm3PerS2)
    {
        double s2 = bodyKm.LengthSquared;
        double q = Vector3D.Dot(satelliteKm, satelliteKm - (2.0 * bodyKm)) / s2;
        double onePlusQ = 1.0 + q;
        double f = q * (3.0 + (3.0 * q) + (q * q)) / (1.0 + (onePlusQ * Math.Sqrt(onePlusQ)));
        var d = satelliteKm - bodyKm;
        double d2 = d.LengthSquared;
        double k = -gmKm3PerS2 / (d2 * Math.Sqrt(d2));
        return k * (satelliteKm + (f * bodyKm));
    }
}
