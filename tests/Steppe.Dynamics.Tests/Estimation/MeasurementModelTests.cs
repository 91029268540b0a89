using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.TwoBody;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics.Estimation;
using Steppe.Dynamics.Tests.Numerical;

namespace Steppe.Dynamics.Tests.Estimation;

public sealed class MeasurementModelTests
{
    private const double Mu = PropagatorTests.Mu;
    private const double OmegaEarthRadPerS = 7.292115e-5;
    private static readonly EarthOrientationTable Eop = EarthOrientationTable.Bundled;
    private static readonly Instant Epoch = Instant.FromUtc(2026, 3, 1, 6, 0, 0);

    /// <summary>Akkol (Kazakhstan), the national agency's ground station.</summary>
    private static readonly GroundStation Akkol = new("Akkol", new GeodeticPoint(Angle.FromDegrees(51.95), Angle.FromDegrees(70.93), 0.4));

    private static GcrfStateSource Kepler(StateVector state)
    {
        var kepler = new KeplerPropagator(Mu);
        return t => kepler.Propagate(state, t);
    }

    /// <summary>A LEO satellite high over Akkol at <see cref="Epoch"/>.</summary>
    private static StateVector OverAkkol()
    {
        var station = MeasurementModels.StationGcrf(Akkol, Epoch, Eop).PositionKm;
        var up = station.Normalized();
        var east = Vector3D.Cross(Vector3D.UnitZ, up).Normalized();
        var position = (up * 7000.0) + (east * 600.0);
        var velocity = (Vector3D.Cross(up, east).Normalized() * 6.5) + (east * 2.0);
        return new StateVector(Epoch, Frame.Gcrf, position, velocity);
    }

    [Theory]
    [InlineData(MeasurementKind.Range)]
    [InlineData(MeasurementKind.RangeRate)]
    [InlineData(MeasurementKind.AzimuthElevation)]
    [InlineData(MeasurementKind.RightAscensionDeclination)]
    [InlineData(MeasurementKind.Position)]
    [InlineData(MeasurementKind.PositionVelocity)]
    public void Partials_agree_with_central_differences(MeasurementKind kind)
    {
        var time = Epoch.AddSeconds(30);
        var start = OverAkkol();
        var nominal = MeasurementModels.Predict(kind, time, Akkol, Kepler(start), Eop);
        var atStateTime = Kepler(start)(nominal.StateTime);
        int n = nominal.Values.Length;
        Assert.Equal(MeasurementModels.Dimension(kind), n);
        for (int j = 0; j < 6; j++)
        {
            double step = j < 3 ? 1e-3 : 1e-6;
            double[] Shifted(double sign)
            {
                var d = new double[6];
                d[j] = sign * step;
                var s = atStateTime with
                {
                    PositionKm = atStateTime.PositionKm + new Vector3D(d[0], d[1], d[2]),
                    VelocityKmPerS = atStateTime.VelocityKmPerS + new Vector3D(d[3], d[4], d[5]),
                };
                return MeasurementModels.Predict(kind, time, Akkol, Kepler(s), Eop).Values;
            }

            var plus = Shifted(1);
            var minus = Shifted(-1);
            for (int i = 0; i < n; i++)
            {
                double numeric = (plus[i] - minus[i]) / (2 * step);
                double analytic = nominal.Partials[(i * 6) + j];
                double scale = Enumerable.Range(0, 6).Max(k => Math.Abs(nominal.Partials[(i * 6) + k]));
                Assert.True(Math.Abs(numeric - analytic) <= 2e-4 * scale, $"{kind} ∂y{i}/∂x{j}: analytic {analytic:E6}, numeric {numeric:E6}");
            }
        }
    }

    /// <summary>
    /// A satellite fixed in ITRF (ideal geostationary): the one-way light time carries the Sagnac term of the Earth's
    /// rotation, Δρ = ω(x_s y_r − y_s x_r)/c (IS-GPS-200, §20.3.3.4.3.4; Ashby, Living Rev. Relativity 6, 2003), and the
    /// two-way range cancels it, leaving the Earth-fixed distance to well under a centimetre.
    /// </summary>
    [Fact]
    public void Light_time_carries_the_Sagnac_term_and_two_way_range_cancels_it()
    {
        var satItrf = Wgs84.ToItrfKm(new GeodeticPoint(Angle.FromDegrees(0), Angle.FromDegrees(58.5), 35786.0));
        GcrfStateSource geostationary = t =>
        {
            var (r, v) = FrameTransforms.Rotation(Frame.Itrf, Frame.Gcrf, t, Eop).Transform(satItrf, Vector3D.Zero);
            return new StateVector(t, Frame.Gcrf, r, v);
        };
        var receiver = MeasurementModels.StationGcrf(Akkol, Epoch, Eop).PositionKm;
        double tau = MeasurementModels.DownlinkLightTimeSeconds(Epoch, receiver, geostationary);
        double distance = (satItrf - Akkol.ItrfPositionKm).Length;
        var g = Akkol.ItrfPositionKm;
        double sagnac = OmegaEarthRadPerS * ((satItrf.X * g.Y) - (satItrf.Y * g.X)) / MeasurementModels.SpeedOfLightKmPerS;
        Assert.True(Math.Abs(sagnac) > 1e-3, $"the Sagnac term is {sagnac * 1e3:F2} m here");
        Assert.True(Math.Abs((tau * MeasurementModels.SpeedOfLightKmPerS) - distance - sagnac) < 1e-6, $"one way {((tau * MeasurementModels.SpeedOfLightKmPerS) - distance) * 1e3:F4} m vs Sagnac {sagnac * 1e3:F4} m");

        var range = MeasurementModels.Predict(MeasurementKind.Range, Epoch, Akkol, geostationary, Eop);
        Assert.True(Math.Abs(range.Values[0] - distance) < 1e-5, $"two-way range − distance = {(range.Values[0] - distance) * 1e3:F4} m");
        var rate = MeasurementModels.Predict(MeasurementKind.RangeRate, Epoch, Akkol, geostationary, Eop);
        Assert.True(Math.Abs(rate.Values[0]) < 1e-7, $"range rate {rate.Values[0] * 1e6} mm/s");
    }

    [Fact]
    public void Azimuth_elevation_and_right_ascension_declination_see_the_same_direction()
    {
        var time = Epoch.AddSeconds(30);
        var source = Kepler(OverAkkol());
        var azEl = MeasurementModels.Predict(MeasurementKind.AzimuthElevation, time, Akkol, source, Eop).Values;
        var raDec = MeasurementModels.Predict(MeasurementKind.RightAscensionDeclination, time, Akkol, source, Eop).Values;
        var gcrfLine = new Vector3D(Math.Cos(raDec[1]) * Math.Cos(raDec[0]), Math.Cos(raDec[1]) * Math.Sin(raDec[0]), Math.Sin(raDec[1]));
        var enu = Akkol.ItrfToEastNorthUp * FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, time, Eop).TransformPosition(gcrfLine);
        Assert.Equal(Math.Atan2(enu.X, enu.Y) is var a && a < 0 ? a + (2 * Math.PI) : a, azEl[0], 1e-12);
        Assert.Equal(Math.Asin(enu.Z), azEl[1], 1e-12);
        Assert.InRange(azEl[1], 0.5, Math.PI / 2);

        // The same as the station's own look angles at the emission-time position (light time ~ 2.4 ms here).
        var emission = MeasurementModels.Predict(MeasurementKind.AzimuthElevation, time, Akkol, source, Eop).StateTime;
        Assert.InRange(time.SecondsSince(emission), 1e-3, 1e-2);
        var look = Akkol.LookAnglesTo(FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, time, Eop).TransformPosition(source(emission).PositionKm));
        Assert.Equal(look.Azimuth.Radians, azEl[0], 1e-12);
        Assert.Equal(look.Elevation.Radians, azEl[1], 1e-12);
    }

    [Fact]
    public void Saemundsson_refraction_inverts_Bennett_within_a_tenth_of_an_arcminute()
    {
        // Meeus, Astronomical Algorithms (2nd ed.), ch. 16: Bennett R = 1′/tan(h0 + 7.31°/(h0 + 4.4°)) from the apparent
        // altitude h0; Saemundsson's formula from the true altitude agrees with it to 0.1′.
        var refraction = new Refraction();
        for (double trueDeg = 0; trueDeg <= 89; trueDeg += 0.5)
        {
            double r = refraction.BendingRadians(trueDeg * Math.PI / 180) * 180 / Math.PI * 60;
            double apparent = trueDeg + (r / 60);
            double bennett = 1 / Math.Tan((apparent + (7.31 / (apparent + 4.4))) * Math.PI / 180);
            Assert.True(Math.Abs(r - bennett) < 0.1, $"h = {trueDeg}°: Saemundsson {r:F3}′, Bennett {bennett:F3}′");
        }

        Assert.InRange(refraction.BendingRadians(0) * 180 / Math.PI * 60, 28, 30);
        var thin = new Refraction(PressureHPa: 505);
        Assert.Equal(0.5 * refraction.BendingRadians(0.2), thin.BendingRadians(0.2), 1e-15);

        // Elevation measurements carry it when asked.
        var source = Kepler(OverAkkol());
        var plain = MeasurementModels.Predict(MeasurementKind.AzimuthElevation, Epoch, Akkol, source, Eop).Values[1];
        var bent = MeasurementModels.Predict(MeasurementKind.AzimuthElevation, Epoch, Akkol, source, Eop, refraction).Values[1];
        Assert.Equal(refraction.BendingRadians(plain), bent - plain, 1e-15);
    }

    [Fact]
    public void Ground_measurements_need_a_station()
    {
        var e = Assert.Throws<ArgumentException>(() => MeasurementModels.Predict(MeasurementKind.Range, Epoch, null, Kepler(OverAkkol()), Eop));
        Assert.Contains("ground station", e.Message, StringComparison.Ordinal);
    }
}
