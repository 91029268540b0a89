using Microsoft.Playwright;

namespace Steppe.Browser.Tests;

/// <summary>The "Precise" panel: the sample OPM propagated through <c>POST /api/v1/precise/propagate</c>, its header, chart and track.</summary>
public sealed class PreciseDashboardTests(SteppeServeFixture server) : IClassFixture<SteppeServeFixture>
{
    [Fact]
    public async Task The_sample_opm_propagates_and_draws_its_elements_chart_and_track()
    {
        var (page, errors) = await server.NewPage(1280, 900);
        await server.Open(page);
        await page.Locator(".tabs button[data-tab=precise]").ClickAsync();
        await page.Locator("[data-testid=precise-sample]").ClickAsync();
        Assert.Contains("OBJECT_NAME = ISS-LIKE LEO", await page.Locator("[data-testid=precise-opm]").InputValueAsync());
        await page.Locator("#precise-hours").FillAsync("3");
        await page.Locator("[data-testid=precise-run]").ClickAsync();

        var header = page.Locator("[data-testid=precise-header]");
        await Assertions.Expect(header).ToContainTextAsync("LEO force model: EGM2008 70×70, Sun, Moon, SRP (1500 m², C_R 1.3), NRLMSISE-00 drag (1500 m², C_D 2.2), mass 420000 kg; DOP853",
            new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=precise-status]")).ToContainTextAsync("181 states");
        await Assertions.Expect(page.Locator("[data-testid=precise-maneuver]")).ToContainTextAsync("impulsive Δv 1.000 m/s, mass 420000.0 → 419857.3 kg");

        // Six panels, each with its line; the altitude stays between 390 and 430 km for this orbit.
        var chart = page.Locator("[data-testid=precise-chart]");
        await Assertions.Expect(chart.Locator("[data-testid=precise-panel]")).ToHaveCountAsync(6);
        Assert.Equal("201", await chart.GetAttributeAsync("data-samples")); // one a minute, at least 200 intervals
        foreach (var series in new[] { "altitudeKm", "semiMajorAxisKm", "eccentricity", "inclinationDeg", "raanDeg", "argumentOfPerigeeDeg" })
        {
            var d = await chart.Locator($"path[data-series={series}]").GetAttributeAsync("d");
            Assert.True(d is { Length: > 1000 }, $"{series} is drawn");
        }

        Assert.Equal(1, await chart.Locator("text.title", new LocatorLocatorOptions { HasText = "Altitude (km)" }).CountAsync());
        Assert.True(await chart.Locator("line.maneuver").CountAsync() >= 6, "the reboost is marked in every panel");
        var track = await page.Locator("[data-testid=replay-track][data-norad=precise]").GetAttributeAsync("d");
        Assert.True(track is { Length: > 500 }, "the ground track is on the map");
        await Assertions.Expect(page.Locator("[data-testid=map-caption]")).ToContainTextAsync("Precise propagation: ISS-LIKE LEO");
        await SteppeServeFixture.Screenshot(page, "10-precise-propagation-1280x900.png");
        await chart.ScrollIntoViewIfNeededAsync();
        await SteppeServeFixture.Screenshot(page, "11-precise-elements-chart-1280x900.png");

        // A bad OPM is answered with the problem's one line, naming the field.
        await page.Locator("[data-testid=precise-opm]").FillAsync("CCSDS_OPM_VERS = 3.0\nnot an OPM");
        await page.Locator("[data-testid=precise-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=precise-status]")).ToContainTextAsync("opm:");
        Assert.DoesNotContain(errors, e => !e.Contains("400", StringComparison.Ordinal));
    }

    /// <summary>
    /// The Precise tab's orbit determination: the simulated KazSat-3 sample (an a-priori OPM 2 km off and a day of range
    /// and angles from Akkol and Kokterek) fitted through <c>POST /api/v1/od</c>: convergence, the residual table, the
    /// parameters and the residual chart with a panel per measurement type and a colour per station.
    /// </summary>
    [Fact]
    public async Task The_simulated_kazsat3_sample_converges_and_draws_its_residuals()
    {
        var (page, errors) = await server.NewPage(1280, 900);
        await server.Open(page);
        await page.Locator(".tabs button[data-tab=precise]").ClickAsync();
        await page.Locator("[data-testid=od-sample]").ClickAsync();
        Assert.Contains("OBJECT_NAME = KAZSAT-3", await page.Locator("[data-testid=od-opm]").InputValueAsync());
        var tdms = await page.Locator("[data-testid=od-tdm]").InputValueAsync();
        Assert.Contains("PARTICIPANT_1 = akkol-gcc", tdms);
        Assert.Contains("PARTICIPANT_1 = kokterek-gcc", tdms);
        await page.Locator("[data-testid=od-run]").ClickAsync();

        var status = page.Locator("[data-testid=od-status]");
        await Assertions.Expect(status).ToContainTextAsync("KAZSAT-3: converged", new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
        await Assertions.Expect(status).ToContainTextAsync("288 measurements");
        await Assertions.Expect(status).ToContainTextAsync("GEO force model: EGM2008 8×8");

        // Six rows of statistics (range, azimuth, elevation per station): the simulated 5 m range noise comes back.
        var rows = page.Locator("[data-testid=od-residual-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        foreach (var station in new[] { "akkol-gcc", "kokterek-gcc" })
        {
            var range = rows.Filter(new LocatorFilterOptions { HasText = station }).Filter(new LocatorFilterOptions { HasText = "range (m)" });
            double sigma = double.Parse(await range.Locator("td").Nth(5).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(sigma, 3.5, 6.5);
        }

        await Assertions.Expect(page.Locator("[data-testid=od-parameter-row]")).ToHaveCountAsync(6);
        var chart = page.Locator("[data-testid=od-chart]");
        await Assertions.Expect(chart.Locator("[data-testid=od-panel]")).ToHaveCountAsync(3);
        Assert.Equal("432", await chart.GetAttributeAsync("data-points")); // 72 epochs × (range, azimuth, elevation) × 2 stations
        Assert.InRange(await chart.Locator("circle[data-source=akkol-gcc]").CountAsync(), (3 * 72) - 5, 3 * 72); // a colour per station; an edited point is a cross
        Assert.Equal(1, await chart.Locator("text.title", new LocatorLocatorOptions { HasText = "Range (m)" }).CountAsync());
        await chart.ScrollIntoViewIfNeededAsync();
        await SteppeServeFixture.Screenshot(page, "12-orbit-determination-residuals-1280x900.png");

        // No tracking: the problem's one line, naming the member.
        await page.Locator("[data-testid=od-tdm]").FillAsync("");
        await page.Locator("[data-testid=od-run]").ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync("tdm:");
        Assert.DoesNotContain(errors, e => !e.Contains("400", StringComparison.Ordinal));
    }
}
