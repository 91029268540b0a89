using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Formats.Oem;

namespace Steppe.Formats.Tests.Oem;

public class OemTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 5, 30, 12, 0, 0);

    private static OemMessage Sample(string timeSystem = "UTC", string version = "2.0")
    {
        var states = Enumerable.Range(0, 5).Select(i => new OemState(T0.AddSeconds(60 * i),
            new Vector3D(6778.137 + i, -1234.5678901 * i, 0.000001 * i), new Vector3D(-0.123456789012, 7.5 + (0.001 * i), 1.25),
            i == 2 ? new Vector3D(-0.0081, 1.5e-6, -3.25e-9) : null)).ToList();
        var covariance = new OemCovariance(T0.AddSeconds(120), "RTN", Enumerable.Range(1, 21).Select(k => k * 1.0e-3).ToList(), ["one-sigma from the test"]);
        return new OemMessage
        {
            Version = version,
            Comments = ["Steppe test message", "second header comment"],
            CreationDate = Instant.FromUtc(2026, 5, 30, 0, 0, 0),
            Originator = "STEPPE",
            Segments =
            [
                new OemSegment
                {
                    Metadata = new OemMetadata
                    {
                        Comments = ["metadata comment"],
                        ObjectName = "ISS (ZARYA)",
                        ObjectId = "1998-067A",
                        ReferenceFrame = "TEME",
                        TimeSystem = timeSystem,
                        StartTime = T0,
                        StopTime = T0.AddSeconds(240),
                        UseableStartTime = T0.AddSeconds(60),
                        UseableStopTime = T0.AddSeconds(180),
                        Interpolation = "LAGRANGE",
                        InterpolationDegree = 5,
                    },
                    DataComments = ["SGP4 states"],
                    States = states,
                    Covariances = [covariance],
                },
                new OemSegment
                {
                    Metadata = new OemMetadata
                    {
                        ObjectName = "ISS (ZARYA)",
                        ObjectId = "1998-067A",
                        ReferenceFrame = "GCRF",
                        TimeSystem = timeSystem,
                        StartTime = T0.AddSeconds(240),
                        StopTime = T0.AddSeconds(300),
                    },
                    States = [new OemState(T0.AddSeconds(240), new Vector3D(1, 2, 3), new Vector3D(4, 5, 6)), new OemState(T0.AddSeconds(300), new Vector3D(-1, -2, -3), new Vector3D(-4, -5, -6))],
                },
            ],
        };
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("TAI")]
    [InlineData("TT")]
    [InlineData("GPS")]
    [InlineData("TDB")]
    public void WriteThenRead_GivesTheSameMessage(string timeSystem)
    {
        var message = Sample(timeSystem);
        var text = OemWriter.Write(message);
        var result = OemReader.Read(text, "test.oem");
        Assert.Empty(result.Diagnostics);
        var back = result.MessageOrThrow();

        Assert.Equal(message.Version, back.Version);
        Assert.Equal(message.Comments, back.Comments);
        Assert.Equal(message.Originator, back.Originator);
        Assert.True(Math.Abs(back.CreationDate.SecondsSince(message.CreationDate)) < 1e-3);
        Assert.Equal(message.Segments.Count, back.Segments.Count);
        for (int s = 0; s < message.Segments.Count; s++)
        {
            var a = message.Segments[s];
            var b = back.Segments[s];
            Assert.Equal(a.Metadata.ObjectName, b.Metadata.ObjectName);
            Assert.Equal(a.Metadata.ObjectId, b.Metadata.ObjectId);
            Assert.Equal(a.Metadata.ReferenceFrame, b.Metadata.ReferenceFrame);
            Assert.Equal(a.Metadata.TimeSystem, b.Metadata.TimeSystem);
            Assert.Equal(a.Metadata.Interpolation, b.Metadata.Interpolation);
            Assert.Equal(a.Metadata.InterpolationDegree, b.Metadata.InterpolationDegree);
            Assert.Equal(a.Metadata.Comments, b.Metadata.Comments);
            Assert.Equal(a.DataComments, b.DataComments);
            AssertClose(a.Metadata.StartTime, b.Metadata.StartTime);
            AssertClose(a.Metadata.StopTime, b.Metadata.StopTime);
            Assert.Equal(a.Metadata.UseableStartTime.HasValue, b.Metadata.UseableStartTime.HasValue);
            Assert.Equal(a.States.Count, b.States.Count);
            for (int i = 0; i < a.States.Count; i++)
            {
                AssertClose(a.States[i].Epoch, b.States[i].Epoch);
                Assert.True((a.States[i].PositionKm - b.States[i].PositionKm).Length < 1e-9);
                Assert.True((a.States[i].VelocityKmPerS - b.States[i].VelocityKmPerS).Length < 1e-12);
                Assert.Equal(a.States[i].AccelerationKmPerS2.HasValue, b.States[i].AccelerationKmPerS2.HasValue);
                if (a.States[i].AccelerationKmPerS2 is { } acc)
                {
                    Assert.True((acc - b.States[i].AccelerationKmPerS2!.Value).Length < 1e-15 * 1e3);
                }
            }

            Assert.Equal(a.Covariances.Count, b.Covariances.Count);
            for (int c = 0; c < a.Covariances.Count; c++)
            {
                AssertClose(a.Covariances[c].Epoch, b.Covariances[c].Epoch);
                Assert.Equal(a.Covariances[c].ReferenceFrame, b.Covariances[c].ReferenceFrame);
                Assert.Equal(a.Covariances[c].Comments, b.Covariances[c].Comments);
                for (int k = 0; k < 21; k++)
                {
                    Assert.Equal(a.Covariances[c].LowerTriangle[k], b.Covariances[c].LowerTriangle[k], 12);
                }

                Assert.Equal(a.Covariances[c][1, 4], b.Covariances[c][4, 1]);
            }
        }
    }

    [Fact]
    public void Writer_UsesTheStandardsKeywords_AndSectionOrder()
    {
        var text = OemWriter.Write(Sample());
        var lines = text.Split('\n');
        Assert.Equal("CCSDS_OEM_VERS       = 2.0", lines[0]);
        string[] order = ["CCSDS_OEM_VERS", "CREATION_DATE", "ORIGINATOR", "META_START", "OBJECT_NAME", "OBJECT_ID", "CENTER_NAME", "REF_FRAME",
            "TIME_SYSTEM", "START_TIME", "USEABLE_START_TIME", "USEABLE_STOP_TIME", "STOP_TIME", "INTERPOLATION", "INTERPOLATION_DEGREE", "META_STOP",
            "COVARIANCE_START", "EPOCH", "COV_REF_FRAME", "COVARIANCE_STOP", "META_START"];
        int at = 0;
        foreach (var key in order)
        {
            int found = Array.FindIndex(lines, at, l => l.StartsWith(key + " ", StringComparison.Ordinal) || l == key);
            Assert.True(found >= at, $"{key} missing or out of order");
            at = found + 1;
        }

        Assert.Contains("CENTER_NAME          = EARTH", lines);
        Assert.Contains("TIME_SYSTEM          = UTC", lines);
        Assert.Contains("START_TIME           = 2026-05-30T12:00:00.000000", lines);
        Assert.Contains("2026-05-30T12:01:00.000000 6779.137000000 -1234.567890100 0.000001000 -0.123456789012 7.501000000000 1.250000000000", lines);
    }

    // TAI − UTC = 37 s since 2017-01-01 (IERS Bulletin C 52); TT − TAI = 32.184 s; GPS = TAI − 19 s.
    [Theory]
    [InlineData("TAI", "2026-05-30T12:00:37.000000")]
    [InlineData("TT", "2026-05-30T12:01:09.184000")]
    [InlineData("GPS", "2026-05-30T12:00:18.000000")]
    [InlineData("UTC", "2026-05-30T12:00:00.000000")]
    public void TimeSystems_AreWrittenAsTheirOwnCalendarReadings(string system, string expected)
    {
        Assert.Equal(expected, OemTime.Format(T0, system));
        Assert.True(OemTime.TryParse(expected, system, out var back, out _));
        AssertClose(T0, back);
    }

    [Fact]
    public void Reader_TakesTheLayoutOfTheStandardsExample()
    {
        // Laid out like the OEM example of CCSDS 502.0-B-3 (version 3.0 header with MESSAGE_ID, day-of-year dates,
        // blank lines, comments in header, metadata and data, a second segment, a covariance section).
        const string text = """
            CCSDS_OEM_VERS = 3.0
            COMMENT  Example in the layout of CCSDS 502.0-B-3 section 5
            CREATION_DATE = 1996-11-04T17:22:31
            ORIGINATOR = NASA/JPL
            MESSAGE_ID = OEM 201113719185

            META_START
            OBJECT_NAME          = MARS GLOBAL SURVEYOR
            OBJECT_ID            = 1996-062A
            CENTER_NAME          = MARS BARYCENTER
            REF_FRAME            = EME2000
            TIME_SYSTEM          = UTC
            START_TIME           = 1996-12-18T12:00:00.331
            USEABLE_START_TIME   = 1996-12-18T12:10:00.331
            USEABLE_STOP_TIME    = 1996-12-28T21:23:00.331
            STOP_TIME            = 1996-12-28T21:28:00.331
            INTERPOLATION        = HERMITE
            INTERPOLATION_DEGREE = 7
            META_STOP

            COMMENT  Produced by a made-up test, for layout only
            1996-12-18T12:00:00.331  2789.619 -280.045 -1746.755  4.73372 -2.49586 -1.04195
            1996-12-18T12:01:00.331  2783.419 -308.143 -1877.071  5.18604 -2.42124 -1.99608
            1996-353T12:02:00.331    2776.033 -336.859 -2008.682  5.63678 -2.33951 -1.94687

            COVARIANCE_START
            EPOCH = 1996-12-28T21:28:00.331
            COV_REF_FRAME = ITRF1997
            3.3313494e-04
            4.6189273e-04 6.7824216e-04
            -3.0700078e-04 -4.2212341e-04 3.2319319e-04
            -3.3493650e-07 -4.6860842e-07 2.4849495e-07 4.2960228e-10
            -2.2118325e-07 -2.8641868e-07 1.7980986e-07 2.6088992e-10 1.7675147e-10
            -3.0413460e-07 -4.9894969e-07 3.5403109e-07 1.8692631e-10 1.0088625e-10 6.2244443e-10
            COVARIANCE_STOP

            META_START
            OBJECT_NAME          = MARS GLOBAL SURVEYOR
            OBJECT_ID            = 1996-062A
            CENTER_NAME          = MARS BARYCENTER
            REF_FRAME            = EME2000
            TIME_SYSTEM          = UTC
            START_TIME           = 1996-12-28T21:29:07.267
            STOP_TIME            = 1996-12-30T01:28:02.267
            META_STOP
            1996-12-28T21:29:07.267 -2432.166 -063.042 1742.754 7.33702 -3.495867 -1.041945 0.001 0.002 0.003
            """;
        var result = OemReader.Read(text, "mgs.oem");
        Assert.Empty(result.Diagnostics);
        var m = result.MessageOrThrow();
        Assert.Equal("3.0", m.Version);
        Assert.Equal("OEM 201113719185", m.MessageId);
        Assert.Equal(2, m.Segments.Count);
        var s = m.Segments[0];
        Assert.Equal("MARS BARYCENTER", s.Metadata.CenterName);
        Assert.Equal(Frame.Gcrf, OemFrames.FrameOf(s.Metadata.ReferenceFrame));
        Assert.Equal(7, s.Metadata.InterpolationDegree);
        Assert.Equal(3, s.States.Count);
        Assert.Equal(Instant.Parse("1996-12-18T12:02:00.331Z"), s.States[2].Epoch);
        Assert.Equal(-336.859, s.States[2].PositionKm.Y);
        Assert.Single(s.Covariances);
        Assert.Equal(Frame.Itrf, OemFrames.FrameOf(s.Covariances[0].ReferenceFrame!));
        Assert.Equal(6.2244443e-10, s.Covariances[0][5, 5]);
        Assert.Equal(-4.2212341e-04, s.Covariances[0][1, 2]);
        Assert.Equal(new Vector3D(0.001, 0.002, 0.003), m.Segments[1].States[0].AccelerationKmPerS2);
    }

    [Theory]
    [InlineData("ORIGINATOR = X\n", 1, 1, "expected 'CCSDS_OEM_VERS")]
    [InlineData("CCSDS_OEM_VERS = 2.0\nCREATION_DATE = 2026-05-30T00:00:00\nORIGINATOR = X\nMETA_START\nOBJECT_NAME = A\n", 5, 1, "expected META_STOP")]
    [InlineData("CCSDS_OEM_VERS = 2.0\nCREATION_DATE = 2026-05-30T00:00:00\nORIGINATOR = X\nMETA_START\nOBJECT_NAME = A\nOBJECT_ID = B\nCENTER_NAME = EARTH\nREF_FRAME = TEME\nTIME_SYSTEM = UTC\nSTART_TIME = 2026-05-30T00:00:00\nSTOP_TIME = 2026-05-30T01:00:00\nMETA_STOP\n2026-05-30T00:00:00 1 2 x3 4 5 6\n", 13, 25, "expected a number (Z, km), found 'x3'")]
    [InlineData("CCSDS_OEM_VERS = 2.0\nCREATION_DATE = 2026-05-30T00:00:00\nORIGINATOR = X\nMETA_START\nOBJECT_NAME = A\nOBJECT_ID = B\nCENTER_NAME = EARTH\nREF_FRAME = TEME\nTIME_SYSTEM = UTC\nSTART_TIME = 2026-05-30T00:00:00\nSTOP_TIME = 2026-05-30T01:00:00\nMETA_STOP\n2026-05-30T02:00:00 1 2 3 4 5 6\n", 13, 1, "expected an epoch within START_TIME–STOP_TIME")]
    [InlineData("CCSDS_OEM_VERS = 2.0\nCREATION_DATE = 2026-05-30T00:00:00\nORIGINATOR = X\nMETA_START\nOBJECT_NAME = A\nOBJECT_ID = B\nCENTER_NAME = EARTH\nREF_FRAME = TEME\nTIME_SYSTEM = UTC\nSTART_TIME = 2026-05-30T00:00:00\nMETA_STOP\n", 11, 1, "expected STOP_TIME in the metadata section that starts on line 4")]
    [InlineData("CCSDS_OEM_VERS = 2.0\nCREATION_DATE = 2026-05-30T00:00:00\nORIGINATOR = X\nMETA_START\nOBJECT_NAME = A\nOBJECT_ID = B\nCENTER_NAME = EARTH\nREF_FRAME = TEME\nTIME_SYSTEM = MET\nSTART_TIME = 2026-05-30T00:00:00\nSTOP_TIME = 2026-05-30T01:00:00\nMETA_STOP\n", 9, 15, "TIME_SYSTEM of UTC, TAI, TT, GPS or TDB, found 'MET'")]
    public void Reader_ReportsLineColumnExpectedAndFound(string text, int line, int column, string message)
    {
        var result = OemReader.Read(text, "bad.oem");
        Assert.Null(result.Message);
        var d = result.Diagnostics.First(x => x.Severity == DiagnosticSeverity.Error);
        Assert.Equal("bad.oem", d.Source);
        Assert.Equal(line, d.Line);
        Assert.Equal(column, d.Column);
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
        Assert.Throws<ElementSetFormatException>(() => result.MessageOrThrow());
    }

    [Fact]
    public void Writer_RefusesMisuse()
    {
        var m = Sample();
        Assert.Throws<ArgumentOutOfRangeException>(() => OemWriter.Write(m with { MessageId = "X" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => OemWriter.Write(m with { Version = "4.0" }));
        var seg = m.Segments[0] with { Metadata = m.Segments[0].Metadata with { StopTime = T0.AddSeconds(100) } };
        Assert.Throws<ArgumentOutOfRangeException>(() => OemWriter.Write(m with { Segments = [seg] }));
        Assert.Contains("MESSAGE_ID           = X", OemWriter.Write(m with { Version = "3.0", MessageId = "X" }), StringComparison.Ordinal);
    }

    [Fact]
    public void Frames_MapBothWays()
    {
        foreach (var f in new[] { Frame.Teme, Frame.Gcrf, Frame.Itrf, Frame.Tod, Frame.Cirs, Frame.Tirs })
        {
            Assert.Equal(f, OemFrames.FrameOf(OemFrames.NameOf(f)));
        }

        // The Earth-fixed frame is named by the realisation of the Earth orientation data (IERS finals2000A: ITRF2020).
        Assert.Equal("ITRF2020", OemFrames.NameOf(Frame.Itrf));

        Assert.Equal(Frame.Itrf, OemFrames.FrameOf("ITRF-93"));
        Assert.Null(OemFrames.FrameOf("MCI"));
        Assert.Throws<ArgumentOutOfRangeException>(() => OemFrames.NameOf(Frame.HeliocentricIcrf));
    }

    [Property(MaxTest = 200)]
    public Property RoundTrip_PreservesEveryStateToAMicrometre()
    {
        var gen = Gen.Choose(-4_200_000, 4_200_000).ArrayOf().Where(a => a.Length >= 6);
        return Prop.ForAll(gen.ToArbitrary(), values =>
        {
            int n = values.Length / 6;
            var states = Enumerable.Range(0, n).Select(i => new OemState(T0.AddSeconds(i * 10.125),
                new Vector3D(values[6 * i] / 100.0, values[(6 * i) + 1] / 100.0, values[(6 * i) + 2] / 100.0),
                new Vector3D(values[(6 * i) + 3] / 4e5, values[(6 * i) + 4] / 4e5, values[(6 * i) + 5] / 4e5))).ToList();
            var message = new OemMessage
            {
                CreationDate = T0,
                Originator = "STEPPE",
                Segments = [new OemSegment { Metadata = new OemMetadata { ObjectName = "X", ObjectId = "2000-001A", ReferenceFrame = "TEME", StartTime = T0, StopTime = states[^1].Epoch }, States = states }],
            };
            var back = OemReader.Read(OemWriter.Write(message)).MessageOrThrow().Segments[0].States;
            return back.Count == n && back.Zip(states).All(p =>
                (p.First.PositionKm - p.Second.PositionKm).Length < 1e-9 && (p.First.VelocityKmPerS - p.Second.VelocityKmPerS).Length < 1e-12
                && Math.Abs(p.First.Epoch.SecondsSince(p.Second.Epoch)) < 1e-6);
        });
    }

    private static void AssertClose(Instant expected, Instant actual) =>
        Assert.True(Math.Abs(actual.SecondsSince(expected)) < 1e-6, $"{actual} differs from {expected}");
}
