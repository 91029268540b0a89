using System.Globalization;

namespace Steppe.Cli.Tests;

public class VisibleAndEclipsesCommandTests
{
    private static readonly string Stations = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_stations.tle");

    [Fact]
    public void Visible_ListsTheSunlitStretches_WithUnits()
    {
        var (code, output, error) = CliRunner.Run("visible", "--elements", Stations, "--norad", "25544", "--station", "51.17,71.45,350",
            "--from", "2026-05-20T00:00:00Z", "--to", "2026-05-22T00:00:00Z", "--format", "csv");
        Assert.True(code == 0, error);
        var lines = output.Trim().Split('\n');
        Assert.Equal("norad_id,name,visible_from_utc,from_az_deg,from_el_deg,highest_utc,highest_az_deg,highest_el_deg,highest_range_km,visible_to_utc,to_az_deg,to_el_deg,duration_s,pass_aos_utc,pass_los_utc,pass_max_el_deg,element_age_days", lines[0]);
        Assert.InRange(lines.Length - 1, 2, 6);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            Assert.True(string.CompareOrdinal(f[2], f[13]) >= 0 && string.CompareOrdinal(f[9], f[14]) <= 0, "inside the pass");
            Assert.True(double.Parse(f[12], CultureInfo.InvariantCulture) > 0);
        }
    }

    [Fact]
    public void Visible_Ics_IsReadByIcalNet()
    {
        var (code, ics, error) = CliRunner.Run("visible", "--elements", Stations, "--norad", "25544", "--station", "51.17,71.45,350",
            "--from", "2026-05-20T00:00:00Z", "--to", "2026-05-22T00:00:00Z", "--format", "ics");
        Assert.True(code == 0, error);
        var calendar = Ical.Net.Calendar.Load(ics)!;
        Assert.NotEmpty(calendar.Events);
        Assert.All(calendar.Events, e =>
        {
            Assert.Contains("-visible-", e!.Uid, StringComparison.Ordinal);
            Assert.Contains("Visible (sunlit satellite, dark station)", e.Description, StringComparison.Ordinal);
            Assert.True(e.DtStart!.IsUtc);
        });
    }

    [Fact]
    public void Eclipses_OneDayOfTheIss()
    {
        var (code, output, error) = CliRunner.Run("eclipses", "--elements", Stations, "--norad", "25544",
            "--from", "2026-05-30T00:00:00Z", "--to", "2026-05-31T00:00:00Z", "--format", "csv");
        Assert.True(code == 0, error);
        var lines = output.Trim().Split('\n');
        Assert.Equal("norad_id,name,penumbra_entry_utc,umbra_entry_utc,umbra_exit_utc,penumbra_exit_utc,umbra_s,shadow_s,orbit_umbra_percent,orbit_shadow_percent,entry_clipped,exit_clipped,element_age_days", lines[0]);
        Assert.InRange(lines.Length - 1, 15, 17);
        Assert.Contains("NORAD 25544 (ISS (ZARYA)): umbra", error);
        foreach (var line in lines.Skip(1).Where(l => l.Contains(",false,false,", StringComparison.Ordinal)))
        {
            var f = line.Split(',');
            double umbraPercent = double.Parse(f[8], CultureInfo.InvariantCulture);
            Assert.InRange(umbraPercent, 30, 40);
        }
    }

    [Fact]
    public void Eclipses_Table_StatesTheShadowModel()
    {
        var (code, output, _) = CliRunner.Run("eclipses", "--elements", Stations, "--norad", "25544", "--from", "2026-05-30T00:00:00Z", "--to", "2026-05-30T06:00:00Z");
        Assert.Equal(0, code);
        Assert.Contains("Conical Earth shadow", output);
        Assert.Contains("umbra (s)", output);
    }
}
