using System.CommandLine;
using System.Globalization;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning.LaunchWindows;

namespace Steppe.Cli.Commands;

/// <summary>
/// The options <c>launch-window</c> and <c>rendezvous</c> share (site, target, span, ascent, allowed plane change), and
/// their translation into the planning inputs, so that both verbs read them the same way.
/// </summary>
internal sealed class LaunchPlanningInputs
{
    private readonly bool _requireElements;

    public LaunchPlanningInputs(bool requireElements, TimeProvider time)
    {
        _requireElements = requireElements;
        Elements = CommonOptions.Elements(required: false);
        Epoch = new("--epoch")
        {
            Description = "Epoch of --raan (ISO 8601 UTC).",
            CustomParser = r => CommonOptions.ParseInstant(r, time),
        };
        From = CommonOptions.InstantOption("--from", "Start of the span (ISO 8601 UTC); default: the element epoch or --epoch.", required: false, time);
    }

    public Option<string> Site { get; } = CommonOptions.Site();

    public Option<int?> Target { get; } = CommonOptions.Target();

    public Option<FileInfo> Elements { get; }

    public Option<bool> Lenient { get; } = CommonOptions.LenientChecksums();

    public Option<double?> Inclination { get; } = new("--inclination") { Description = "Target inclination, degrees (instead of --target)." };

    public Option<double?> Raan { get; } = new("--raan") { Description = "Target right ascension of the ascending node at --epoch, degrees (TEME, as in element sets)." };

    public Option<Instant?> Epoch { get; }

    public Option<double> AltitudeKm { get; } = new("--altitude-km")
    {
        Description = "Altitude of a target given by --inclination/--raan (for its J2 node regression), km.",
        DefaultValueFactory = _ => 415.0,
    };

    public Option<Instant> From { get; }

    public Option<double> Days { get; } = CommonOptions.Days(7);

    public Option<double> AscentMinutes { get; } = new("--ascent-minutes")
    {
        Description = "Time from lift-off to orbit insertion, minutes (the default is Soyuz-2.1a's).",
        DefaultValueFactory = _ => Math.Round(AscentProfile.SoyuzToLowOrbit.Duration.TotalMinutes, 6),
    };

    public Option<double> DownrangeDeg { get; } = new("--downrange-deg")
    {
        Description = "Insertion point: central angle from the pad along the plane, degrees.",
        DefaultValueFactory = _ => Math.Round(AscentProfile.SoyuzToLowOrbit.DownrangeAngle.Degrees, 6),
    };

    public Option<double?> InsertionLatitude { get; } = new("--insertion-latitude") { Description = "Insertion point: geodetic latitude, degrees (instead of --downrange-deg)." };

    public Option<double> InsertionAltitudeKm { get; } = new("--insertion-altitude-km")
    {
        Description = "Insertion altitude, km.",
        DefaultValueFactory = _ => AscentProfile.SoyuzToLowOrbit.InsertionAltitudeKm,
    };

    public Option<double?> MaxYaw { get; } = new("--max-yaw") { Description = "Largest plane change the ascent may make good by yaw steering, degrees: opens a window around each in-plane instant." };

    public Option<double?> MaxPlaneChangeDv { get; } = new("--max-plane-change-dv") { Description = "Largest plane-change Δv at insertion, km/s (converted to an angle at the insertion speed)." };

    /// <summary>The catalog whose launch sites <c>--site</c> names (the bundled sites without it), and whose latest
    /// elements of <c>--target</c> are used when <c>--elements</c> is not given.</summary>
    public Option<string?> Db { get; } = CatalogAccess.Db();

    public IEnumerable<Option> All =>
    [
        Site, Db, Target, Elements, Lenient, Inclination, Raan, Epoch, AltitudeKm, From, Days, AscentMinutes, DownrangeDeg,
        InsertionLatitude, InsertionAltitudeKm, MaxYaw, MaxPlaneChangeDv,
    ];

    /// <summary>The site, target plane, span and options of a parsed command line.</summary>
    public (LaunchSite Site, TargetPlane Plane, Instant From, Instant To, LaunchWindowOptions Options) Read(ParseResult parse, CliContext context)
    {
        var site = SiteResolver.Resolve(parse.GetValue(Site)!, context, parse.GetValue(Db));
        double days = parse.GetValue(Days);
        if (!(days > 0 && days <= 366))
        {
            throw new CliException(ExitCodes.Usage, $"--days: expected a number of days in (0, 366], found {days.ToString(CultureInfo.InvariantCulture)}");
        }

        var ascent = ReadAscent(parse);
        var options = new LaunchWindowOptions { Ascent = ascent, MaxPlaneChange = ReadPlaneChange(parse, ascent) };

        int? norad = parse.GetValue(Target);
        double? incl = parse.GetValue(Inclination);
        var file = parse.GetValue(Elements);
        if (norad is not null && incl is not null)
        {
            throw new CliException(ExitCodes.Usage, "give either --target (with --elements) or --inclination/--raan/--epoch, not both");
        }

        if (norad is null && (incl is null || _requireElements))
        {
            throw new CliException(ExitCodes.Usage, _requireElements
                ? "--target NORAD with --elements FILE is required (the target's position along its orbit is needed)"
                : "give the target: --target NORAD with --elements FILE, or --inclination DEG --raan DEG --epoch ISO");
        }

        TargetPlane plane;
        Instant from, to;
        try
        {
            if (norad is int id)
            {
                var db = parse.GetValue(Db);
                if (file is null && db is null)
                {
                    throw new CliException(ExitCodes.Usage, "--target needs --elements FILE (an element set file holding the target) or --db (the catalog's latest elements)");
                }

                var elements = file is not null
                    ? ElementSource.Load(file, [id], parse.GetValue(Lenient), context).First(e => e.CatalogNumber == id)
                    : LatestFromCatalog(db!, id, context);
                from = parse.GetResult(From) is null ? elements.Epoch : parse.GetValue(From);
                to = from.AddDays(days);
                double age = Math.Max(Math.Abs(from.DaysSince(elements.Epoch)), Math.Abs(to.DaysSince(elements.Epoch)));
                if (age > 14)
                {
                    context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"steppe: warning: the element set of {id} (epoch {elements.Epoch.ToIsoString(0)}) is up to {age:0.#} days from the span; the plane and the target's position degrade with age"));
                }

                plane = TargetPlane.FromElements(elements, from, to + ascent.Duration);
            }
            else
            {
                double? raan = parse.GetValue(Raan);
                Instant? epoch = parse.GetValue(Epoch);
                if (raan is null || epoch is null)
                {
                    throw new CliException(ExitCodes.Usage, "--inclination needs --raan DEG and --epoch ISO as well");
                }

                double inclination = incl ?? double.NaN;
                if (!(inclination >= 0 && inclination <= 180))
                {
                    throw new CliException(ExitCodes.Usage, $"--inclination: expected degrees in [0, 180], found {inclination.ToString(CultureInfo.InvariantCulture)}");
                }

                double altitude = parse.GetValue(AltitudeKm);
                if (!(altitude > 0 && altitude < 1_000_000))
                {
                    throw new CliException(ExitCodes.Usage, $"--altitude-km: expected a positive altitude, found {altitude.ToString(CultureInfo.InvariantCulture)}");
                }

                plane = TargetPlane.FromNode(Angle.FromDegrees(inclination), Angle.FromDegrees(raan.Value), epoch.Value, altitude);
                from = parse.GetResult(From) is null ? epoch.Value : parse.GetValue(From);
                to = from.AddDays(days);
            }
        }
        catch (LaunchWindowException e)
        {
            throw ToCli(e);
        }

        return (site, plane, from, to, options);
    }

    private static MeanElements LatestFromCatalog(string db, int id, CliContext context)
    {
        using var store = CatalogAccess.Open(db, context);
        return store.LatestElements(id)?.Elements ?? throw new CliException(ExitCodes.BadInput, $"the catalog: no element set for catalog number {id}");
    }

    /// <summary>The CLI failure for a planning failure.</summary>
    public static CliException ToCli(LaunchWindowException e) => new(
        e.Error switch
        {
            LaunchWindowError.TargetDecayed or LaunchWindowError.InvalidTargetElements => ExitCodes.PropagationFailure,
            _ => ExitCodes.BadInput,
        },
        e.Message);

    private AscentProfile ReadAscent(ParseResult parse)
    {
        double minutes = parse.GetValue(AscentMinutes);
        double downrange = parse.GetValue(DownrangeDeg);
        double? insertionLatitude = parse.GetValue(InsertionLatitude);
        double altitude = parse.GetValue(InsertionAltitudeKm);
        if (!(minutes >= 0 && minutes <= 360))
        {
            throw new CliException(ExitCodes.Usage, $"--ascent-minutes: expected minutes in [0, 360], found {minutes.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!(downrange >= 0 && downrange < 180))
        {
            throw new CliException(ExitCodes.Usage, $"--downrange-deg: expected degrees in [0, 180), found {downrange.ToString(CultureInfo.InvariantCulture)}");
        }

        if (insertionLatitude is double lat && !(Math.Abs(lat) <= 90))
        {
            throw new CliException(ExitCodes.Usage, $"--insertion-latitude: expected degrees within ±90, found {lat.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!(altitude > 0 && altitude < 100_000))
        {
            throw new CliException(ExitCodes.Usage, $"--insertion-altitude-km: expected a positive altitude, found {altitude.ToString(CultureInfo.InvariantCulture)}");
        }

        return new AscentProfile
        {
            Duration = TimeSpan.FromSeconds(Math.Round(minutes * 60, 3)),
            DownrangeAngle = Angle.FromDegrees(downrange),
            InsertionLatitude = insertionLatitude is double l ? Angle.FromDegrees(l) : null,
            InsertionAltitudeKm = altitude,
        };
    }

    private Angle ReadPlaneChange(ParseResult parse, AscentProfile ascent)
    {
        double? yaw = parse.GetValue(MaxYaw);
        double? dv = parse.GetValue(MaxPlaneChangeDv);
        if (yaw is not null && dv is not null)
        {
            throw new CliException(ExitCodes.Usage, "give --max-yaw or --max-plane-change-dv, not both");
        }

        if (yaw is double y)
        {
            if (!(y >= 0 && y < 90))
            {
                throw new CliException(ExitCodes.Usage, $"--max-yaw: expected degrees in [0, 90), found {y.ToString(CultureInfo.InvariantCulture)}");
            }

            return Angle.FromDegrees(y);
        }

        if (dv is double d)
        {
            double speed = Math.Sqrt(Steppe.Core.Geodesy.Wgs84.GravitationalParameterKm3PerS2 / (Steppe.Core.Geodesy.Wgs84.EquatorialRadiusKm + ascent.InsertionAltitudeKm));
            if (!(d >= 0 && d < speed))
            {
                throw new CliException(ExitCodes.Usage, $"--max-plane-change-dv: expected km/s in [0, {speed.ToString("0.00", CultureInfo.InvariantCulture)}), found {d.ToString(CultureInfo.InvariantCulture)}");
            }

            return LaunchWindowOptions.PlaneChangeForDeltaV(d, speed);
        }

        return Angle.Zero;
    }
}
