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

        // The station-keeping plan: the box and the re-propagated track drawn, the yearly budget stated.
        Assert.Equal("done", states["plan"]);
        var chart = page.Locator("[data-testid=fleet-box-chart]");
        await Assertions.Expect(chart.Locator("[data-testid=fleet-box-rect]")).ToHaveCountAsync(1);
        Assert.True(int.Parse((await chart.GetAttributeAsync("data-points"))!, CultureInfo.InvariantCulture) > 100, "the track has samples");
        Assert.True((await chart.Locator("[data-testid=fleet-box-track]").GetAttributeAsync("d")) is { Length: > 1000 }, "the track is drawn");
        await Assertions.Expect(page.Locator("[data-testid=fleet-plan-status]")).ToContainTextAsync(new Regex(@"Δv \d+\.\d\d m/s per year \(N/S \d+\.\d\d, E/W \d+\.\d\d\)"));
        Assert.Equal("done", states["burns"]);
        await BurnsHaveNumbers(page);
        await Assertions.Expect(page.Locator("[data-testid=fleet-burns-table]")).ToContainTextAsync("N/S");

        // Close approaches within 50 km (none or some), and the avoidance section follows from them.
        Assert.Equal("done", states["conj"]);
        Assert.NotEqual("unavailable", states["avoid"]);

        // Lifetime and disposal: the IADC graveyard rule for a GEO satellite, with the Δv to comply.
        Assert.Equal("done", states["life"]);
        var rules = page.Locator("[data-testid=fleet-life-row]");
        Assert.True(await rules.CountAsync() >= 1, "disposal rules are listed");
        Assert.Matches(@"^\d+\.\d\d$", await rules.First.Locator("td").Nth(3).InnerTextAsync());

        await SteppeServeFixture.Screenshot(page, "20-fleet-kazsat-3-1280x1800.png");
        await ShotOfPage(page, "22-fleet-kazsat-3-page.png");
        Assert.True(errors.All(Handled), string.Join("\n", errors));
    }

    [Fact]
    public async Task Kazeosat2_page_draws_its_band_burns_approaches_and_lifetime()
    {
        // On 2026-11-01: the maintenance plan's drag then runs on the monthly space-weather predictions of the bundled table.
        var (page, errors) = await server.NewPage(1280, 1800);
        await page.GotoAsync($"{server.BaseUrl}/?t=2026-11-01T00:00:00Z&speed=1#fleet/kazeosat-2");
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=fleet-page-title]")).ToHaveTextAsync("KAZEOSAT 2 · LEO");
        await Assertions.Expect(page.Locator("[data-testid=fleet-page]")).ToContainTextAsync("Mean altitude");
        var states = await Settle(page);

        // The maintenance plan: the band and the flown mean altitude drawn; the yearly Δv and the natural decay stated.
        Assert.Equal("done", states["plan"]);
        var chart = page.Locator("[data-testid=fleet-band-chart]");
        await Assertions.Expect(chart.Locator("[data-testid=fleet-band-rect]")).ToHaveCountAsync(1);
        Assert.True(int.Parse((await chart.GetAttributeAsync("data-points"))!, CultureInfo.InvariantCulture) > 100, "the track has samples");
        Assert.True((await chart.Locator("[data-testid=fleet-band-track]").GetAttributeAsync("d")) is { Length: > 1000 }, "the track is drawn");
        var plan = page.Locator("[data-testid=fleet-plan-status]");
        await Assertions.Expect(plan).ToContainTextAsync(new Regex(@"Δv \d+\.\d\d m/s per year"));
        await Assertions.Expect(plan).ToContainTextAsync(new Regex(@"natural decay \d+\.\d m/day"));

        // KazEOSat-2 decays by a few metres a day: no burn within 60 days, said with the span's end; a table when there are.
        Assert.Equal("done", states["burns"]);
        if (await page.Locator("[data-testid=fleet-burns-table]").CountAsync() > 0)
        {
            await BurnsHaveNumbers(page);
        }
        else
        {
            await Assertions.Expect(page.Locator("[data-testid=fleet-burns-status]")).ToContainTextAsync(new Regex(@"No burn is needed in the planned span \(to 2026-12-31\)"));
        }

        Assert.Equal("done", states["conj"]);
        Assert.NotEqual("unavailable", states["avoid"]);
        if (await page.Locator("[data-testid=fleet-avoid-table]").CountAsync() > 0)
        {
            await Assertions.Expect(page.Locator("[data-testid=fleet-avoid-pc]")).ToContainTextAsync(new Regex(@"Foster 2D (\d\.\de-\d+|<1e-10)"));
        }

        // Lifetime: a reentry date with its window and years, and the 25- and 5-year rules.
        Assert.Equal("done", states["life"]);
        await Assertions.Expect(page.Locator("[data-testid=fleet-life-reentry]")).ToContainTextAsync(new Regex(@"\d{4}-\d\d-\d\d .*\d+\.\d years|not within"));
        Assert.True(await page.Locator("[data-testid=fleet-life-row]").CountAsync() >= 2, "the 25-year and 5-year rules");

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
