using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Frames;

/// <summary>A position and velocity of a body at an instant, in a named frame. Coordinates in other frames are views
/// (see <c>FrameTransforms</c>).</summary>
/// <param name="Epoch">When.</param>
/// <param name="Frame">In which frame.</param>
/// <param name="PositionKm">Position, km.</param>
/// <param name="VelocityKmPerS">Velocity, km/s.</param>
public readonly record struct StateVector(Instant Epoch, Frame Frame, Vector3D PositionKm, Vector3D VelocityKmPerS);
