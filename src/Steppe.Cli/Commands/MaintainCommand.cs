using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Steppe.Cli.Output;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces.Atmosphere;
using Steppe.Formats.Opm;
using Steppe.Planning.Fleet;
using Steppe.Planning.Maintenance;
using Steppe.Planning.Precise;
using Steppe.Plots;

namespace Steppe.Cli.Commands;

/// <summary>The outputs of <c>steppe maintain</c>.</summary>
public enum MaintainFormat
{
    /// <summary>Tables for people.</summary>
    Table,

    /// <summary>The report as JSON (the API's shape).</summary>
    Json,

    /// <summary>The initial state and the burns as a CCSDS OPM (KVN).</summary>
    Opm,
}

/// <summary><c>steppe maintain</c>: a low-orbit satellite's mean-altitude band held against drag for a span — the make-up
/// burns, the Δv and propellant budget, the natural decay and the plan flown by the numerical propagator.</summary>
internal static class MaintainCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var satellite = new Argument<string>("satellite") { Description = "The fleet satellite (id, name or catalogue number), e.g. kazeosat-2." };
        var input = new ElementInput();
        var start = CommonOptions.InstantOption("--start", "Start of the span (ISO 8601 UTC, or 'now'; default now). The orbit there comes from the latest element set by SGP4.", required: false, context.Time);
        var days = new Option<double>("--days") { Description = "Length of the span, days (at most 400; default 365).", DefaultValueFactory = _ => 365 };
        var minAltitude = new Option<double?>("--min-altitude-km") { Description = "Lower edge of the mean-altitude band, km (default: the fleet's)." };
        var maxAltitude = new Option<double?>("--max-altitude-km") { Description = "Upper edge of the band, km (default: the fleet's)." };
        var ltan = new Option<string?>("--ltan") { Description = "Local time of the ascending node to check, HH:MM (default: the fleet's, if any)." };
        var ltanTolerance = new Option<double?>("--ltan-tolerance-min") { Description = "Tolerance on it, minutes (default: the fleet's, or 15)." };
        var mass = new Option<double?>("--mass-kg") { Description = "Wet mass, kg (default: the fleet's)." };
        var dragArea = new Option<double?>("--drag-area-m2") { Description = "Drag area, m² (default: the fleet's)." };
        var cd = new Option<double?>("--cd") { Description = "Drag coefficient (default: the fleet's)." };
        var propellant = new Option<double?>("--propellant-kg") { Description = "Propellant on board, kg (default: the fleet's)." };
        var isp = new Option<double?>("--isp-s") { Description = "Specific impulse, s (default: the fleet's)." };
        var guard = new Option<double>("--guard-km") { Description = "Guard inside each edge of the band, km (default 0.1).", DefaultValueFactory = _ => MaintenanceOptions.Default.GuardKm };
        var noFly = new Option<bool>("--no-fly") { Description = "Plan only (orbit-averaged); skip the numerical propagation of the plan (a year takes 10–20 s)." };
        var format = new Option<MaintainFormat>("--format") { Description = "Output: table, json (the API's report) or opm (the initial state and the burns).", DefaultValueFactory = _ => MaintainFormat.Table };
        var plot = PrecisePlotOutput.Option();
        plot.Description = "Also draw the mean altitude in its band (burns marked) and the node's local time to a .png or .svg file.";
        var lenient = CommonOptions.LenientChecksums();

        var command = new Command("maintain", "Low-orbit maintenance: hold a fleet satellite's mean-altitude band against drag (NRLMSISE-00 with the space weather in use), plan the make-up burn pairs, the yearly Δv and propellant, predict the natural decay, and fly the plan numerically.")
        {
            satellite, input.Elements, input.Db, start, days, minAltitude, maxAltitude, ltan, ltanTolerance, mass, dragArea, cd, propellant, isp, guard, noFly, format, plot, lenient,
        };
        command.SetAction(parse =>
        {
            var sat = FleetRegistry.Find(parse.GetValue(satellite) ?? string.Empty)
                ?? throw new CliException(ExitCodes.Usage, $"no fleet satellite '{parse.GetValue(satellite)}'; the fleet: {string.Join(", ", FleetRegistry.All.Select(s => s.Id))}");
            if (sat.Band is not { } fleetBand)
            {
                throw new CliException(ExitCodes.Usage, $"{sat.Id} is kept in a geostationary slot, not a low-orbit band (see steppe stationkeep)");
            }

            double spanDays = parse.GetValue(days);
            if (!(spanDays > 0 && spanDays <= MaintenancePlanner.MaximumSpan.TotalDays))
            {
                throw new CliException(ExitCodes.Usage, $"--days: expected more than 0 and at most {MaintenancePlanner.MaximumSpan.TotalDays:0}, found {spanDays.ToString(CultureInfo.InvariantCulture)}");
            }

            var band = fleetBand with
            {
                MinAltitudeKm = parse.GetValue(minAltitude) ?? fleetBand.MinAltitudeKm,
                MaxAltitudeKm = parse.GetValue(maxAltitude) ?? fleetBand.MaxAltitudeKm,
            };
            if (parse.GetValue(ltan) is { } ltanText)
            {
                if (!TimeSpan.TryParseExact(ltanText.Trim(), @"h\:mm", CultureInfo.InvariantCulture, out var node) || node >= TimeSpan.FromDays(1))
                {
                    throw new CliException(ExitCodes.Usage, $"--ltan: expected HH:MM, found '{ltanText}'");
                }

                band = band with { LocalTimeOfAscendingNode = node, LocalTimeTolerance = band.LocalTimeTolerance > TimeSpan.Zero ? band.LocalTimeTolerance : TimeSpan.FromMinutes(15) };
            }

            if (parse.GetValue(ltanTolerance) is { } tolerance)
            {
                if (!(tolerance > 0 && tolerance < 720))
                {
                    throw new CliException(ExitCodes.Usage, $"--ltan-tolerance-min: expected more than 0 and under 720, found {tolerance.ToString(CultureInfo.InvariantCulture)}");
                }

                band = band with { LocalTimeTolerance = TimeSpan.FromMinutes(tolerance) };
            }

            var craft = sat.Spacecraft with
            {
                MassKg = parse.GetValue(mass) ?? sat.Spacecraft.MassKg,
                DragAreaM2 = parse.GetValue(dragArea) ?? sat.Spacecraft.DragAreaM2,
                DragCoefficient = parse.GetValue(cd) ?? sat.Spacecraft.DragCoefficient,
            };
            var propulsion = sat.Propulsion with
            {
                PropellantKg = parse.GetValue(propellant) ?? sat.Propulsion.PropellantKg,
                SpecificImpulseSeconds = parse.GetValue(isp) ?? sat.Propulsion.SpecificImpulseSeconds,
            };
            var options = MaintenanceOptions.Default with { GuardKm = parse.GetValue(guard) };
            var from = parse.GetResult(start) is null ? Instant.FromDateTimeOffset(context.Time.GetUtcNow()) : parse.GetValue(start);
            var end = from.AddDays(spanDays);
            var elements = input.Load(parse, [sat.NoradId], parse.GetValue(lenient), context).SingleOrDefault()
                ?? throw new CliException(ExitCodes.BadInput, $"no element set for {sat.Name} (NORAD {sat.NoradId})");
            context.WarnAboutData(from, end);
            var tables = new PreciseTables(context.Tables, Planning.PlanningEphemerides.Bundled);
            MaintenancePlan plan;
            MaintenanceFlight? flight = null;
            try
            {
                var initial = MaintenanceReport.InitialState(elements, from, context.Tables.EarthOrientation);
                plan = MaintenancePlanner.Plan(initial, end, band, craft, propulsion, tables, options: options);
                if (!parse.GetValue(noFly))
                {
                    flight = MaintenancePlanner.Fly(plan, craft, propulsion, tables, options: options);
                }
            }
            catch (SpaceWeatherUnavailableException e)
            {
                throw new CliException(ExitCodes.BadInput, e.Message);
            }
            catch (ArgumentException e)
            {
                throw new CliException(ExitCodes.Usage, PreciseCommandSupport.FirstLine(e.Message));
            }

            if (parse.GetValue(plot) is { } file)
            {
                try
                {
                    if (string.Equals(file.Extension, ".svg", StringComparison.OrdinalIgnoreCase))
                    {
                        MaintenancePlot.SaveSvg(plan, flight, file.FullName);
                    }
                    else
                    {
                        MaintenancePlot.SavePng(plan, flight, file.FullName);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliException(ExitCodes.BadInput, $"--plot: {file.Name}: {e.Message}");
                }

                context.Error.WriteLine($"steppe: plot written to {file.Name}");
            }

            var leap = context.Tables.LeapSeconds;
            var report = MaintenanceReport.From(sat.Id, plan, flight, leap).WithElementSet(elements, from, leap);
            switch (parse.GetValue(format))
            {
                case MaintainFormat.Json:
                    context.Out.WriteLine(JsonSerializer.Serialize(report, Json));
                    break;
                case MaintainFormat.Opm:
                    var opm = MaintenanceReport.ToOpm(sat.Name, elements.InternationalDesignator ?? sat.NoradId.ToString(CultureInfo.InvariantCulture), plan, flight, craft, propulsion.SpecificImpulseSeconds,
                        Instant.FromDateTimeOffset(context.Time.GetUtcNow()));
                    context.Out.Write(OpmWriter.WriteKvn(opm));
                    break;
                default:
                    WriteTables(context, sat, plan, flight, report);
                    break;
            }

            return flight is { InBand: false } ? ExitCodes.PropagationFailure : ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteTables(CliContext context, FleetSatellite sat, MaintenancePlan plan, MaintenanceFlight? flight, MaintenanceReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        var summary = new ResultTable([new("quantity", "quantity"), new("value", "value")],
            $"{sat.Name} (NORAD {sat.NoradId}): mean altitude = revolution-averaged osculating semi-major axis − 6378.137 km; "
            + (flight is null ? "orbit-averaged plan, not flown (--no-fly)." : $"flown by the numerical propagator: {flight.ForceModel}; {flight.Integration}."));
        void Row(string q, string v) => summary.Add(q, v);
        Row("span", $"{report.Start} → {report.End}");
        Row("band (km)", string.Create(inv, $"{plan.MinAltitudeKm:0.###}–{plan.MaxAltitudeKm:0.###}"));
        if (report.ElementSet is { } set)
        {
            Row("element set (epoch, age at start)", string.Create(inv, $"{set.Epoch}, {set.AgeAtStartDays:0.0} days"));
        }

        Row("mean altitude at start (km)", plan.NaturalDecay.InitialMeanAltitudeKm.ToString("0.000", inv));
        Row("natural decay (m/day, first 30 days)", (plan.NaturalDecay.DecayKmPerDay * 1000).ToString("0.00", inv));
        Row("leaves band without burns", plan.NaturalDecay.LeavesBandAt is { } at ? report.NaturalDecay.LeavesBandAt! : "not within the horizon");
        Row("burn pairs in span", report.Burns.Count(b => b.Kind == "raise-1").ToString(inv));
        if (report.Burns.Any(b => b.Kind == "inclination"))
        {
            Row("inclination burns in span", report.Burns.Count(b => b.Kind == "inclination").ToString(inv));
        }
        Row("Δv of the burns (m/s)", report.Budget.PlannedDeltaVMps.ToString("0.000", inv));
        Row("Δv per year (m/s)", plan.Budget.DeltaVMpsPerYear.ToString("0.000", inv));
        Row("propellant per year (kg)", plan.Budget.PropellantKgPerYear.ToString("0.000", inv));
        Row("propellant lasts (years)", plan.Budget.RemainingLifetimeYears?.ToString("0.0", inv) ?? "-");
        Row("inclination / sun-synchronous (deg)", string.Create(inv, $"{plan.InclinationDegrees:0.000} / {plan.SunSynchronousInclinationDegrees:0.000}"));
        Row("node local time at start (h)", plan.Track[0].LocalTimeOfAscendingNodeHours.ToString("0.000", inv));
        Row("node local time drift (min over span)", report.LocalTimeDriftMinutes.ToString("0.0", inv));
        Row("Δv to stop the drift (m/s)", plan.InclinationCorrectionDeltaVMps.ToString("0.0", inv));
        if (plan.LocalTimeInTolerance is { } ok)
        {
            Row("node local time within tolerance (plan)", ok ? "yes" : "no");
        }

        if (flight is not null)
        {
            Row("flown mean altitude (km)", string.Create(inv, $"{flight.MinMeanAltitudeKm:0.000}–{flight.MaxMeanAltitudeKm:0.000}"));
            Row("burns in eclipse", flight.BurnsInEclipse.ToString(inv));
        }

        Row("in band", report.InBand ? "yes" : "NO");
        summary.Write(OutputFormat.Table, context);

        var burns = new ResultTable(
            [new("time_utc", "time (UTC)"), new("kind", "kind"), new("delta_v_mps", "Δv (m/s)", "0.0000"), new("from_altitude_km", "from (km)", "0.000"),
             new("to_altitude_km", "to (km)", "0.000"), new("argument_of_latitude_deg", "u (deg)", "0.0")],
            "Burns: tangential (VNC +V), two equal halves half a revolution apart (eccentricity kept), 90° from the sub-solar point.");
        foreach (var b in flight?.Burns ?? plan.Burns)
        {
            burns.Add(b.Time, b.Kind, b.DeltaVMps, b.FromAltitudeKm, b.ToAltitudeKm, b.ArgumentOfLatitudeDegrees);
        }

        burns.Write(OutputFormat.Table, context);
    }
}
