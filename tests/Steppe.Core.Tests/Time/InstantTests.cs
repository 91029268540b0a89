using Steppe.Core.Time;

namespace Steppe.Core.Tests.Time;

public class InstantTests
{
    [Fact]
    public void J2000_IsNoonTt_And_1158_55_816_Utc()
    {
        // J2000.0 = 2000-01-01T12:00:00 TT = 11:59:27.816 TAI = 11:58:55.816 UTC (TAI−UTC = 32 s).
        Assert.Equal("2000-01-01T11:58:55.816Z", Instant.J2000.ToString());
        Assert.Equal(2451545.0, Instant.J2000.Tt.Value);
    }

    [Fact]
    public void LeapSecond_2016_IsRenderedAs_235960()
    {
        var leap = Instant.Parse("2016-12-31T23:59:60.5Z");
        Assert.Equal("2016-12-31T23:59:60.500Z", leap.ToString());
        var next = Instant.Parse("2017-01-01T00:00:00Z");
        Assert.Equal(0.5, next.SecondsSince(leap), 12);
        Assert.Equal(37.0, next.TaiMinusUtcSeconds());
        Assert.Equal(36.0, leap.TaiMinusUtcSeconds());
    }

    [Fact]
    public void Second60_OnOrdinaryDay_IsRejected_WithColumn()
    {
        Assert.False(Instant.TryParse("2020-06-30T23:59:60Z", out _, out var error));
        Assert.Contains("column", error);
    }
}
