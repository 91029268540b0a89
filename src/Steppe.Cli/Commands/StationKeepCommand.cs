using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Steppe.Cli.Output;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics.Maneuvers;
using Steppe.Formats.Opm;
using Steppe.Planning;
using Steppe.Planning.Fleet;
using Steppe.Planning.Precise;
using Steppe.Planning.StationKeeping;

namespace Steppe.Cli.Commands;

/// <summary>How <c>steppe stationkeep</c> writes its plan.</summary>
public enum StationKeepFormat
{
    /// <summary>The burns and the budget as a table.</summary>
    Table,

    /// <summary>The plan as JSON (the API's shape).</summary>
    Json,

    /// <summary>The start state and the burns as an OPM with maneuver blocks (KVN).</summary>
    Opm,
}

/// <summary><c>steppe stationkeep</c>: a geostationary satellite's north/south and east/west station keeping for a span,
/// re-propagated to show it stays in its box.</summary>
internal static class StationKeepCommand
{
    /// <summary>The most track samples the JSON carries.</summary>
    public const int MaxTrackSamples = 2000;

    public static Command Create(CliContext context)
    {
        var satellite = new Argument<string>("satellite") { Description = "A geostationary satellite of the fleet: its id (kazsat-3), catalogue name or number." };
        var start = CommonOptions.InstantOption("--start", "Start of the plan (ISO 8601 UTC; default: today 00:00 UTC, or the OPM's epoch).", required: false, context.Time);
        var days = new Option<double>("--days") { Description = "Length of the plan, days (1 to 400).", DefaultValueFactory = _ => 365 };
        var box = new Option<double?>("--box-deg") { Description = "Half-width of the box in longitude and latitude, degrees (default: the slot's)." };
        var longitude = new Option<double?>("--longitude-deg") { Description = "The slot's east longitude, degrees (default: the fleet's)." };
        var mass = new Option<double?>("--mass-kg") { Description = "Mass, kg (default: the fleet's nominal)." };
        var area = new Option<double?>("--srp-area-m2") { Description = "Solar radiation pressure area, m²." };
        var cr = new Option<double?>("--cr") { Description = "Reflectivity coefficient C_R." };
        var propellant = new Option<double?>("--propellant-kg") { Description = "Propellant left, kg." };
        var isp = new Option<double?>("--isp-s") { Description = "Specific impulse of the station-keeping thrusters, s." };
        var opm = new Option<FileInfo?>("--opm") { Description = "Start from this OPM's state (and spacecraft) instead of the catalogue's latest element set." };
        var db = CatalogAccess.Db();
        var format = new Option<StationKeepFormat>("--format") { Description = "table, json or opm.", DefaultValueFactory = _ => StationKeepFormat.Table };
        var plot = new Option<FileInfo?>("--plot") { Description = "Draw the longitude/latitude in the box and the inclination and eccentricity vectors (.png or .svg)." };
        var colocate = new Option<string?>("--colocate") { Description = "Co-locate a second satellite in the same slot and box by e/i-vector separation: a fleet id, name or catalogue number (outside the fleet: the first's mass properties unless the --second-* options give them)." };
        var secondMass = new Option<double?>("--second-mass-kg") { Description = "The co-located satellite's mass, kg." };
        var secondArea = new Option<double?>("--second-srp-area-m2") { Description = "The co-located satellite's SRP area, m²." };
        var secondCr = new Option<double?>("--second-cr") { Description = "The co-located satellite's C_R." };
        var separation = new Option<double?>("--separation-km") { Description = "The e/i separation a·|δe| = a·|δi|, km (default 10.5; 2 to 25)." };

        var command = new Command("stationkeep", "Plan a year (or any span up to 400 days) of geostationary station keeping: north/south inclination control, east/west longitude control with sun-pointing-perigee eccentricity control, burns out of eclipse; the Δv budget, propellant and lifetime; the plan re-propagated with the numerical GEO model and checked against the box.")
        {
            satellite, start, days, box, longitude, mass, area, cr, propellant, isp, opm, db, format, plot, colocate, secondMass, secondArea, secondCr, separation,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var fleet = FleetRegistry.Find(parse.GetValue(satellite) ?? string.Empty)
                ?? throw new CliException(ExitCodes.Usage, $"'{parse.GetValue(satellite)}' is not a satellite of the fleet ({string.Join(", ", FleetRegistry.All.Select(s => s.Id))})");
            if (fleet.Slot is not { } slot)
            {
                throw new CliException(ExitCodes.Usage, $"{fleet.Id} is not geostationary; station keeping plans a geostationary slot");
            }

            double spanDays = parse.GetValue(days);
            if (!(spanDays >= 1 && spanDays <= 400))
            {
                throw new CliException(ExitCodes.Usage, $"--days: expected 1 to 400, found {spanDays.ToString(CultureInfo.InvariantCulture)}");
            }

            if (parse.GetValue(box) is { } boxDeg)
            {
                if (!(boxDeg > 0 && boxDeg <= 5))
                {
                    throw new CliException(ExitCodes.Usage, $"--box-deg: expected a half-width in (0°, 5°], found {boxDeg.ToString(CultureInfo.InvariantCulture)}");
                }

                slot = slot with { LongitudeHalfWidth = Angle.FromDegrees(boxDeg), LatitudeHalfWidth = Angle.FromDegrees(boxDeg) };
            }

            if (parse.GetValue(longitude) is { } lon)
            {
                if (!(lon >= -180 && lon <= 360))
                {
                    throw new CliException(ExitCodes.Usage, $"--longitude-deg: expected −180 to 360, found {lon.ToString(CultureInfo.InvariantCulture)}");
                }

                slot = slot with { Longitude = Angle.FromDegrees(lon) };
            }

            var craft = fleet.Spacecraft;
            craft = craft with
            {
                MassKg = Positive(parse.GetValue(mass), "--mass-kg") ?? craft.MassKg,
                SrpAreaM2 = NonNegative(parse.GetValue(area), "--srp-area-m2") ?? craft.SrpAreaM2,
                ReflectivityCoefficient = NonNegative(parse.GetValue(cr), "--cr") ?? craft.ReflectivityCoefficient,
            };
            var propulsion = fleet.Propulsion with
            {
                PropellantKg = NonNegative(parse.GetValue(propellant), "--propellant-kg") ?? fleet.Propulsion.PropellantKg,
                SpecificImpulseSeconds = Positive(parse.GetValue(isp), "--isp-s") ?? fleet.Propulsion.SpecificImpulseSeconds,
            };

            if (parse.GetValue(colocate) is not null && (parse.GetValue(plot) is not null || parse.GetValue(format) == StationKeepFormat.Opm))
            {
                throw new CliException(ExitCodes.Usage, "--colocate: the pair is written as a table or JSON (--format opm and --plot draw one satellite)");
            }

            if (parse.GetValue(plot) is { } plotTarget)
            {
                StationKeepingPlotOutput.Check(plotTarget);
            }

            var tables = context.Tables;
            var eop = tables.EarthOrientation;
            var warnings = new List<string>();
            Steppe.Core.Frames.StateVector initial;
            bool nominal = false;
            if (parse.GetValue(opm) is { } file)
            {
                PreciseInitialConditions conditions;
                try
                {
                    conditions = OpmInput.Resolve(OpmInput.Parse(PreciseCommandSupport.ReadText(file), file.Name), file.Name, eop,
                        new SpacecraftOverrides(parse.GetValue(mass), null, null, parse.GetValue(area), parse.GetValue(cr)));
                }
                catch (PreciseInputException e)
                {
                    throw new CliException(ExitCodes.BadInput, e.Message);
                }

                if (parse.GetResult(start) is not null && parse.GetValue(start) != conditions.InitialState.Epoch)
                {
                    throw new CliException(ExitCodes.Usage, "--start: the plan starts at the OPM's epoch; leave --start out with --opm");
                }

                initial = conditions.InitialState;
                craft = conditions.Spacecraft;
            }
            else
            {
                var at = parse.GetResult(start) is null ? Today(context) : parse.GetValue(start);
                var latest = LatestElements(parse.GetValue(db), fleet.NoradId, context);
                if (latest is null)
                {
                    initial = StationKeepingStart.Nominal(slot, at, eop);
                    nominal = true;
                    warnings.Add($"the catalogue has no element set for {fleet.NoradId}: the plan starts from the slot's nominal orbit");
                }
                else
                {
                    var (state, warning) = StationKeepingStart.FromElements(latest, slot, at, eop);
                    initial = state;
                    if (warning is not null)
                    {
                        // Every warning of FromElements means the nominal orbit.
                        warnings.Add(warning);
                        nominal = true;
                    }
                }
            }

            var end = initial.Epoch.AddDays(spanDays);
            context.WarnAboutData(initial.Epoch, end);
            foreach (var w in warnings)
            {
                context.Error.WriteLine("steppe: warning: " + w);
            }

            if (parse.GetValue(colocate) is { } secondId)
            {
                return Task.FromResult(Colocate(new StationKeepingRequest(slot, initial, craft, propulsion, end), fleet, secondId,
                    Positive(parse.GetValue(secondMass), "--second-mass-kg"), NonNegative(parse.GetValue(secondArea), "--second-srp-area-m2"),
                    NonNegative(parse.GetValue(secondCr), "--second-cr"), parse.GetValue(separation), nominal, parse.GetValue(format), warnings, context, cancellationToken));
            }

            StationKeepingPlan plan;
            try
            {
                plan = StationKeepingPlanner.Plan(new StationKeepingRequest(slot, initial, craft, propulsion, end), tables, PlanningEphemerides.Bundled, cancellationToken);
            }
            catch (ArgumentException e)
            {
                throw new CliException(ExitCodes.BadInput, e.Message);
            }

            foreach (var note in plan.Notes)
            {
                context.Error.WriteLine("steppe: note: " + note);
            }

            if (parse.GetValue(plot) is { } plotFile)
            {
                StationKeepingPlotOutput.Save(plan, fleet.Name, plotFile);
                context.Error.WriteLine($"plot written to {plotFile.Name}");
            }

            switch (parse.GetValue(format))
            {
                case StationKeepFormat.Json:
                    var report = StationKeepingReport.From(plan, fleet.Name, eop.LeapSeconds, MaxTrackSamples, warnings);
                    context.Out.WriteLine(JsonSerializer.Serialize(report, JsonOptions));
                    break;
                case StationKeepFormat.Opm:
                    context.Out.Write(OpmWriter.WriteKvn(Opm(plan, fleet, initial, craft, propulsion)));
                    break;
                default:
                    WriteTable(plan, fleet.Name, context);
                    break;
            }

            return Task.FromResult(plan.InBox ? ExitCodes.Ok : ExitCodes.PropagationFailure);
        });
        return command;
    }

    /// <summary>The separation the pair is planned with by default, km (a·2.5 × 10⁻⁴).</summary>
    public const double DefaultSeparationKm = 10.5;

    private static int Colocate(StationKeepingRequest first, FleetSatellite fleet, string secondId, double? massKg, double? areaM2, double? cr, double? separationKm,
        bool nominal, StationKeepFormat format, List<string> warnings, CliContext context, CancellationToken cancellationToken)
    {
        var secondFleet = FleetRegistry.Find(secondId);
        string secondName;
        Steppe.Dynamics.Spacecraft secondCraft;
        Propulsion secondPropulsion;
        if (secondFleet is not null)
        {
            if (secondFleet.Id == fleet.Id)
            {
                throw new CliException(ExitCodes.Usage, "--colocate: the second satellite must be another than the first");
            }

            secondName = secondFleet.Name;
            secondCraft = secondFleet.Spacecraft;
            secondPropulsion = secondFleet.Propulsion;
        }
        else if (int.TryParse(secondId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number > 0)
        {
            secondName = number.ToString(CultureInfo.InvariantCulture);
            secondCraft = first.Spacecraft;
            secondPropulsion = first.Propulsion;
            if (massKg is null && areaM2 is null && cr is null)
            {
                warnings.Add($"{secondName} is not in the fleet: its mass properties are taken as {fleet.Name}'s");
                context.Error.WriteLine("steppe: warning: " + warnings[^1]);
            }
        }
        else
        {
            throw new CliException(ExitCodes.Usage, $"--colocate: '{secondId}' is neither a satellite of the fleet nor a catalogue number");
        }

        secondCraft = secondCraft with
        {
            MassKg = massKg ?? secondCraft.MassKg,
            SrpAreaM2 = areaM2 ?? secondCraft.SrpAreaM2,
            ReflectivityCoefficient = cr ?? secondCraft.ReflectivityCoefficient,
        };
        double km = separationKm ?? DefaultSeparationKm;
        if (!(km >= 2 && km <= 25))
        {
            throw new CliException(ExitCodes.Usage, $"--separation-km: expected 2 to 25, found {km.ToString(CultureInfo.InvariantCulture)}");
        }

        double delta = km / GeoClosedForm.SynchronousRadiusKm(Steppe.Dynamics.Forces.Gravity.BundledGravityFields.Egm2008.GmKm3PerS2);
        ColocationPlan pair;
        try
        {
            pair = ColocationPlanner.Plan(new ColocationRequest(first, secondCraft, secondPropulsion) { EccentricitySeparation = delta, InclinationSeparationRad = delta, StartOnControlCircle = nominal },
                context.Tables, PlanningEphemerides.Bundled, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message);
        }

        var leap = context.Tables.EarthOrientation.LeapSeconds;
        switch (format)
        {
            case StationKeepFormat.Json:
                var report = StationKeepingReport.From(pair, fleet.Name, secondName, leap, MaxTrackSamples, warnings);
                context.Out.WriteLine(JsonSerializer.Serialize(report, JsonOptions));
                break;
            default:
                WriteTable(pair.First, fleet.Name, context);
                context.Out.WriteLine();
                WriteTable(pair.Second, secondName, context);
                context.Out.WriteLine();
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Co-location ({pair.Strategy}, a·|δe| = a·|δi| = {km:0.0} km): minimum separation {pair.MinimumSeparationKm:0.000} km at {pair.MinimumAt.ToIsoString(0, leap)} "
                    + $"(least daily a·min(|δe|, |δi|) {pair.EstimatedMinimumKm:0.000} km, largest δe–δi angle {pair.MaxAngleDeg:0.0}°); "
                    + $"extra Δv over each alone: {fleet.Name} {pair.FirstExtraMpsPerYear:0.000} m/s/year, {secondName} {pair.SecondExtraMpsPerYear:0.000} m/s/year."));
                break;
        }

        return pair.First.InBox && pair.Second.InBox ? ExitCodes.Ok : ExitCodes.PropagationFailure;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static Instant Today(CliContext context)
    {
        var now = context.Time.GetUtcNow().UtcDateTime;
        return Instant.FromUtc(now.Year, now.Month, now.Day);
    }

    private static Steppe.Core.Orbits.MeanElements? LatestElements(string? db, int norad, CliContext context)
    {
        try
        {
            using var store = CatalogAccess.Open(db, context);
            return store.LatestElements(norad)?.Elements;
        }
        catch (CliException)
        {
            return null;
        }
    }

    private static double? Positive(double? value, string name) => value is { } v && !(v > 0 && double.IsFinite(v))
        ? throw new CliException(ExitCodes.Usage, $"{name}: expected a positive number, found {v.ToString(CultureInfo.InvariantCulture)}")
        : value;

    private static double? NonNegative(double? value, string name) => value is { } v && !(v >= 0 && double.IsFinite(v))
        ? throw new CliException(ExitCodes.Usage, $"{name}: expected zero or more, found {v.ToString(CultureInfo.InvariantCulture)}")
        : value;

    private static void WriteTable(StationKeepingPlan plan, string name, CliContext context)
    {
        var b = plan.Budget;
        var c = plan.ClosedForm;
        string caption = string.Create(CultureInfo.InvariantCulture,
            $"{name} at {plan.Slot.Longitude.Degrees:0.###}° E, box ±{plan.Slot.LongitudeHalfWidth.Degrees:0.###}° (longitude) × ±{plan.Slot.LatitudeHalfWidth.Degrees:0.###}° (latitude). "
            + $"Δv per year: north/south {b.NorthSouthMpsPerYear:0.00} m/s (handbook {c.NorthSouthMpsPerYear:0.00}), east/west {b.EastWestMpsPerYear:0.000} m/s (handbook {c.EastWestMpsPerYear:0.000}), total {b.TotalMpsPerYear:0.00} m/s; "
            + $"propellant {b.PropellantKgPerYear:0.00} kg/year, lifetime {(double.IsFinite(b.RemainingLifetimeYears) ? b.RemainingLifetimeYears.ToString("0.0", CultureInfo.InvariantCulture) : "unlimited")} years. "
            + $"λ̈ {c.LongitudeAccelerationDegPerDay2:0.000e+0} °/day², di/dt {c.InclinationDriftDegPerYear:0.000} °/year. "
            + $"Re-propagated ({plan.ForceModel}): max |Δλ| {plan.MaxLongitudeOffsetDeg:0.0000}°, max |φ| {plan.MaxLatitudeDeg:0.0000}°, {(plan.InBox ? "inside the box" : "OUTSIDE the box")}{(plan.EntersBoxAt is { } entry && entry > plan.Start ? " from the re-entry at " + entry.ToIsoString(0, context.Tables.EarthOrientation.LeapSeconds) : "")}. Times UTC; Δv in VNC axes (east = along the velocity).");
        var table = new ResultTable(Columns, caption);
        foreach (var burn in plan.Burns)
        {
            table.Add(burn.Time, burn.Kind == StationKeepingBurnKind.NorthSouth ? "north-south" : "east-west", burn.Direction, burn.DeltaVMps, burn.Cycle);
        }

        table.Write(OutputFormat.Table, context);
    }

    private static readonly Column[] Columns =
    [
        new("time_utc", "time (UTC)"),
        new("kind", "kind"),
        new("direction", "direction"),
        new("delta_v_mps", "Δv (m/s)", "0.0000"),
        new("cycle", "cycle"),
    ];

    /// <summary>The start state and the burns as an OPM: maneuver blocks in TNW (T along the velocity, W along the
    /// angular momentum), the mass each spends by the rocket equation.</summary>
    private static OpmMessage Opm(StationKeepingPlan plan, FleetSatellite fleet, Steppe.Core.Frames.StateVector initial, Steppe.Dynamics.Spacecraft craft, Propulsion propulsion)
    {
        double massKg = craft.MassKg;
        var maneuvers = new List<OpmManeuver>();
        foreach (var burn in plan.Burns)
        {
            double after = propulsion.SpecificImpulseSeconds > 0 ? RocketEquation.FinalMassKg(massKg, burn.DeltaVVncKmPerS.Length, propulsion.SpecificImpulseSeconds) : massKg;
            var v = burn.DeltaVVncKmPerS;
            maneuvers.Add(new OpmManeuver(burn.Time, TimeSpan.Zero, after - massKg, "TNW", new Vector3D(v.X, -v.Z, v.Y)));
            massKg = after;
        }

        return new OpmMessage
        {
            CreationDate = plan.Start,
            Originator = "STEPPE",
            Metadata = new OpmMetadata(fleet.Name, fleet.NoradId.ToString(CultureInfo.InvariantCulture), "EARTH", "GCRF", "UTC"),
            State = new OpmStateVector(initial.Epoch, initial.PositionKm, initial.VelocityKmPerS),
            Spacecraft = new OpmSpacecraftParameters(craft.MassKg, craft.SrpAreaM2, craft.ReflectivityCoefficient, null, null),
            Maneuvers = maneuvers,
        };
    }
}
