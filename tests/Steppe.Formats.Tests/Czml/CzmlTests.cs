using System.Text.Json;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Formats.Czml;

namespace Steppe.Formats.Tests.Czml;

/// <summary>The structure is checked against the CZML Guide ("CZML Structure" and "Packet" pages of the
/// AnalyticalGraphicsInc/czml-writer wiki): an array of packets, the first with id "document" and version "1.0".</summary>
public class CzmlTests
{
    [Fact]
    public void Document_HasTheStructureTheCzmlGuideDescribes()
    {
        var t0 = Instant.FromUtc(2026, 5, 30, 12, 0, 0);
        var samples = Enumerable.Range(0, 4).Select(i => new CzmlSample(t0.AddSeconds(60 * i), new Vector3D(6778.137, 1.5 * i, -0.25 * i))).ToList();
        var text = CzmlWriter.Write("Steppe", [new CzmlObject { Id = "25544", Name = "ISS (ZARYA)", Samples = samples }]);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.Array, root.ValueKind);
        Assert.Equal(2, root.GetArrayLength());

        var document = root[0];
        Assert.Equal("document", document.GetProperty("id").GetString());
        Assert.Equal("1.0", document.GetProperty("version").GetString());
        var clock = document.GetProperty("clock");
        Assert.Equal("2026-05-30T12:00:00.000Z/2026-05-30T12:03:00.000Z", clock.GetProperty("interval").GetString());
        Assert.Equal("2026-05-30T12:00:00.000Z", clock.GetProperty("currentTime").GetString());
        Assert.Contains(clock.GetProperty("range").GetString(), new[] { "UNBOUNDED", "CLAMPED", "LOOP_STOP" });
        Assert.Contains(clock.GetProperty("step").GetString(), new[] { "TICK_DEPENDENT", "SYSTEM_CLOCK_MULTIPLIER", "SYSTEM_CLOCK" });

        var sat = root[1];
        Assert.Equal("25544", sat.GetProperty("id").GetString());
        Assert.Equal(clock.GetProperty("interval").GetString(), sat.GetProperty("availability").GetString());
        var position = sat.GetProperty("position");
        Assert.Equal("FIXED", position.GetProperty("referenceFrame").GetString());
        Assert.Equal("LAGRANGE", position.GetProperty("interpolationAlgorithm").GetString());
        Assert.Equal("2026-05-30T12:00:00.000Z", position.GetProperty("epoch").GetString());
        var cartesian = position.GetProperty("cartesian").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(4 * 4, cartesian.Length);
        Assert.Equal([120.0, 6778137.0, 3000.0, -500.0], cartesian[8..12]);
        Assert.Equal("ISS (ZARYA)", sat.GetProperty("label").GetProperty("text").GetString());
        Assert.Equal(4, sat.GetProperty("path").GetProperty("material").GetProperty("solidColor").GetProperty("color").GetProperty("rgba").GetArrayLength());
        Assert.True(sat.GetProperty("path").GetProperty("trailTime").GetDouble() > 0);
    }

    [Fact]
    public void Writer_RefusesMisuse()
    {
        var t0 = Instant.FromUtc(2026, 5, 30);
        var one = new CzmlObject { Id = "1", Name = "a", Samples = [new CzmlSample(t0, Vector3D.UnitX)] };
        Assert.Throws<ArgumentOutOfRangeException>(() => CzmlWriter.Write("x", []));
        Assert.Throws<ArgumentOutOfRangeException>(() => CzmlWriter.Write("x", [one]));
        var two = one with { Samples = [new CzmlSample(t0, Vector3D.UnitX), new CzmlSample(t0.AddSeconds(1), Vector3D.UnitY)] };
        Assert.Throws<ArgumentOutOfRangeException>(() => CzmlWriter.Write("x", [two, two]));
    }
}
