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
}
