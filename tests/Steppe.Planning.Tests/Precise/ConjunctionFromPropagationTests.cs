using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Numerical;
using Steppe.Formats;
using Steppe.Formats.Cdm;
using Steppe.Formats.Opm;
using Steppe.Planning.Precise;

namespace Steppe.Planning.Tests.Precise;

public class ConjunctionFromPropagationTests
{
    internal static readonly Instant Epoch = Instant.FromUtc(2026, 3, 1);
    internal const double Mu = 398600.4415;

    internal static NumericalPropagator Propagator(bool stm) =>
        new(EarthOrientationTable.Bundled, BundledEphemeris.De405, [J2Gravity.Earth], new NumericalPropagatorOptions { StateTransitionMatrix = stm, PositionToleranceKm = 1e-10 });

    internal static OpmMessage Opm(string name, StateVector gcrf, double sigmaPositionKm, double sigmaVelocityKmPerS)
    {
        var triangle = new double[21];
        int k = 0;
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                triangle[k++] = i != j ? 0 : i < 3 ? sigmaPositionKm * sigmaPositionKm : sigmaVelocityKmPerS * sigmaVelocityKmPerS;
            }
        }

        return new OpmMessage
        {
            CreationDate = Epoch,
            Originator = "STEPPE",
            Metadata = new OpmMetadata(name, name, "EARTH", "GCRF", "UTC"),
            State = new OpmStateVector(gcrf.Epoch, gcrf.PositionKm, gcrf.VelocityKmPerS),
            Spacecraft = new OpmSpacecraftParameters(500, null, null, null, null),
            Covariance = new OpmCovariance("RTN", triangle),
        };
    }

    internal static StateVector Leo()
    {
        var c = new ClassicalElements(7078.137 * (1 - 0.0001), 0.01, Angle.FromDegrees(98), Angle.FromDegrees(40), Angle.FromDegrees(30), Angle.FromDegrees(10)).ToState(Mu);
        return new StateVector(Epoch, Frame.Gcrf, c.PositionKm, c.VelocityKmPerS);
    }

    /// <summary>
    /// Two OPMs built to meet: object 2 is object 1 propagated 3 h, moved 150 m across its velocity in the orbit plane
    /// (the radial direction less its velocity part) and sent back the other way, then propagated back 1 h for its OPM.
    /// At the constructed instant the separation is 150 m and perpendicular to the relative velocity, so that instant is
    /// the TCA: found to under 1 ms, the miss distance to under 1 m, and the CDM's KVN reads back to the same message.
    /// </summary>
    [Fact]
    public void TwoOpmsBuiltToMeet_TcaMissDistanceAndCdmRoundTrip()
    {
        var start = Leo();
        var tca = Epoch.AddSeconds(3 * 3600 + 12.345);
        var s1 = Propagator(false).Propagate(start, new Spacecraft(500), tca).StateAt(tca);
        var v = s1.VelocityKmPerS.Normalized();
        var u = (s1.PositionKm - (Vector3D.Dot(s1.PositionKm, v) * v)).Normalized();
        const double missKm = 0.150;
        var atTca = new StateVector(tca, Frame.Gcrf, s1.PositionKm + (missKm * u), -1 * s1.VelocityKmPerS);
        var epoch2 = tca.AddSeconds(-3600);
        var s2 = Propagator(false).Propagate(atTca, new Spacecraft(500), epoch2).StateAt(epoch2);

        var opm1 = OpmWriter.WriteKvn(Opm("SAT-A", start, 0.010, 1e-5));
        var opm2 = OpmWriter.WriteKvn(Opm("DEBRIS-B", s2, 0.050, 5e-5));
        var c1 = OpmInput.Resolve(OpmInput.Parse(opm1, "a.opm"), "a.opm", EarthOrientationTable.Bundled);
        var c2 = OpmInput.Resolve(OpmInput.Parse(opm2, "b.opm"), "b.opm", EarthOrientationTable.Bundled);
        var end = tca.AddSeconds(3600);
        var t1 = Propagator(true).Propagate(c1.InitialState, c1.Spacecraft, end);
        var t2 = Propagator(true).Propagate(c2.InitialState, c2.Spacecraft, end);
        var p1 = PreciseCovariance.FromOpm(c1, "a.opm", EarthOrientationTable.Bundled)!;
        var p2 = PreciseCovariance.FromOpm(c2, "b.opm", EarthOrientationTable.Bundled)!;
        var cdm = ConjunctionFromPropagation.Build(
            new PropagatedObject("1", "SAT-A", "2026-001A", t1, p1),
            new PropagatedObject("2", "DEBRIS-B", "2026-001B", t2, p2),
            epoch2,
            end,
            Epoch,
            hardBodyRadiusM: 10);

        Assert.True(Math.Abs(cdm.Relative.Tca.SecondsSince(tca)) < 1e-3, $"TCA off by {cdm.Relative.Tca.SecondsSince(tca) * 1e3:F4} ms");
        Assert.True(Math.Abs(cdm.Relative.MissDistanceM - 150.0) < 1.0, $"miss {cdm.Relative.MissDistanceM:F4} m");
        Assert.True(Math.Abs(cdm.Relative.RelativeSpeedMPerS!.Value - (2000 * s1.VelocityKmPerS.Length)) < 1.0);

        // Object 2 lies radially outward of object 1 (up to the small in-plane tilt of u), and the covariances grew from
        // their initial 10 m and 50 m.
        Assert.True(cdm.Relative.RelativePositionRtnM!.Value.X > 149);
        Assert.True(Math.Sqrt(cdm.Object1.Covariance[1, 1]) > 10);
        Assert.True(Math.Sqrt(cdm.Object2.Covariance[1, 1]) > 50);
        Assert.Equal("CALCULATED", cdm.Object1.Covariance.Dimension == 6 ? cdm.Object1.CovarianceMethod : null);
        Assert.InRange(cdm.Relative.CollisionProbability!.Value, 0.0, 1.0);

        // The covariance at TCA equals the one propagated directly (a check that the two objects are not swapped).
        var direct = CovariancePropagation.ToFrame(CovariancePropagation.Propagate(p2, t2, cdm.Relative.Tca), CovarianceFrame.Rtn, t2.StateAt(cdm.Relative.Tca));
        Assert.Equal(direct[1, 1] * 1e6, cdm.Object2.Covariance[1, 1], 6);

        var text = CdmKvnWriter.Write(cdm);
        var read = CdmKvnReader.Read(text, "tca.cdm");
        Assert.DoesNotContain(read.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var back = Assert.Single(read.Messages);
        Assert.Equal(cdm.Relative.MissDistanceM, back.Relative.MissDistanceM);
        Assert.Equal(cdm.Object2.Covariance, back.Object2.Covariance);
        Assert.Equal(cdm.Object1.PositionKm, back.Object1.PositionKm);
        Assert.True(Math.Abs(back.Relative.Tca.SecondsSince(cdm.Relative.Tca)) < 1e-6);
    }
}

public class PreciseCovarianceTests
{
    /// <summary>An ITRF covariance goes to GCRF with the state transformation's Jacobian: a 1 km variance along the ITRF
    /// x axis (in the equator) keeps its size in position and appears in velocity as (ω σ)², ω = 7.292115e-5 rad/s
    /// (IERS Conventions 2010, the Earth's nominal rotation rate), from the Earth-rotation term v = R v' + Ṙ r'.</summary>
    [Fact]
    public void ItrfCovariance_CarriesTheEarthRotationTermIntoVelocity()
    {
        var epoch = ConjunctionFromPropagationTests.Epoch;
        var triangle = new double[21];
        triangle[0] = 1.0; // CX_X = 1 km²
        var message = new OpmMessage
        {
            CreationDate = epoch,
            Originator = "STEPPE",
            Metadata = new OpmMetadata("SAT", "SAT", "EARTH", "ITRF2000", "UTC"),
            State = new OpmStateVector(epoch, new Vector3D(7000, 0, 0), new Vector3D(0, 5, 5)),
            Spacecraft = new OpmSpacecraftParameters(100, null, null, null, null),
            Covariance = new OpmCovariance(null, triangle),
        };
        var conditions = OpmInput.Resolve(message, "itrf.opm", EarthOrientationTable.Bundled);
        var p = PreciseCovariance.FromOpm(conditions, "itrf.opm", EarthOrientationTable.Bundled)!;
        Assert.Equal(CovarianceFrame.Gcrf, p.Frame);
        Assert.Equal(1.0, p[0, 0] + p[1, 1] + p[2, 2], 12);
        const double omega = 7.292115e-5;
        double velocityTrace = p[3, 3] + p[4, 4] + p[5, 5];
        Assert.True(Math.Abs(velocityTrace - (omega * omega)) < 1e-3 * omega * omega, $"{velocityTrace:E6}");

        // An RTN covariance is the rotation alone: no velocity part appears.
        var rtn = message with { Metadata = message.Metadata with { RefFrame = "GCRF" }, Covariance = new OpmCovariance("RTN", triangle) };
        var q = PreciseCovariance.FromOpm(OpmInput.Resolve(rtn, "rtn.opm", EarthOrientationTable.Bundled), "rtn.opm", EarthOrientationTable.Bundled)!;
        Assert.Equal(0.0, q[3, 3] + q[4, 4] + q[5, 5]);
        Assert.Equal(1.0, q[0, 0], 15);

        var bad = message with { Covariance = new OpmCovariance("LVLH_ROT", triangle) };
        var e = Assert.Throws<PreciseInputException>(() => PreciseCovariance.FromOpm(OpmInput.Resolve(bad, "bad.opm", EarthOrientationTable.Bundled), "bad.opm", EarthOrientationTable.Bundled));
        Assert.StartsWith("bad.opm: COV_REF_FRAME LVLH_ROT", e.Message, StringComparison.Ordinal);
    }
}
