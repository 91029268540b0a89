using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Frames;

/// <summary>A position and velocity of a body at an instant, in a named frame. Coordinates in other frames are views
/// (<see cref="To(Frame, EarthOrientationTable)"/>, <see cref="ToGeodetic"/>, <see cref="LookAnglesFrom"/>).</summary>
/// <param name="Epoch">When.</param>
/// <param name="Frame">In which frame.</param>
/// <param name="PositionKm">Position, km.</param>
/// <param name="VelocityKmPerS">Velocity, km/s.</param>
public readonly record struct StateVector(Instant Epoch, Frame Frame, Vector3D PositionKm, Vector3D VelocityKmPerS)
{
    /// <summary>This state in frame <paramref name="frame"/>, with Earth orientation from <paramref name="eop"/>.</summary>
    public StateVector To(Frame frame, EarthOrientationTable eop) => FrameTransforms.Transform(this, frame, eop);

    /// <summary>This state in frame <paramref name="frame"/> under <paramref name="conventions"/> (IERS 2010 or
    /// IAU-76/FK5), with Earth orientation from <paramref name="eop"/>.</summary>
    public StateVector To(Frame frame, EarthOrientationTable eop, FrameConventions conventions) =>
        FrameTransforms.Transform(this, frame, eop, conventions);

    /// <summary>The geodetic (WGS-84) point under this state (converted to ITRF first when needed).</summary>
    public GeodeticPoint ToGeodetic(EarthOrientationTable eop) => Wgs84.ToGeodetic(To(Frame.Itrf, eop).PositionKm);

    /// <summary>Azimuth, elevation, range and range rate of this state seen from <paramref name="station"/>
    /// (converted to ITRF first when needed).</summary>
    public LookAngles LookAnglesFrom(GroundStation station, EarthOrientationTable eop)
    {
        ArgumentNullException.ThrowIfNull(station);
        var itrf = To(Frame.Itrf, eop);
        return station.LookAnglesTo(itrf.PositionKm, itrf.VelocityKmPerS);
    }
}
