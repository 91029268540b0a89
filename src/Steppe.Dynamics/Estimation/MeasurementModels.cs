using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Dynamics.Estimation;

/// <summary>What a tracking measurement observes.</summary>
public enum MeasurementKind
{
    /// <summary>Two-way range from a ground station (round-trip light time × c / 2), km.</summary>
    Range,

    /// <summary>Two-way range rate (Doppler) from a ground station, km/s.</summary>
    RangeRate,

    /// <summary>Azimuth (from north through east) and elevation from a ground station, radians.</summary>
    AzimuthElevation,

    /// <summary>Topocentric right ascension and declination in GCRF (astrometric: light time, no aberration), radians.</summary>
    RightAscensionDeclination,

    /// <summary>A position fix in ITRF (an on-board GNSS receiver, or a precise orbit used as an observation), km.</summary>
    Position,

    /// <summary>A position and velocity fix in ITRF, km and km/s.</summary>
    PositionVelocity,
}

/// <summary>The satellite's GCRF state at any instant of an arc (a numerical trajectory's dense output).</summary>
public delegate StateVector GcrfStateSource(Instant time);

/// <summary>
/// A measurement predicted from a trajectory: its value(s) and the partial derivatives with respect to the satellite's
/// GCRF state (position km, velocity km/s) at <see cref="StateTime"/>, the instant whose state it depends on (the
/// bounce time of a two-way signal, the emission time of a one-way downlink, the fix time of a GNSS fix).
/// </summary>
/// <param name="Values">The predicted values (units of the kind).</param>
/// <param name="Partials">Row-major Values.Length × 6 matrix of ∂value/∂(r, v).</param>
/// <param name="StateTime">The instant the partials refer to.</param>
public sealed record MeasurementPrediction(double[] Values, double[] Partials, Instant StateTime);

/// <summary>
/// Models of tracking measurements: each predicts the observed values from a GCRF trajectory, with the light time
/// solved by iteration and the station carried by the Earth's rotation (IERS 2010 frames with the Earth-orientation
/// table handed in). Partials with respect to the state are analytic with the light time held fixed — a relative error
/// of order v/c (10⁻⁵), which changes the steps of a least-squares iteration, not its solution.
/// </summary>
public static class MeasurementModels
{
    /// <summary>The speed of light, km/s.</summary>
    public const double SpeedOfLightKmPerS = 299_792.458;

    /// <summary>The number of values a kind has.</summary>
    public static int Dimension(MeasurementKind kind) => kind switch
    {
        MeasurementKind.Range or MeasurementKind.RangeRate => 1,
        MeasurementKind.AzimuthElevation or MeasurementKind.RightAscensionDeclination => 2,
        MeasurementKind.Position => 3,
        MeasurementKind.PositionVelocity => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown measurement kind."),
    };

    /// <summary>
    /// Predicts a measurement of <paramref name="kind"/> received at <paramref name="time"/> by <paramref name="station"/>
    /// (null for on-board fixes), from <paramref name="trajectory"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A ground measurement without a station.</exception>
    /// <remarks><paramref name="rangeCorrections"/> (laser ranging: troposphere, relativity, centre of mass) are added to a
    /// predicted <see cref="MeasurementKind.Range"/>; other kinds ignore them.</remarks>
    public static MeasurementPrediction Predict(MeasurementKind kind, Instant time, GroundStation? station, GcrfStateSource trajectory, EarthOrientationTable eop, Refraction? refraction = null,
        LaserRangeCorrections? rangeCorrections = null)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(eop);
        if (kind is MeasurementKind.Position or MeasurementKind.PositionVelocity)
        {
            return Fix(kind, time, trajectory, eop);
        }

        if (station is null)
        {
            throw new ArgumentException($"A {kind} measurement needs a ground station.", nameof(station));
        }

        return kind switch
        {
            MeasurementKind.Range => TwoWay(time, station, trajectory, eop, rate: false, rangeCorrections),
            MeasurementKind.RangeRate => TwoWay(time, station, trajectory, eop, rate: true),
            MeasurementKind.AzimuthElevation => AzEl(time, station, trajectory, eop, refraction),
            MeasurementKind.RightAscensionDeclination => RaDec(time, station, trajectory, eop),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown measurement kind."),
        };
    }

    /// <summary>The station's GCRF position and velocity at <paramref name="time"/>.</summary>
    public static (Vector3D PositionKm, Vector3D VelocityKmPerS) StationGcrf(GroundStation station, Instant time, EarthOrientationTable eop)
    {
        ArgumentNullException.ThrowIfNull(station);
        return FrameTransforms.Rotation(Frame.Itrf, Frame.Gcrf, time, eop).Transform(station.ItrfPositionKm, Vector3D.Zero);
    }

    /// <summary>
    /// The downlink light time to a station at <paramref name="stationKm"/> (GCRF) receiving at <paramref name="time"/>:
    /// τ with c·τ = |r(time − τ) − stationKm|, by fixed-point iteration (converges by a factor v/c per step).
    /// </summary>
    public static double DownlinkLightTimeSeconds(Instant time, Vector3D stationKm, GcrfStateSource trajectory)
    {
        double tau = 0;
        for (int i = 0; i < 6; i++)
        {
            double next = (trajectory(time.AddSeconds(-tau)).PositionKm - stationKm).Length / SpeedOfLightKmPerS;
            if (Math.Abs(next - tau) < 1e-15)
            {
                return next;
            }

            tau = next;
        }

        return tau;
    }

    private static MeasurementPrediction TwoWay(Instant time, GroundStation station, GcrfStateSource trajectory, EarthOrientationTable eop, bool rate, LaserRangeCorrections? corrections = null)
    {
        var (receiverKm, receiverVelocity) = StationGcrf(station, time, eop);
        double down = DownlinkLightTimeSeconds(time, receiverKm, trajectory);
        var bounce = time.AddSeconds(-down);
        var sat = trajectory(bounce);

        // Uplink: c·τ = |r_sat(bounce) − r_station(bounce − τ)|.
        double up = down;
        Vector3D transmitterKm = receiverKm, transmitterVelocity = receiverVelocity;
        for (int i = 0; i < 6; i++)
        {
            (transmitterKm, transmitterVelocity) = StationGcrf(station, bounce.AddSeconds(-up), eop);
            double next = (sat.PositionKm - transmitterKm).Length / SpeedOfLightKmPerS;
            if (Math.Abs(next - up) < 1e-15)
            {
                up = next;
                break;
            }

            up = next;
        }

        var downLine = sat.PositionKm - receiverKm;
        var upLine = sat.PositionKm - transmitterKm;
        var dHat = downLine.Normalized();
        var uHat = upLine.Normalized();
        var partials = new double[6];
        if (!rate)
        {
            double range = 0.5 * SpeedOfLightKmPerS * (up + down);
            if (corrections is not null)
            {
                range += corrections.RangeCorrectionKm(station, receiverKm, sat.PositionKm, FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, time, eop).Matrix);
            }

            var g = 0.5 * (dHat + uHat);
            (partials[0], partials[1], partials[2]) = (g.X, g.Y, g.Z);
            return new MeasurementPrediction([range], partials, bounce);
        }

        // ρ̇ = ½ [d̂·(v − v_receiver) + û·(v − v_transmitter)]; ∂/∂r of d̂·w is (w − (d̂·w)d̂)/|d|.
        var wDown = sat.VelocityKmPerS - receiverVelocity;
        var wUp = sat.VelocityKmPerS - transmitterVelocity;
        double rangeRate = 0.5 * (Vector3D.Dot(dHat, wDown) + Vector3D.Dot(uHat, wUp));
        var dr = 0.5 * (((wDown - (Vector3D.Dot(dHat, wDown) * dHat)) * (1 / downLine.Length)) + ((wUp - (Vector3D.Dot(uHat, wUp) * uHat)) * (1 / upLine.Length)));
        var dv = 0.5 * (dHat + uHat);
        (partials[0], partials[1], partials[2], partials[3], partials[4], partials[5]) = (dr.X, dr.Y, dr.Z, dv.X, dv.Y, dv.Z);
        return new MeasurementPrediction([rangeRate], partials, bounce);
    }

    private static MeasurementPrediction AzEl(Instant time, GroundStation station, GcrfStateSource trajectory, EarthOrientationTable eop, Refraction? refraction)
    {
        var toItrf = FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, time, eop).Matrix;
        var receiverKm = toItrf.Transpose() * station.ItrfPositionKm;
        double down = DownlinkLightTimeSeconds(time, receiverKm, trajectory);
        var emission = time.AddSeconds(-down);
        var sat = trajectory(emission);

        // The line of sight in GCRF, seen in the station's east–north–up axes at reception.
        var m = station.ItrfToEastNorthUp * toItrf;
        var enu = m * (sat.PositionKm - receiverKm);
        double e = enu.X, n = enu.Y, u = enu.Z;
        double h2 = (e * e) + (n * n), h = Math.Sqrt(h2), r2 = h2 + (u * u);
        double az = Math.Atan2(e, n);
        if (az < 0)
        {
            az += 2 * Math.PI;
        }

        double el = Math.Atan2(u, h);

        // ∂az/∂enu = (n, −e, 0)/h²; ∂el/∂enu = (−e·u/h, −n·u/h, h)/r².
        var dAz = new Vector3D(n / h2, -e / h2, 0);
        var dEl = new Vector3D(-e * u / (h * r2), -n * u / (h * r2), h / r2);
        var mt = m.Transpose();
        var gAz = mt * dAz;
        var gEl = mt * dEl;
        if (refraction is { } model)
        {
            double bend = model.BendingRadians(el);
            double slope = model.BendingSlope(el);
            el += bend;
            gEl *= 1 + slope;
        }

        return new MeasurementPrediction([az, el], [gAz.X, gAz.Y, gAz.Z, 0, 0, 0, gEl.X, gEl.Y, gEl.Z, 0, 0, 0], emission);
    }

    private static MeasurementPrediction RaDec(Instant time, GroundStation station, GcrfStateSource trajectory, EarthOrientationTable eop)
    {
        var (receiverKm, _) = StationGcrf(station, time, eop);
        double down = DownlinkLightTimeSeconds(time, receiverKm, trajectory);
        var emission = time.AddSeconds(-down);
        var d = trajectory(emission).PositionKm - receiverKm;
        double rxy2 = (d.X * d.X) + (d.Y * d.Y), rxy = Math.Sqrt(rxy2), r2 = rxy2 + (d.Z * d.Z);
        double ra = Math.Atan2(d.Y, d.X);
        if (ra < 0)
        {
            ra += 2 * Math.PI;
        }

        double dec = Math.Atan2(d.Z, rxy);
        var gRa = new Vector3D(-d.Y / rxy2, d.X / rxy2, 0);
        var gDec = new Vector3D(-d.X * d.Z / (rxy * r2), -d.Y * d.Z / (rxy * r2), rxy / r2);
        return new MeasurementPrediction([ra, dec], [gRa.X, gRa.Y, gRa.Z, 0, 0, 0, gDec.X, gDec.Y, gDec.Z, 0, 0, 0], emission);
    }

    private static MeasurementPrediction Fix(MeasurementKind kind, Instant time, GcrfStateSource trajectory, EarthOrientationTable eop)
    {
        var rotation = FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, time, eop);
        var s = trajectory(time);
        var (r, v) = rotation.Transform(s.PositionKm, s.VelocityKmPerS);
        var m = rotation.Matrix;
        if (kind == MeasurementKind.Position)
        {
            return new MeasurementPrediction([r.X, r.Y, r.Z],
            [
                m.M11, m.M12, m.M13, 0, 0, 0,
                m.M21, m.M22, m.M23, 0, 0, 0,
                m.M31, m.M32, m.M33, 0, 0, 0,
            ], time);
        }

        // v_itrf = M v + ω × (M r): ∂v_itrf/∂r = [ω×] M, ∂v_itrf/∂v = M.
        var w = rotation.AngularVelocityRadPerS;
        var wx = new Matrix3x3(0, -w.Z, w.Y, w.Z, 0, -w.X, -w.Y, w.X, 0) * m;
        return new MeasurementPrediction([r.X, r.Y, r.Z, v.X, v.Y, v.Z],
        [
            m.M11, m.M12, m.M13, 0, 0, 0,
            m.M21, m.M22, m.M23, 0, 0, 0,
            m.M31, m.M32, m.M33, 0, 0, 0,
            wx.M11, wx.M12, wx.M13, m.M11, m.M12, m.M13,
            wx.M21, wx.M22, wx.M23, m.M21, m.M22, m.M23,
            wx.M31, wx.M32, wx.M33, m.M31, m.M32, m.M33,
        ], time);
    }
}

/// <summary>
/// Tropospheric refraction of elevation angles: Saemundsson's formula (Sky &amp; Telescope 72, 1986; Meeus, Astronomical
/// Algorithms, 2nd ed., eq. 16.4), R = 1.02′ / tan(h + 10.3°/(h + 5.11°)) for true elevation h at 1010 hPa and 10 °C, scaled
/// by (P/1010)·(283/(273 + T)). It raises an object on the true horizon by about 29′ and one at 45° by about 1′; Meeus gives it
/// as the inverse of Bennett's formula to within 0.1′. An optical-band model, a fair approximation for radio angles above 5–10°.
/// </summary>
/// <param name="PressureHPa">Station pressure, hPa.</param>
/// <param name="TemperatureCelsius">Station temperature, °C.</param>
public sealed record Refraction(double PressureHPa = 1010, double TemperatureCelsius = 10)
{
    /// <summary>The refraction (apparent minus true elevation), radians, at true elevation <paramref name="trueElevationRadians"/>.</summary>
    public double BendingRadians(double trueElevationRadians)
    {
        double h = Math.Max(trueElevationRadians * 180 / Math.PI, -1.0);
        double arcmin = 1.02 / Math.Tan((h + (10.3 / (h + 5.11))) * Math.PI / 180);
        double scale = PressureHPa / 1010 * (283 / (273 + TemperatureCelsius));
        return arcmin * scale / 60 * Math.PI / 180;
    }

    /// <summary>d(bending)/d(true elevation), dimensionless (by central differences of 1e-6 rad).</summary>
    public double BendingSlope(double trueElevationRadians) =>
        (BendingRadians(trueElevationRadians + 1e-6) - BendingRadians(trueElevationRadians - 1e-6)) / 2e-6;
}
