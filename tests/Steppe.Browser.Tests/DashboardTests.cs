using Microsoft.Playwright;

namespace Steppe.Browser.Tests;

/// <summary>The web page in Debian's Chromium against a real <c>steppe serve</c>; every test saves screenshots.</summary>
public sealed class DashboardTests(SteppeServeFixture server) : IClassFixture<SteppeServeFixture>
{
    [Fact]
    public async Task Map_draws_the_ISS_and_its_track_and_clicking_it_shows_the_element_age()
    {
        var (page, errors) = await server.NewPage(1280, 800);
        await server.Open(page);
        var iss = page.Locator("[data-testid=sat-25544]");
        await Assertions.Expect(iss).ToBeVisibleAsync();
        var track = await page.Locator("[data-testid=track-25544]").GetAttributeAsync("d");
        Assert.True(track is { Length: > 500 }, "the ISS ground track is drawn");
        foreach (int norad in new[] { 37749, 39728, 39731, 40010, 43783 })
        {
            Assert.Equal(1, await page.Locator($"[data-testid=sat-{norad}]").CountAsync()); // the Kazakh fleet by default
        }

        Assert.True(await page.Locator("path.footprint").CountAsync() >= 6);
        Assert.True(await page.Locator("circle.station").CountAsync() >= 3);
        await iss.ClickAsync();
        var details = page.Locator("[data-testid=sat-details]");
        await Assertions.Expect(details).ToBeVisibleAsync();
        await Assertions.Expect(details).ToContainTextAsync("ISS (ZARYA)");
        await Assertions.Expect(page.Locator("[data-testid=element-age]")).ToContainTextAsync("days");
        await Assertions.Expect(page.Locator("#fleet-table tbody tr")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("[data-testid=overview-row]").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });

        // The top bar says how current the data is (GET /api/v1/data), with each data set's state on hover.
        var dataState = page.Locator("[data-testid=data-state]");
        await Assertions.Expect(dataState).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("^(current|stale|expired)$"));
        Assert.Contains("eop:", await dataState.GetAttributeAsync("title"));
        await SteppeServeFixture.Screenshot(page, "01-map-1280x800.png");

        // The clock runs: the ISS marker moves at 600× within a second.
        var before = await iss.Locator("xpath=..").GetAttributeAsync("transform");
        await page.Locator(".speed button[data-speed='600']").ClickAsync();
        await page.WaitForTimeoutAsync(1500);
        Assert.NotEqual(before, await iss.Locator("xpath=..").GetAttributeAsync("transform"));

        await page.Locator("[data-projection=orthographic]").ClickAsync();
        await Assertions.Expect(page.Locator("path.land")).ToHaveCountAsync(1);
        await page.WaitForTimeoutAsync(500);
        await SteppeServeFixture.Screenshot(page, "02-globe-1280x800.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Screening_the_fleet_lists_close_approaches_within_the_threshold()
    {
        var (page, errors) = await server.NewPage(1280, 800);
        await server.Open(page);
        await Assertions.Expect(page.Locator("#fleet-table tbody tr")).ToHaveCountAsync(6);
        await page.Locator("#conj-km").FillAsync("10");
        await page.Locator("[data-testid=conj-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=conj-status]")).ToContainTextAsync("approaches within 10 km", new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
        var rows = page.Locator("[data-testid=conj-row]");
        Assert.True(await rows.CountAsync() >= 1, "the fleet has approaches within 10 km in a day (the API tests compare them with the screener)");
        for (int i = 0; i < await rows.CountAsync(); i++)
        {
            double miss = double.Parse(await rows.Nth(i).Locator("td").Nth(3).InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(miss, 0, 10);
        }

        Assert.Contains("ASSUMED", await page.Locator("[data-testid=conj-status]").GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
        Assert.Contains("km/s", await rows.First.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
        await page.Locator("#conj-table").ScrollIntoViewIfNeededAsync();
        await SteppeServeFixture.Screenshot(page, "09-fleet-close-approaches-1280x800.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Choosing_a_station_lists_passes_and_draws_the_sky_plot()
    {
        var (page, errors) = await server.NewPage(1280, 800);
        await server.Open(page);
        await page.Locator(".tabs button[data-tab=passes]").ClickAsync();
        await page.Locator("[data-testid=pass-station]").SelectOptionAsync("astana");
        var rows = page.Locator("[data-testid=pass-row]");
        await Assertions.Expect(rows.First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        Assert.True(await rows.CountAsync() >= 3, "the ISS passes over Astana several times a day above 10°");
        await Assertions.Expect(page.Locator("#passes-table tbody tr.selected")).ToHaveCountAsync(1);
        var sky = await page.Locator("[data-testid=sky-track]").GetAttributeAsync("d");
        Assert.True(sky is { Length: > 100 });
        await Assertions.Expect(page.Locator("#skyplot-caption")).ToContainTextAsync("Astana");
        await rows.Nth(1).ClickAsync();
        await Assertions.Expect(rows.Nth(1)).ToHaveClassAsync("selected");
        await SteppeServeFixture.Screenshot(page, "03-passes-astana-1280x800.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Timeline_replays_Vostok_1()
    {
        var (page, errors) = await server.NewPage(1280, 800);
        await server.Open(page);
        await page.Locator(".tabs button[data-tab=heritage]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=replay-vostok-1]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 20_000 });
        Assert.True(await page.Locator("#timeline li").CountAsync() >= 15, "the heritage timeline of the catalog");
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("Aubakirov");
        await page.Locator("[data-testid=replay-vostok-1]").ClickAsync();
        var replay = page.Locator("[data-testid=replay-track]");
        await Assertions.Expect(replay).ToHaveAttributeAsync("data-norad", "103");
        Assert.True((await replay.GetAttributeAsync("d")) is { Length: > 200 });
        await Assertions.Expect(page.Locator("[data-testid=map-caption]")).ToContainTextAsync("VOSTOK 1");
        await Assertions.Expect(page.Locator("[data-testid=map-caption]")).ToContainTextAsync("1961-04-12 06:07:00");
        await Assertions.Expect(page.Locator("[data-testid=replay-sat]")).ToHaveCountAsync(1);
        await page.WaitForTimeoutAsync(800);
        await SteppeServeFixture.Screenshot(page, "04-heritage-vostok-replay-1280x800.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Porkchop_renders_with_the_best_windows_marked()
    {
        var (page, errors) = await server.NewPage(1280, 800);
        await server.Open(page);
        await page.Locator(".tabs button[data-tab=mars]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=best-type-I]")).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=best-type-II]")).ToHaveCountAsync(1);
        Assert.True(await page.Locator("#porkchop path.contour").CountAsync() >= 8, "filled C3 contour bands");
        await Assertions.Expect(page.Locator("#mars-status")).ToContainTextAsync("Type I minimum: C3");
        await Assertions.Expect(page.Locator("#mars-windows tbody tr").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        Assert.True(await page.Locator("#mars-windows tbody tr").CountAsync() >= 8, "Type I and II for each window 2026–2035");
        await SteppeServeFixture.Screenshot(page, "05-mars-porkchop-1280x800.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Launch_planner_shows_the_window_calendar_with_azimuths_and_rendezvous()
    {
        var (page, errors) = await server.NewPage(1280, 800);
        await server.Open(page);
        await page.Locator(".tabs button[data-tab=launch]").ClickAsync();
        var days = page.Locator("[data-testid=launch-day]");
        await Assertions.Expect(days.First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        Assert.True(await days.CountAsync() >= 7);
        await Assertions.Expect(page.Locator("#launch-calendar")).ToContainTextAsync("accepted");
        await Assertions.Expect(page.Locator("#launch-calendar")).ToContainTextAsync("scheme");
        await Assertions.Expect(page.Locator("#launch-corridors")).ToContainTextAsync("51.6° route (ISS)");
        await SteppeServeFixture.Screenshot(page, "06-launch-planner-1280x800.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Phone_viewport_stacks_map_and_panels_without_horizontal_scrolling()
    {
        var (page, errors) = await server.NewPage(390, 844);
        await server.Open(page);
        await Assertions.Expect(page.Locator("[data-testid=sat-25544]")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 391, "no horizontal scroll at 390 px");
        await SteppeServeFixture.Screenshot(page, "07-phone-map-390x844.png");
        var map = await page.Locator("#map").BoundingBoxAsync();
        var panel = await page.Locator(".side-pane").BoundingBoxAsync();
        Assert.True(map!.Width >= 360 && panel!.Y > map.Y + map.Height - 1, $"the panels sit below the full-width map (map {map.X},{map.Y} {map.Width}×{map.Height}, panel at {panel!.Y})");
        await page.Locator(".tabs button[data-tab=passes]").ClickAsync();
        await page.Locator("[data-testid=pass-station]").SelectOptionAsync("almaty");
        await Assertions.Expect(page.Locator("[data-testid=pass-row]").First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 30_000 });
        int width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var widest = await page.EvaluateAsync<string>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 392).slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className).join(' ')");
        Assert.True(width <= 391, $"tables scroll inside their boxes, not the page ({width} px: {widest})");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SteppeServeFixture.ScreenshotFolder, "08-phone-passes-390x844.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
