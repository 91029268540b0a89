using System.Buffers.Binary;
using System.Text;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Time;

namespace Steppe.Core.Tests.Bodies.Ephemerides;

/// <summary>
/// The SPK reader on small DAF files written here to the layout of NAIF's "DAF Required Reading" and "SPK Required
/// Reading": a type 3 segment (position and velocity each their own Chebyshev series), a type 2 segment (velocity is
/// the derivative of position over RADIUS), and a segment of another type, which is set aside. Expected values are the
/// Chebyshev sums written out by hand: c₀ + c₁ t + c₂ (2t² − 1) and, for the derivative, c₁ + 4 c₂ t.
/// </summary>
public class SpkSegmentTypeTests
{
    private const double Interval = 86400.0;

    // Per record: X, Y, Z position coefficients (km) and, for type 3, VX, VY, VZ (km/s).
    private static readonly double[][] Position = [[1000.0, 200.0, 30.0], [-50.0, 10.0, 2.0], [7.0, -3.0, 0.5]];
    private static readonly double[][] Velocity = [[0.01, 0.002, 0.0003], [-0.004, 0.001, 0.0], [0.2, 0.0, -0.01]];

    private static byte[] Daf(int type, int extraSegmentType = 0)
    {
        // Record 1: the file record; record 2: one summary record; record 3: its names; data from record 4 (word 385).
        int components = type == 3 ? 6 : 3;
        int n = 3;
        int recordSize = 2 + (components * n);
        const int count = 2;
        var data = new List<double>();
        for (int k = 0; k < count; k++)
        {
            data.Add((k + 0.5) * Interval);
            data.Add(Interval / 2);
            for (int c = 0; c < components; c++)
            {
                var source = c < 3 ? Position[c] : Velocity[c - 3];
                data.AddRange(source.Select(x => x * (k + 1)));
            }
        }

        data.AddRange([0.0, Interval, recordSize, count]);
        int first = 385, last = first + data.Count - 1;
        int extraFirst = last + 1, extraLast = extraFirst + 3;
        var bytes = new byte[(3 * 1024) + ((data.Count + 4) * 8)];
        var span = bytes.AsSpan();
        Encoding.ASCII.GetBytes("DAF/SPK ").CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], 2);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], 6);
        Encoding.ASCII.GetBytes("SYNTHETIC TEST FILE".PadRight(60)).CopyTo(span[16..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[76..], 2);
        BinaryPrimitives.WriteInt32LittleEndian(span[80..], 2);
        BinaryPrimitives.WriteInt32LittleEndian(span[84..], extraLast + 1);
        Encoding.ASCII.GetBytes("LTL-IEEE").CopyTo(span[88..]);

        var summary = span[1024..];
        int segments = extraSegmentType == 0 ? 1 : 2;
        BinaryPrimitives.WriteDoubleLittleEndian(summary[0..], 0);
        BinaryPrimitives.WriteDoubleLittleEndian(summary[8..], 0);
        BinaryPrimitives.WriteDoubleLittleEndian(summary[16..], segments);
        void Summary(int index, int target, int segmentType, int begin, int end)
        {
            var s = bytes.AsSpan(1024 + 24 + (index * 40));
            BinaryPrimitives.WriteDoubleLittleEndian(s, 0.0);
            BinaryPrimitives.WriteDoubleLittleEndian(s[8..], count * Interval);
            int[] ints = [target, 0, 1, segmentType, begin, end];
            for (int i = 0; i < 6; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(s[(16 + (4 * i))..], ints[i]);
            }

            Encoding.ASCII.GetBytes($"SEGMENT {index}".PadRight(40)).CopyTo(bytes.AsSpan(2048 + (index * 40)));
        }

        Summary(0, 10, type, first, last);
        if (extraSegmentType != 0)
        {
            Summary(1, 5, extraSegmentType, extraFirst, extraLast);
        }

        for (int i = 0; i < data.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span[(3072 + (i * 8))..], data[i]);
        }

        return bytes;
    }

    private static (double Value, double Derivative) Sum(double[] c, double t) => (c[0] + (c[1] * t) + (c[2] * ((2 * t * t) - 1)), c[1] + (4 * c[2] * t));

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.85)]
    public void Type3_PositionAndVelocityAreTheirOwnSeries(double days)
    {
        var spk = SpkEphemeris.Read(Daf(3));
        var s = spk.StateAtTdb(SolarSystemBody.Sun, SolarSystemBody.SolarSystemBarycenter, new JulianDate(JulianDate.J2000, days));
        int k = (int)days;
        double t = ((days * Interval) - ((k + 0.5) * Interval)) / (Interval / 2);
        double scale = k + 1;
        Assert.Equal(Sum(Position[0], t).Value * scale, s.PositionKm.X, 9);
        Assert.Equal(Sum(Position[2], t).Value * scale, s.PositionKm.Z, 9);
        Assert.Equal(Sum(Velocity[0], t).Value * scale, s.VelocityKmPerS.X, 12);
        Assert.Equal(Sum(Velocity[1], t).Value * scale, s.VelocityKmPerS.Y, 12);
        Assert.Equal(Sum(Velocity[2], t).Value * scale, s.VelocityKmPerS.Z, 12);
    }

    [Fact]
    public void Type2_VelocityIsTheDerivativeOverRadius_AndOtherTypesAreSetAside()
    {
        var spk = SpkEphemeris.Read(Daf(2, extraSegmentType: 13));
        Assert.Single(spk.Segments);
        Assert.Equal(13, Assert.Single(spk.SkippedSegments).Type);
        double days = 0.7;
        var s = spk.StateAtTdb(SolarSystemBody.Sun, SolarSystemBody.SolarSystemBarycenter, new JulianDate(JulianDate.J2000, days));
        double t = ((days * Interval) - (0.5 * Interval)) / (Interval / 2);
        Assert.Equal(Sum(Position[1], t).Value, s.PositionKm.Y, 9);
        Assert.Equal(Sum(Position[1], t).Derivative / (Interval / 2), s.VelocityKmPerS.Y, 15);
        var ex = Assert.Throws<EphemerisSpanException>(() => spk.StateAtTdb(SolarSystemBody.Sun, SolarSystemBody.SolarSystemBarycenter, new JulianDate(JulianDate.J2000, 2.5)));
        Assert.Contains("2000-01-01T12:00:00 TDB to 2000-01-03T12:00:00 TDB", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => spk.StateAtTdb(SolarSystemBody.Moon, SolarSystemBody.SolarSystemBarycenter, new JulianDate(JulianDate.J2000, 0.5)));
        Assert.Throws<FormatException>(() => SpkEphemeris.Read(new byte[2048]));
    }
}
