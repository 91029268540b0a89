using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Steppe.Browser.Tests;

/// <summary>
/// The national fleet in the Fleet tab: the list from <c>GET /api/v1/fleet</c> and the page of a satellite opened by its
/// URL fragment (<c>#fleet/kazsat-3</c>), whose sections (box or band, burns, close approaches, avoidance, lifetime) each
/// load on their own and end with numbers or a message — never blank, never NaN.
/// </summary>
public sealed partial class FleetDashboardTests(SteppeServeFixture server) : IClassFixture<SteppeServeFixture>
{
    private static readonly string[] Sections = ["plan", "burns", "conj", "avoid", "life"];

    [Fact]
    public async Task The_fleet_list_shows_every_satellite_in_its_box_or_band_and_opens_its_page()
    {
        var (page, errors) = await server.NewPage(1280, 900);
        await server.Open(page);
        var rows = page.Locator("[data-testid=nf-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await Assertions.Expect(rows.Filter(new LocatorFilterOptions { HasText = "KAZSAT-3" })).ToContainTextAsync("58.50° E ±0.05°");
        await Assertions.Expect(rows.Filter(new LocatorFilterOptions { HasText = "KAZEOSAT 2" })).ToContainTextAsync(new Regex(@"[\d.]+–[\d.]+ km.*\d+\.\d km"));
        await Assertions.Expect(rows.Filter(new LocatorFilterOptions { HasText = "KAZSAT-3" })).ToContainTextAsync("in box");
        await Assertions.Expect(page.Locator("[data-testid=nf-status]")).ToContainTextAsync("States at 2026-08-23");
        await SteppeServeFixture.Screenshot(page, "19-fleet-list-1280x900.png");

        await rows.Filter(new LocatorFilterOptions { HasText = "KAZEOSAT 2" }).Locator("td").Nth(1).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#fleet/kazeosat-2$"));
        await Assertions.Expect(page.Locator("[data-testid=fleet-page-title]")).ToHaveTextAsync("KAZEOSAT 2 · LEO");
        await page.Locator("[data-testid=fleet-back]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=fleet-page]")).ToBeHiddenAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        Assert.True(errors.All(Handled), string.Join("\n", errors));
    }

    [Fact]
    public async Task Kazsat3_page_draws_its_box_burns_approaches_and_lifetime()
    {
        var (page, errors) = await server.NewPage(1280, 1800);
        await server.Open(page, "#fleet/kazsat-3");
        await Assertions.Expect(page.Locator("[data-testid=fleet-page-title]")).ToHaveTextAsync("KAZSAT-3 · GEO");
        await Assertions.Expect(page.Locator("[data-testid=fleet-page]")).ToContainTextAsync("58.500° E");
        var states = await Settle(page);

        if (states["plan"] == "done")
        {
            var chart = page.Locator("[data-testid=fleet-box-chart]");
            await Assertions.Expect(chart.Locator("[data-testid=fleet-box-rect]")).ToHaveCountAsync(1);
            Assert.True(int.Parse((await chart.GetAttributeAsync("data-points"))!, CultureInfo.InvariantCulture) > 10, "the track has samples");
            Assert.True((await chart.Locator("[data-testid=fleet-box-track]").GetAttributeAsync("d")) is { Length: > 100 }, "the track is drawn");
            await Assertions.Expect(page.Locator("[data-testid=fleet-plan-status]")).ToContainTextAsync(new Regex(@"Δv \d+\.\d\d m/s per year"));
        }

        if (states["burns"] == "done")
        {
            await BurnsHaveNumbers(page);
        }

        if (states["life"] == "done")
        {
            await Assertions.Expect(page.Locator("[data-testid=fleet-life-row]").First).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=fleet-life-table]")).ToContainTextAsync(new Regex(@"\d"));
        }

        await SteppeServeFixture.Screenshot(page, "20-fleet-kazsat-3-1280x1800.png");
        await ShotOfPage(page, "22-fleet-kazsat-3-page.png");
        Assert.True(errors.All(Handled), string.Join("\n", errors));
    }

    [Fact]
    public async Task Kazeosat2_page_draws_its_band_burns_approaches_and_lifetime()
    {
        var (page, errors) = await server.NewPage(1280, 1800);
        await server.Open(page, "#fleet/kazeosat-2");
        await Assertions.Expect(page.Locator("[data-testid=fleet-page-title]")).ToHaveTextAsync("KAZEOSAT 2 · LEO");
        await Assertions.Expect(page.Locator("[data-testid=fleet-page]")).ToContainTextAsync("Mean altitude");
        var states = await Settle(page);

        if (states["plan"] == "done")
        {
            var chart = page.Locator("[data-testid=fleet-band-chart]");
            await Assertions.Expect(chart.Locator("[data-testid=fleet-band-rect]")).ToHaveCountAsync(1);
            Assert.True(int.Parse((await chart.GetAttributeAsync("data-points"))!, CultureInfo.InvariantCulture) > 10, "the track has samples");
            Assert.True((await chart.Locator("[data-testid=fleet-band-track]").GetAttributeAsync("d")) is { Length: > 100 }, "the track is drawn");
        }

        if (states["burns"] == "done" && await page.Locator("[data-testid=fleet-burns-table]").CountAsync() > 0)
        {
            await BurnsHaveNumbers(page);
        }

        if (states["life"] == "done")
        {
            await Assertions.Expect(page.Locator("[data-testid=fleet-life-reentry]")).ToContainTextAsync(new Regex(@"\d|not within"));
            await Assertions.Expect(page.Locator("[data-testid=fleet-life-row]").First).ToBeVisibleAsync();
        }

        await SteppeServeFixture.Screenshot(page, "21-fleet-kazeosat-2-1280x1800.png");
        await ShotOfPage(page, "23-fleet-kazeosat-2-page.png");
        Assert.True(errors.All(Handled), string.Join("\n", errors));
    }

    /// <summary>Waits until every section has finished (done, error or unavailable) and checks that none is blank or shows
    /// NaN; returns each section's final state.</summary>
    private static async Task<Dictionary<string, string>> Settle(IPage page)
    {
        var states = new Dictionary<string, string>();
        foreach (var name in Sections)
        {
            var section = page.Locator($"[data-testid=fleet-{name}]");
            await Assertions.Expect(section).ToHaveAttributeAsync("data-state", new Regex("^(done|error|unavailable)$"), new LocatorAssertionsToHaveAttributeOptions { Timeout = 240_000 });
            states[name] = (await section.GetAttributeAsync("data-state"))!;
            var status = await page.Locator($"[data-testid=fleet-{name}-status]").InnerTextAsync();
            Assert.False(string.IsNullOrWhiteSpace(status), $"{name} says something");
            Assert.DoesNotContain("NaN", await section.InnerTextAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain("undefined", await section.InnerTextAsync(), StringComparison.Ordinal);
            if (states[name] == "unavailable")
            {
                Assert.Contains("not available", status, StringComparison.Ordinal);
            }
        }

        return states;
    }

    /// <summary>Console lines the page answers itself: a request of a page left (aborted) and an HTTP error whose problem the
    /// section shows (the browser logs every 4xx answer).</summary>
    private static bool Handled(string error) =>
        error.Contains("ERR_ABORTED", StringComparison.Ordinal) || error.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal);

    private static async Task<string> ShotOfPage(IPage page, string name)
    {
        var path = Path.Combine(SteppeServeFixture.ScreenshotFolder, name);
        await page.Locator("[data-testid=fleet-page]").ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        return path;
    }

    private static async Task BurnsHaveNumbers(IPage page)
    {
        var burns = page.Locator("[data-testid=fleet-burn-row]");
        Assert.True(await burns.CountAsync() >= 1, "at least one burn is listed");
        var dv = await burns.First.Locator("td.dv").InnerTextAsync();
        Assert.True(double.TryParse(dv, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0, $"Δv {dv}");
        Assert.Matches(DateText(), await burns.First.Locator("td.time").InnerTextAsync());
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d$")]
    private static partial Regex DateText();
}
