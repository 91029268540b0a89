using Steppe.Cli.Commands;
using Steppe.Core.Frames;
using Steppe.Core.Time;

namespace Steppe.Cli.Output;

/// <summary>The coordinate columns of a state in an output frame, shared by the SGP4 and the numerical <c>propagate</c>.</summary>
internal static class StateColumns
{
    /// <summary>Position and velocity (km, km/s), or latitude, longitude and altitude for <see cref="OutputFrame.Geodetic"/>.</summary>
    public static IEnumerable<Column> For(OutputFrame frame) => frame == OutputFrame.Geodetic
        ? [new("lat_deg", "lat (°)", "0.0000"), new("lon_deg", "lon (°E)", "0.0000"), new("alt_km", "alt (km)", "0.000")]
        :
        [
            new("x_km", "x (km)", "0.000000"), new("y_km", "y (km)", "0.000000"), new("z_km", "z (km)", "0.000000"),
            new("vx_km_s", "vx (km/s)", "0.000000000"), new("vy_km_s", "vy (km/s)", "0.000000000"), new("vz_km_s", "vz (km/s)", "0.000000000"),
        ];

    /// <summary>The caption naming the frame (<paramref name="teme"/> describes TEME where it is the computation's own frame).</summary>
    public static string Caption(OutputFrame frame, string teme = "TEME") => frame switch
    {
        OutputFrame.Teme => $"Frame: {teme}. Positions km, velocities km/s.",
        OutputFrame.Itrf => $"Frame: {FrameLabels.Describe(Frame.Itrf)}; {FrameLabels.EarthOrientationSource}. Positions km, velocities km/s.",
        OutputFrame.Gcrf => $"Frame: {FrameLabels.Describe(Frame.Gcrf)}; {FrameLabels.EarthOrientationSource}. Positions km, velocities km/s.",
        _ => "Geodetic on WGS-84: latitude and longitude (east positive) in degrees, altitude above the ellipsoid in km.",
    };

    /// <summary>Adds the cells of <paramref name="state"/> (in any frame) in <paramref name="frame"/>.</summary>
    public static void Add(List<object?> cells, StateVector state, OutputFrame frame, EarthOrientationTable eop)
    {
        if (frame == OutputFrame.Geodetic)
        {
            var g = state.ToGeodetic(eop);
            cells.Add(g.Latitude.Degrees);
            cells.Add(g.Longitude.Degrees);
            cells.Add(g.HeightKm);
            return;
        }

        var target = frame switch
        {
            OutputFrame.Itrf => Frame.Itrf,
            OutputFrame.Gcrf => Frame.Gcrf,
            _ => Frame.Teme,
        };
        var s = FrameTransforms.Transform(state, target, eop);
        cells.Add(s.PositionKm.X);
        cells.Add(s.PositionKm.Y);
        cells.Add(s.PositionKm.Z);
        cells.Add(s.VelocityKmPerS.X);
        cells.Add(s.VelocityKmPerS.Y);
        cells.Add(s.VelocityKmPerS.Z);
    }
}
