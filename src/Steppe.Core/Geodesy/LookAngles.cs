using Steppe.Core.Units;

namespace Steppe.Core.Geodesy;

/// <summary>Where a body is seen from a ground station: azimuth (from north, clockwise, [0°, 360°)), elevation above the
/// local horizontal plane of the ellipsoid normal (−90° to 90°), slant range and its rate (positive when receding).</summary>
/// <param name="Azimuth">Azimuth from north, clockwise, [0°, 360°).</param>
/// <param name="Elevation">Elevation above the geodetic horizon.</param>
/// <param name="RangeKm">Slant range, km.</param>
/// <param name="RangeRateKmPerS">Rate of change of the slant range, km/s (positive when the distance grows).</param>
public readonly record struct LookAngles(Angle Azimuth, Angle Elevation, double RangeKm, double RangeRateKmPerS);
