using Microsoft.AspNetCore.Http.HttpResults;
using Steppe.Core.Time;
using Steppe.Planning;
using Steppe.Core.Geodesy;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Units;
using Steppe.Planning.Eclipses;
using Steppe.Planning.Elements;
using Steppe.Planning.Passes;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>A station as a result names it.</summary>
/// <param name="Name">Name (or the coordinates as given).</param>
/// <param name="LatitudeDeg">Geodetic latitude, degrees north.</param>
/// <param name="LongitudeDeg">Longitude, degrees east.</param>
/// <param name="AltitudeM">Height above the ellipsoid, m.</param>
public sealed record StationDto(string Name, double LatitudeDeg, double LongitudeDeg, double AltitudeM)
{
    internal static StationDto From(GroundStation s) => new(s.Name, s.Location.Latitude.Degrees, s.Location.Longitude.Degrees, Math.Round(s.Location.HeightKm * 1000, 3));
}

/// <summary>Where the satellite is seen from the station at one moment of a pass.</summary>
/// <param name="TimeUtc">When.</param>
/// <param name="AzimuthDeg">Azimuth, degrees from north, clockwise.</param>
/// <param name="ElevationDeg">Elevation above the geodetic horizon, degrees (no refraction).</param>
/// <param name="RangeKm">Slant range, km.</param>
public sealed record LookDto(string TimeUtc, double AzimuthDeg, double ElevationDeg, double RangeKm)
{
    internal static LookDto From(PassPoint p) => new(Iso.Of(p.Time), Math.Round(p.Azimuth.Degrees, 4), Math.Round(p.Elevation.Degrees, 4), Math.Round(p.RangeKm, 3));
}

/// <summary>One pass: rise (AOS), culmination (TCA) and set (LOS).</summary>
/// <param name="NoradId">Catalog number.</param>
/// <param name="Name">Name.</param>
/// <param name="Rise">Rise (or the span's start when clipped).</param>
/// <param name="Culmination">Highest elevation.</param>
/// <param name="Set">Set (or the span's end when clipped).</param>
/// <param name="MaxElevationDeg">Highest elevation, degrees.</param>
/// <param name="DurationS">Rise to set, seconds.</param>
/// <param name="RiseClipped">The pass was in progress at the start of the span.</param>
/// <param name="SetClipped">The pass was in progress at the end of the span.</param>
/// <param name="ElementAgeDays">Age of the elements at the rise, days.</param>
/// <param name="SkyTrack">Azimuth/elevation samples from rise to set (when asked with skyTrack=true).</param>
/// <param name="Visible">The visible stretches (visible passes only).</param>
public sealed record PassDto(int NoradId, string? Name, LookDto Rise, LookDto Culmination, LookDto Set, double MaxElevationDeg, double DurationS,
    bool RiseClipped, bool SetClipped, double ElementAgeDays, IReadOnlyList<LookDto>? SkyTrack, IReadOnlyList<VisibleSegmentDto>? Visible);

/// <summary>A stretch of a pass in which the satellite is sunlit and the station dark.</summary>
/// <param name="Start">Where it begins.</param>
/// <param name="Highest">Its highest point.</param>
/// <param name="End">Where it ends.</param>
/// <param name="DurationS">Length, seconds.</param>
public sealed record VisibleSegmentDto(LookDto Start, LookDto Highest, LookDto End, double DurationS);

/// <summary>Each object searched, with its elements and any propagation failure.</summary>
/// <param name="Elements">The element set and its age at the start of the span.</param>
/// <param name="PassCount">Passes found.</param>
/// <param name="FailureUtc">Where SGP4 stopped, or null.</param>
/// <param name="Failure">Why (e.g. decayed), or null.</param>
public sealed record SearchedObjectDto(ElementsDto Elements, int PassCount, string? FailureUtc, string? Failure);

/// <summary>Passes of satellites over a station.</summary>
/// <param name="Station">The station.</param>
/// <param name="FromUtc">Start of the span.</param>
/// <param name="ToUtc">End of the span.</param>
/// <param name="MinElevationDeg">Elevation mask, degrees.</param>
/// <param name="MaxSunElevationDeg">For visible passes: the Sun's highest elevation at the station, degrees.</param>
/// <param name="Passes">Every pass, by rise time.</param>
/// <param name="Objects">Each object searched.</param>
public sealed record PassesDto(StationDto Station, string FromUtc, string ToUtc, double MinElevationDeg, double? MaxSunElevationDeg, IReadOnlyList<PassDto> Passes,
    IReadOnlyList<SearchedObjectDto> Objects);

/// <summary>A shadow crossing.</summary>
/// <param name="PenumbraEntryUtc">Entry into the penumbra.</param>
/// <param name="UmbraEntryUtc">Entry into the umbra, or null (penumbral only).</param>
/// <param name="UmbraExitUtc">Exit from the umbra.</param>
/// <param name="PenumbraExitUtc">Exit from the penumbra.</param>
/// <param name="ShadowDurationS">Penumbra entry to exit, seconds.</param>
/// <param name="UmbraDurationS">Umbra entry to exit, seconds.</param>
/// <param name="EntryClipped">In shadow at the span's start.</param>
/// <param name="ExitClipped">In shadow at the span's end.</param>
public sealed record EclipseDto(string PenumbraEntryUtc, string? UmbraEntryUtc, string? UmbraExitUtc, string PenumbraExitUtc, double ShadowDurationS, double UmbraDurationS,
    bool EntryClipped, bool ExitClipped);

/// <summary>Eclipses of one object.</summary>
/// <param name="FromUtc">Start.</param>
/// <param name="ToUtc">End.</param>
/// <param name="Eclipses">In time order.</param>
/// <param name="ShadowPercent">Share of the span in penumbra or umbra, percent.</param>
/// <param name="UmbraPercent">Share of the span in umbra, percent.</param>
/// <param name="OrbitalPeriodMin">Orbital period, minutes.</param>
/// <param name="FailureUtc">Where SGP4 stopped, or null.</param>
/// <param name="Failure">Why, or null.</param>
/// <param name="Elements">The element set and its age at the start.</param>
public sealed record EclipsesDto(string FromUtc, string ToUtc, IReadOnlyList<EclipseDto> Eclipses, double ShadowPercent, double UmbraPercent, double OrbitalPeriodMin,
    string? FailureUtc, string? Failure, ElementsDto Elements);

/// <summary>Passes over ground stations (none missed), visible passes and eclipses — the planning code of <c>steppe passes|visible|eclipses</c>.</summary>
public static class PassesEndpoints
{
    /// <summary>The longest pass search.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(10);

    /// <summary>The most objects of one pass search.</summary>
    public const int MaxObjects = 20;

    /// <summary>Sky-track samples per pass.</summary>
    public const int SkyTrackSamples = 48;

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapPassesEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(string.Empty).WithTags("Passes");
        group.MapGet("/passes", Passes).WithSummary("Passes of up to 20 satellites over a station (id or LAT,LON[,HEIGHT_M]) in up to 10 days: AOS, TCA, LOS with azimuth, elevation and range.");
        group.MapGet("/passes/visible", Visible).WithSummary("Passes in which the satellite is sunlit while the station is dark (Sun below maxSunElevationDeg, default −6°).");
        group.MapGet("/eclipses", Eclipses).WithSummary("Umbra and penumbra crossings of one satellite (conical shadow), with the share of the span in shadow.");
        return group;
    }

    internal static Ok<PassesDto> Passes(string? norad, string? station, string? from, string? to, string? minElevationDeg, string? skyTrack,
        CatalogService catalog, ServerClock clock, ReferenceTables tables) =>
        TypedResults.Ok(Search(norad, station, from, to, minElevationDeg, skyTrack, null, catalog, clock, tables));

    internal static Ok<PassesDto> Visible(string? norad, string? station, string? from, string? to, string? minElevationDeg, string? maxSunElevationDeg, string? skyTrack,
        CatalogService catalog, ServerClock clock, ReferenceTables tables) =>
        TypedResults.Ok(Search(norad, station, from, to, minElevationDeg, skyTrack, Inputs.Number(maxSunElevationDeg, "maxSunElevationDeg", -6, -90, 90), catalog, clock, tables));

    private static PassesDto Search(string? norad, string? station, string? from, string? to, string? minElevationDeg, string? skyTrack, double? maxSunDeg,
        CatalogService catalog, ServerClock clock, ReferenceTables tables)
    {
        var ids = Inputs.CatalogNumbers(norad, "norad", MaxObjects);
        var site = Inputs.Station(station, "station", catalog.Sites());
        var now = clock.Now;
        var start = Inputs.Instant(from, "from", now, now);
        var end = Inputs.Instant(to, "to", start.AddDays(1), now);
        Inputs.Span(start, end, MaxSpan);
        double minEl = Inputs.Number(minElevationDeg, "minElevationDeg", 0, -5, 89);
        bool withSky = CatalogEndpoints.Flag(skyTrack, "skyTrack");
        var options = new PassOptions { MinimumElevation = Angle.FromDegrees(minEl) };
        var passes = new List<PassDto>();
        var objects = new List<SearchedObjectDto>();
        foreach (int n in ids)
        {
            var latest = catalog.Latest(n);
            var e = latest.Stored.Elements;
            var elements = ElementsDto.From(e, start, latest.Stored.Source);
            if (PropagationEndpoints.Usable(latest, start, end, out var failure) is not { } propagator)
            {
                objects.Add(new SearchedObjectDto(elements, 0, Iso.Of(start), failure));
                continue;
            }

            PassSearchResult result;
            IReadOnlyList<VisiblePass>? visible = null;
            if (maxSunDeg is { } sun)
            {
                var v = VisiblePassFinder.FindVisiblePasses(propagator, site, start, end, PlanningEphemerides.Bundled, tables.EarthOrientation, new VisibilityOptions { Passes = options, MaximumSunElevation = Angle.FromDegrees(sun) });
                result = v.Search;
                visible = v.VisiblePasses;
            }
            else
            {
                result = PassFinder.FindPasses(propagator, site, start, end, tables.EarthOrientation, options);
            }

            var chosen = visible is null ? result.Passes.Select(p => (p, (VisiblePass?)null)) : visible.Select(v => (v.Pass, (VisiblePass?)v));
            int count = 0;
            foreach (var (p, v) in chosen)
            {
                count++;
                passes.Add(new PassDto(n, e.Name?.Trim(), LookDto.From(p.Rise), LookDto.From(p.Culmination), LookDto.From(p.Set), Math.Round(p.MaximumElevation.Degrees, 4),
                    Math.Round(p.Duration.TotalSeconds, 3), p.RiseClipped, p.SetClipped, Math.Round(p.Rise.Time.DaysSince(e.Epoch), 4),
                    withSky ? Sky(propagator, site, p, tables.EarthOrientation) : null,
                    v?.Segments.Select(s => new VisibleSegmentDto(LookDto.From(s.Start), LookDto.From(s.Highest), LookDto.From(s.End), Math.Round(s.Duration.TotalSeconds, 3))).ToList()));
            }

            objects.Add(new SearchedObjectDto(elements, count, Iso.Of(result.Failure?.Time), result.Failure?.Message));
        }

        passes.Sort((a, b) => string.CompareOrdinal(a.Rise.TimeUtc, b.Rise.TimeUtc));
        return new PassesDto(StationDto.From(site), Iso.Of(start), Iso.Of(end), minEl, maxSunDeg, passes, objects);
    }

    /// <summary>Azimuth and elevation from rise to set at equal steps (for the polar sky plot).</summary>
    private static List<LookDto> Sky(Sgp4Propagator propagator, GroundStation station, Pass pass, EarthOrientationTable eop)
    {
        double span = pass.Set.Time.SecondsSince(pass.Rise.Time);
        var times = Enumerable.Range(0, SkyTrackSamples + 1).Select(k => pass.Rise.Time.AddSeconds(span * k / SkyTrackSamples));
        return StateSampler.Sample(propagator, times).States.Select(s =>
        {
            var look = s.LookAnglesFrom(station, eop);
            return new LookDto(Iso.Of(s.Epoch), Math.Round(look.Azimuth.Degrees, 3), Math.Round(look.Elevation.Degrees, 3), Math.Round(look.RangeKm, 2));
        }).ToList();
    }

    internal static Ok<EclipsesDto> Eclipses(string? norad, string? from, string? to, CatalogService catalog, ServerClock clock, ReferenceTables tables)
    {
        int n = Inputs.CatalogNumber(norad, "norad");
        var now = clock.Now;
        var start = Inputs.Instant(from, "from", now, now);
        var end = Inputs.Instant(to, "to", start.AddDays(1), now);
        Inputs.Span(start, end, MaxSpan);
        var latest = catalog.Latest(n);
        var e = latest.Stored.Elements;
        if (PropagationEndpoints.Usable(latest, start, end, out var failure) is null)
        {
            return TypedResults.Ok(new EclipsesDto(Iso.Of(start), Iso.Of(end), [], 0, 0, Math.Round(e.Period.TotalMinutes, 4), Iso.Of(start), failure,
                ElementsDto.From(e, start, latest.Stored.Source)));
        }

        var result = EclipseFinder.FindEclipses(e, start, end, PlanningEphemerides.Bundled, tables.EarthOrientation);
        return TypedResults.Ok(new EclipsesDto(Iso.Of(start), Iso.Of(end),
            result.Eclipses.Select(x => new EclipseDto(Iso.Of(x.PenumbraEntry), Iso.Of(x.UmbraEntry), Iso.Of(x.UmbraExit), Iso.Of(x.PenumbraExit),
                Math.Round(x.ShadowDuration.TotalSeconds, 3), Math.Round(x.UmbraDuration.TotalSeconds, 3), x.EntryClipped, x.ExitClipped)).ToList(),
            Finite(result.ShadowFraction * 100), Finite(result.UmbraFraction * 100), Math.Round(result.OrbitalPeriod.TotalMinutes, 4),
            Iso.Of(result.Failure?.Time), result.Failure?.Message, ElementsDto.From(e, start, latest.Stored.Source)));
    }

    private static double Finite(double value) => double.IsFinite(value) ? Math.Round(value, 4) : 0;
}
