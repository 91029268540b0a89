using Microsoft.AspNetCore.Http.HttpResults;
using Steppe.Planning;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Units;
using Steppe.Planning.Access;
using Steppe.Planning.Geo;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>An Earth-observation sensor.</summary>
/// <param name="Name">Name.</param>
/// <param name="MaxOffNadirDeg">Field of regard half-angle, degrees.</param>
/// <param name="SwathWidthKm">Swath at nadir, km.</param>
/// <param name="NadirGsdM">Ground sample distance at nadir, m.</param>
public sealed record SensorDto(string Name, double MaxOffNadirDeg, double SwathWidthKm, double NadirGsdM);

/// <summary>An access window of a sensor to a target.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="StartUtc">Window opens.</param>
/// <param name="EndUtc">Window closes.</param>
/// <param name="DurationS">Length, seconds.</param>
/// <param name="BestUtc">Least off-nadir angle.</param>
/// <param name="OffNadirDeg">Off-nadir angle then, degrees.</param>
/// <param name="IncidenceDeg">Incidence at the target, degrees.</param>
/// <param name="SlantRangeKm">Slant range, km.</param>
/// <param name="GsdFactor">Ground-sample-distance factor relative to nadir; null at grazing incidence (90°), where it is unbounded (see <paramref name="Unbounded"/>).</param>
/// <param name="GsdM">Expected ground sample distance, m; null where <paramref name="GsdFactor"/> is.</param>
/// <param name="SunElevationDeg">Sun elevation at the target, degrees.</param>
/// <param name="Pass">ascending or descending.</param>
/// <param name="StripsNeeded">Swaths to cover a polygon, or null.</param>
/// <param name="StartClipped">Open at the span's start.</param>
/// <param name="EndClipped">Open at the span's end.</param>
/// <param name="ElementAgeDays">Age of the elements at the best time, days.</param>
/// <param name="Unbounded">The fields of this window that have no finite value (and are null), with why; empty for most windows.</param>
public sealed record AccessWindowDto(string Target, string StartUtc, string EndUtc, double DurationS, string BestUtc, double OffNadirDeg, double IncidenceDeg,
    double SlantRangeKm, double? GsdFactor, double? GsdM, double SunElevationDeg, string Pass, int? StripsNeeded, bool StartClipped, bool EndClipped, double ElementAgeDays,
    IReadOnlyDictionary<string, string> Unbounded)
{
    /// <summary>
    /// The window as the API shows it. The ground sample distance grows as 1/√cos θ and has no finite value at grazing
    /// incidence (a target seen on the horizon): such a field is null and named in <see cref="Unbounded"/>, never ±Infinity or NaN.
    /// </summary>
    internal static AccessWindowDto From(AccessWindow w)
    {
        var unbounded = new Dictionary<string, string>();
        double? Finite(double value, int digits, string field)
        {
            if (double.IsFinite(value))
            {
                return Math.Round(value, digits);
            }

            unbounded[field] = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"no finite value at an incidence of {w.Incidence.Degrees:0.###}° (the target is on the horizon); raise minElevationDeg");
            return null;
        }

        var gsdFactor = Finite(w.GsdFactor, 5, "gsdFactor");
        var gsdM = Finite(w.GsdM, 4, "gsdM");
        return new AccessWindowDto(w.Target, Iso.Of(w.Start), Iso.Of(w.End), Math.Round(w.Duration.TotalSeconds, 3), Iso.Of(w.Best),
            Math.Round(w.OffNadir.Degrees, 4), Math.Round(w.Incidence.Degrees, 4), Math.Round(w.SlantRangeKm, 3), gsdFactor, gsdM,
            Math.Round(w.SunElevation.Degrees, 3), w.Pass == PassDirection.Ascending ? "ascending" : "descending", w.StripsNeeded, w.StartClipped, w.EndClipped,
            Math.Round(w.ElementAge.TotalDays, 4), unbounded);
    }
}

/// <summary>Access windows of one satellite.</summary>
/// <param name="Sensor">The sensor.</param>
/// <param name="FromUtc">Start.</param>
/// <param name="ToUtc">End.</param>
/// <param name="Windows">By start time.</param>
/// <param name="StoppedAtUtc">Where SGP4 stopped, or null.</param>
/// <param name="Error">Why, or null.</param>
/// <param name="Elements">The element set and its age at the start.</param>
public sealed record AccessDto(SensorDto Sensor, string FromUtc, string ToUtc, IReadOnlyList<AccessWindowDto> Windows, string? StoppedAtUtc, string? Error, ElementsDto Elements);

/// <summary>Antenna look angles to a (geostationary) satellite.</summary>
/// <param name="Satellite">"GEO 86.5°E" or the object's name.</param>
/// <param name="NoradId">Catalog number when from elements.</param>
/// <param name="SubSatelliteLongitudeDeg">Sub-satellite longitude, degrees east (null when the object failed).</param>
/// <param name="AzimuthDeg">Azimuth, degrees from north, clockwise (null when the object failed).</param>
/// <param name="ElevationDeg">Elevation above the geodetic horizon, degrees (null when the object failed).</param>
/// <param name="RangeKm">Slant range, km (null when the object failed).</param>
/// <param name="PolarizationSkewDeg">Rotate a linear feed anticlockwise (seen from the station) by this angle, degrees
/// (null when the object failed).</param>
/// <param name="Visible">Above the minimum elevation.</param>
/// <param name="Elements">The element set and its age, when from elements.</param>
/// <param name="Error">Why the object has no angles (element-age policy, decay, SGP4 failure), or null; a failed object is
/// listed, never dropped.</param>
public sealed record LookAnglesDto(string Satellite, int? NoradId, double? SubSatelliteLongitudeDeg, double? AzimuthDeg, double? ElevationDeg, double? RangeKm,
    double? PolarizationSkewDeg, bool Visible, ElementsDto? Elements, string? Error = null);

/// <summary>Look angles from one station.</summary>
/// <param name="Station">The station.</param>
/// <param name="TimeUtc">The instant used for satellites from elements.</param>
/// <param name="MinElevationDeg">The elevation below which visible is false.</param>
/// <param name="Satellites">One row per satellite.</param>
public sealed record LookAnglesListDto(StationDto Station, string TimeUtc, double MinElevationDeg, IReadOnlyList<LookAnglesDto> Satellites);

/// <summary>Earth-observation access and GEO look angles — the planning code of <c>steppe access</c> and <c>steppe look</c>.</summary>
public static class AccessEndpoints
{
    /// <summary>The longest access search.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(10);

    /// <summary>The most targets of one access search.</summary>
    public const int MaxTargets = 20;

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapAccessEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(string.Empty).WithTags("Access and look angles");
        group.MapGet("/access", Access).WithSummary("Earth-observation access windows of an imager (kazeosat-1, kazeosat-2 or custom) to point targets 'LAT,LON' separated by ';'. Rate-limited.")
            .RequireRateLimiting(SteppeServer.HeavyPolicy).WithHeavyWork();
        group.MapGet("/look-angles", LookAngles).WithSummary("Azimuth, elevation, range and polarisation skew from a station to GEO slots (geoLongitudeDeg) and/or catalogued satellites (norad).");
        return group;
    }

    internal static Ok<AccessDto> Access(string? norad, string? target, string? from, string? to, string? sensor, string? maxOffNadirDeg, string? minSunElevationDeg,
        string? minElevationDeg, CatalogService catalog, ServerClock clock, ReferenceTables tables, CancellationToken cancellationToken)
    {
        int n = Inputs.CatalogNumber(norad, "norad");
        var text = Inputs.Required(target, "target", "one or more targets LAT,LON[,HEIGHT_M] separated by ';'");
        var parts = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > MaxTargets)
        {
            throw new ApiValidationException("target", $"at most {MaxTargets} targets, found {parts.Length}");
        }

        var targets = parts.Select(p => AccessTarget.Point(p, Inputs.TryPoint(p, "target")
            ?? throw new ApiValidationException("target", $"expected LAT,LON[,HEIGHT_M], found '{p}'"))).ToList();
        var now = clock.Now;
        var start = Inputs.Instant(from, "from", now, now);
        var end = Inputs.Instant(to, "to", start.AddDays(1), now);
        Inputs.Span(start, end, MaxSpan);
        var name = string.IsNullOrWhiteSpace(sensor) ? "kazeosat-1" : sensor.Trim();
        var preset = Sensors.Find(name);
        double? offNadir = Inputs.OptionalNumber(maxOffNadirDeg, "maxOffNadirDeg", 0.001, 80);
        if (preset is null && !string.Equals(name, "custom", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiValidationException("sensor", $"expected kazeosat-1, kazeosat-2 or custom, found '{sensor}'");
        }

        if (preset is null && offNadir is null)
        {
            throw new ApiValidationException("maxOffNadirDeg", "a custom sensor needs its maximum off-nadir angle in degrees");
        }

        var s = new Sensor(preset?.Name ?? "custom", Angle.FromDegrees(offNadir ?? preset!.MaxOffNadir.Degrees), preset?.SwathWidthKm ?? 10, preset?.NadirGsdM ?? 1);
        var options = new AccessOptions
        {
            MinimumSunElevation = Inputs.OptionalNumber(minSunElevationDeg, "minSunElevationDeg", -90, 90) is { } sun ? Angle.FromDegrees(sun) : null,
            MinimumTargetElevation = Angle.FromDegrees(Inputs.Number(minElevationDeg, "minElevationDeg", 0, 0, 89)),
        };
        var latest = catalog.Latest(n);
        var elements = ElementsDto.From(latest.Stored.Elements, start, latest.Stored.Source);
        var sensorDto = new SensorDto(s.Name, s.MaxOffNadir.Degrees, s.SwathWidthKm, s.NadirGsdM);
        if (PropagationEndpoints.Usable(latest, start, end, out var failure) is not { } p)
        {
            return TypedResults.Ok(new AccessDto(sensorDto, Iso.Of(start), Iso.Of(end), [], Iso.Of(start), failure, elements));
        }

        var result = AccessFinder.Find(p, s, targets, start, end, PlanningEphemerides.Bundled, tables.EarthOrientation, options, cancellationToken);
        var windows = result.Windows.Select(AccessWindowDto.From).ToList();
        return TypedResults.Ok(new AccessDto(sensorDto, Iso.Of(start), Iso.Of(end), windows, Iso.Of(result.PropagationStoppedAt), result.PropagationError?.ToMessage(), elements));
    }

    internal static Ok<LookAnglesListDto> LookAngles(string? station, string? geoLongitudeDeg, string? norad, string? at, string? minElevationDeg,
        CatalogService catalog, ServerClock clock, ReferenceTables tables)
    {
        var site = Inputs.Station(station, "station", catalog.Sites());
        var now = clock.Now;
        var t = Inputs.Instant(at, "at", now, now);
        double minEl = Inputs.Number(minElevationDeg, "minElevationDeg", 0, -90, 90);
        var satellites = new List<(string Name, int? Norad, Vector3D? Itrf, ElementsDto? Elements, string? Error)>();
        foreach (var part in (geoLongitudeDeg ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            double lon = Inputs.Number(part, "geoLongitudeDeg", 0, -360, 360);
            satellites.Add((FormattableString.Invariant($"GEO {lon:0.###}°E"), null, Geostationary.ItrfPositionKm(Angle.FromDegrees(lon)), null, null));
        }

        if (!string.IsNullOrWhiteSpace(norad))
        {
            foreach (int n in Inputs.CatalogNumbers(norad, "norad", PassesEndpoints.MaxObjects))
            {
                var latest = catalog.Latest(n);
                var e = latest.Stored.Elements;
                var name = e.Name?.Trim() ?? n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var elements = ElementsDto.From(e, t, latest.Stored.Source);
                var r = PropagationEndpoints.Usable(latest, t, t, out var failure)?.Propagate(t);
                satellites.Add(r is { IsSuccess: true } ok
                    ? (name, n, ok.ToStateVector(t).To(Frame.Itrf, tables.EarthOrientation).PositionKm, elements, null)
                    : (name, n, null, elements, failure ?? r?.Message));
            }
        }

        if (satellites.Count == 0)
        {
            throw new ApiValidationException("geoLongitudeDeg", "give geoLongitudeDeg (e.g. 86.5,58.5 for KazSat-2 and KazSat-3) or norad");
        }

        var rows = satellites.Select(s =>
        {
            if (s.Itrf is not { } itrf)
            {
                return new LookAnglesDto(s.Name, s.Norad, null, null, null, null, null, false, s.Elements, s.Error);
            }

            var look = Geostationary.LookAngles(site.Location, itrf);
            return new LookAnglesDto(s.Name, s.Norad, Math.Round(Math.Atan2(itrf.Y, itrf.X) * 180 / Math.PI, 4), Math.Round(look.Azimuth.Degrees, 4),
                Math.Round(look.Elevation.Degrees, 4), Math.Round(look.RangeKm, 3), Math.Round(look.PolarizationSkew.Degrees, 4), look.Elevation.Degrees >= minEl, s.Elements);
        }).ToList();
        return TypedResults.Ok(new LookAnglesListDto(StationDto.From(site), Iso.Of(t), minEl, rows));
    }
}
