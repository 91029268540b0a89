using System.CommandLine;
using System.Globalization;
using Steppe.Cli.Output;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces.Gravity;
using Steppe.Dynamics.Maneuvers;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Cdm;
using Steppe.Formats.Oem;
using Steppe.Formats.Opm;
using Steppe.Planning.Precise;

namespace Steppe.Cli.Commands;

/// <summary>The outputs of <c>steppe propagate</c>.</summary>
public enum PropagateFormat
{
    /// <summary>A table for people.</summary>
    Table,

    /// <summary>CSV.</summary>
    Csv,

    /// <summary>JSON.</summary>
    Json,

    /// <summary>CCSDS OEM (KVN), with --opm.</summary>
    Oem,

    /// <summary>CCSDS CDM (KVN), with --opm and --secondary-opm.</summary>
    Cdm,
}

/// <summary>The options of <c>steppe propagate --opm</c>: numerical propagation of an OPM state with a force model.</summary>
internal sealed class PrecisePropagation
{
    private const long MaxRows = 20_000_000;

    public Option<FileInfo?> Opm { get; } = new("--opm") { Description = "Propagate numerically from this CCSDS OPM (KVN or XML) instead of element sets." };

    public Option<string?> Duration { get; } = new("--duration") { Description = "With --opm: span after the OPM epoch, e.g. 90m, 6h, 1d or seconds (default 1d; --to instead gives the end)." };

    public Option<string?> Regime { get; } = new("--regime") { Description = "With --opm: default force model, leo or geo (default: leo below 2,000 km altitude, geo above)." };

    public Option<string?> Gravity { get; } = new("--gravity") { Description = "With --opm: gravity field egm2008, jgm3, none (point mass only) or an ICGEM .gfc file." };

    public Option<int?> Degree { get; } = new("--degree") { Description = "With --opm: degree of the field (default 70 for leo, 8 for geo)." };

    public Option<int?> Order { get; } = new("--order") { Description = "With --opm: order of the field (default: the degree)." };

    public Option<bool> NoSun { get; } = new("--no-sun") { Description = "With --opm: no solar gravity." };

    public Option<bool> NoMoon { get; } = new("--no-moon") { Description = "With --opm: no lunar gravity." };

    public Option<bool> NoSrp { get; } = new("--no-srp") { Description = "With --opm: no solar radiation pressure." };

    public Option<string?> Drag { get; } = new("--drag") { Description = "With --opm: atmosphere nrlmsise, harris-priester or none (default nrlmsise for leo, none for geo)." };

    public Option<bool> Tides { get; } = new("--tides") { Description = "With --opm: solid Earth tides (IERS 2010 step 1)." };

    public Option<bool> Relativity { get; } = new("--relativity") { Description = "With --opm: the Schwarzschild relativistic correction (IERS 2010 eq. 10.12)." };

    public Option<double?> HarrisPriesterExponent { get; } = new("--harris-priester-exponent") { Description = "With --drag harris-priester: the cosine exponent (default from the inclination: 2 equatorial … 6 polar)." };

    public Option<string?> Integrator { get; } = new("--integrator") { Description = "With --opm: dop853 (adaptive, default), abm8 (Adams–Bashforth–Moulton) or gj8 (Gauss–Jackson), the last two at --fixed-step." };

    public Option<double?> FixedStepSeconds { get; } = new("--fixed-step") { Description = "With --integrator abm8 or gj8: the step, seconds (default 12 for leo, 300 for geo)." };

    public Option<double?> MassKg { get; } = new("--mass-kg") { Description = "With --opm: spacecraft mass, kg (overrides MASS)." };

    public Option<double?> DragAreaM2 { get; } = new("--drag-area-m2") { Description = "With --opm: drag area, m² (overrides DRAG_AREA)." };

    public Option<double?> DragCoefficient { get; } = new("--drag-coefficient") { Description = "With --opm: C_D (overrides DRAG_COEFF; default 2.2)." };

    public Option<double?> SrpAreaM2 { get; } = new("--srp-area-m2") { Description = "With --opm: SRP area, m² (overrides SOLAR_RAD_AREA)." };

    public Option<double?> ReflectivityCoefficient { get; } = new("--reflectivity-coefficient") { Description = "With --opm: C_R (overrides SOLAR_RAD_COEFF; default 1.3)." };

    public Option<double?> ToleranceKm { get; } = new("--tolerance-km") { Description = "With --opm: DOP853 position tolerance per step, km (default 1e-11)." };

    public Option<FileInfo?> Maneuvers { get; } = new("--maneuvers") { Description = "With --opm: a maneuver plan (CSV: trigger,frame,dv1_m_s,dv2_m_s,dv3_m_s[,duration_s,thrust_n,isp_s]) added to the OPM's maneuvers." };

    public Option<FileInfo?> WriteOpm { get; } = new("--write-opm") { Description = "With --opm: also write the initial state with every maneuver (event-triggered ones at the times they fired) as an OPM (XML if the name ends in .xml, else KVN)." };

    public Option<FileInfo?> Output { get; } = new("--output") { Description = "With --format oem or cdm: write to this file instead of standard output." };

    public Option<string?> Covariance { get; } = new("--covariance") { Description = "With --opm: 1σ for an OPM without a COVARIANCE section, RTN: 'σpos_m,σvel_m_s' or 'R_m,T_m,N_m,Rdot_m_s,Tdot_m_s,Ndot_m_s'." };

    public Option<double?> CovarianceStepSeconds { get; } = new("--covariance-step") { Description = "With --format oem: seconds between covariance matrices (default: --step)." };

    public Option<string?> CovarianceFrame { get; } = new("--covariance-frame") { Description = "With --format oem: COV_REF_FRAME rtn (default), tnw or gcrf." };

    public Option<string?> ExecutionError { get; } = new("--execution-error") { Description = "With a covariance: maneuver execution error 1σ, 'magnitude_percent,pointing_deg' (Gates model), added at each impulsive maneuver." };

    public Option<FileInfo?> SecondaryOpm { get; } = new("--secondary-opm") { Description = "With --format cdm: the other object's OPM; the CDM is for their closest approach in the span." };

    public Option<double?> HardBodyRadiusM { get; } = new("--hard-body-radius-m") { Description = "With --format cdm: combined hard-body radius, m, for the probability of collision (Foster)." };

    public Option<FileInfo?> Plot { get; } = PrecisePlotOutput.Option();

    public IEnumerable<Option> All =>
    [
        Opm, Duration, Regime, Gravity, Degree, Order, NoSun, NoMoon, NoSrp, Drag, Tides, Relativity, HarrisPriesterExponent, Integrator, FixedStepSeconds, MassKg, DragAreaM2, DragCoefficient, SrpAreaM2,
        ReflectivityCoefficient, ToleranceKm,
    ];

    /// <summary>The options of <c>steppe propagate --opm</c> alone (OEM/CDM output, covariance, maneuver plans), beside
    /// <see cref="All"/>, which other verbs share.</summary>
    public IEnumerable<Option> PropagateOnly =>
    [
        Maneuvers, WriteOpm, Output, Covariance, CovarianceStepSeconds, CovarianceFrame, ExecutionError, SecondaryOpm, HardBodyRadiusM, Plot,
    ];

    /// <summary>The table format of <paramref name="format"/> for element sets (OEM and CDM are for --opm).</summary>
    public static OutputFormat TableFormat(PropagateFormat format) => format switch
    {
        PropagateFormat.Csv => OutputFormat.Csv,
        PropagateFormat.Json => OutputFormat.Json,
        PropagateFormat.Table => OutputFormat.Table,
        _ => throw new CliException(ExitCodes.Usage, $"--format {format.ToString().ToLowerInvariant()}: needs --opm (for element sets, steppe export --format oem writes an OEM)"),
    };

    public int Run(CliContext context, ParseResult parse, FileInfo file, Instant? to, double stepSeconds, OutputFrame frame, PropagateFormat format)
    {
        if (!(stepSeconds > 0) || !double.IsFinite(stepSeconds))
        {
            throw new CliException(ExitCodes.Usage, $"--step: expected a positive number of seconds, found {stepSeconds}");
        }

        if (format is PropagateFormat.Oem or PropagateFormat.Cdm && frame == OutputFrame.Geodetic)
        {
            throw new CliException(ExitCodes.Usage, $"--format {format.ToString().ToLowerInvariant()}: states are Cartesian; use --frame gcrf, teme or itrf");
        }

        if (format == PropagateFormat.Cdm && parse.GetValue(SecondaryOpm) is null)
        {
            throw new CliException(ExitCodes.Usage, "--format cdm needs --secondary-opm FILE (the other object)");
        }

        var eop = context.Tables.EarthOrientation;
        var conditions = Load(parse, file, eop);
        var plan = parse.GetValue(Maneuvers) is { } planFile ? Input(() => ManeuverPlan.Parse(ReadText(planFile), planFile.Name)) : null;
        IReadOnlyList<ImpulsiveManeuver> maneuvers = plan is null ? conditions.Maneuvers : [.. conditions.Maneuvers, .. plan.Maneuvers];
        IReadOnlyList<FiniteBurn> burns = plan is null ? conditions.Burns : [.. conditions.Burns, .. plan.Burns];
        var sigmas = Sigmas(parse);
        var executionError = ExecutionErrorOf(parse);
        var covariance = format is PropagateFormat.Oem or PropagateFormat.Cdm ? InitialCovariance(conditions, file, sigmas, eop) : null;
        if (format == PropagateFormat.Cdm && covariance is null)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: --format cdm needs a covariance: a COVARIANCE section in the OPM or --covariance");
        }

        var settings = ResolveSettings(parse, conditions) with { StateTransitionMatrix = covariance is not null };
        var model = Build(settings, conditions.Spacecraft, context, file);
        var initial = conditions.InitialState;
        var end = End(parse, initial.Epoch, to);
        long steps = (long)Math.Floor(Math.Abs(end.SecondsSince(initial.Epoch)) / stepSeconds) + 1;
        if (steps > MaxRows)
        {
            throw new CliException(ExitCodes.Usage, $"{steps} rows requested; the limit is {MaxRows} (use a larger --step or a shorter span)");
        }

        // A burn wholly outside the span is not in this arc (as an impulsive maneuver outside it is not applied).
        var lo = Instant.Min(initial.Epoch, end);
        var hi = Instant.Max(initial.Epoch, end);
        burns = [.. burns.Where(b => b.Start < hi && b.End > lo)];
        if (burns.FirstOrDefault(b => b.Start < lo || b.End > hi) is { } cut)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: the finite burn at {cut.Start} ({cut.Duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s) runs past the span {lo} to {hi}; a burn must lie wholly inside a forward propagation (change --duration or --to)");
        }
        var trajectory = Propagate(eop, model, conditions, end, maneuvers, burns, file);
        string header = $"{(settings.Regime == OrbitRegime.Leo ? "LEO" : "GEO")} force model: {model.Description}; {model.Integration}";
        var marks = Marks(trajectory, maneuvers, burns);
        if (parse.GetValue(WriteOpm) is { } opmOut)
        {
            WriteOpmFile(context, conditions, trajectory, maneuvers, burns, opmOut);
        }

        switch (format)
        {
            case PropagateFormat.Oem:
                var covarianceFrame = CovarianceFrameOf(parse);
                double covarianceStep = parse.GetValue(CovarianceStepSeconds) ?? stepSeconds;
                if (!(covarianceStep > 0) || !double.IsFinite(covarianceStep))
                {
                    throw new CliException(ExitCodes.Usage, $"--covariance-step: expected a positive number of seconds, found {covarianceStep}");
                }

                var oem = OemOf(context, conditions, trajectory, end, stepSeconds, frame, marks, header, covariance, covarianceStep, covarianceFrame, executionError, sigmas is not null && conditions.Message.Covariance is null);
                Emit(context, parse, OemWriter.Write(oem));
                context.Error.WriteLine($"steppe: {header}");
                return ExitCodes.Ok;
            case PropagateFormat.Cdm:
                var cdm = CdmOf(context, parse, conditions, trajectory, covariance!, model, end, sigmas, executionError);
                Emit(context, parse, CdmKvnWriter.Write(cdm));
                context.Error.WriteLine($"steppe: {header}");
                return ExitCodes.Ok;
        }

        var caption = $"{StateColumns.Caption(frame)} {header}.";
        var columns = new List<Column> { new("time_utc", "time (UTC)") };
        columns.AddRange(StateColumns.For(frame));
        if (marks.Count > 0)
        {
            columns.Add(new("event", "event"));
        }

        var table = new ResultTable(columns, caption);
        double sign = end >= initial.Epoch ? 1 : -1;
        void Row(Instant t, StateVector s, string? mark)
        {
            if (!s.PositionKm.IsFinite || !s.VelocityKmPerS.IsFinite)
            {
                throw new CliException(ExitCodes.PropagationFailure, $"{file.Name}: propagation failed: the state at {t} is not finite");
            }

            var cells = new List<object?> { t };
            StateColumns.Add(cells, s, frame, eop);
            if (marks.Count > 0)
            {
                cells.Add(mark);
            }

            table.Add([.. cells]);
        }

        // The grid rows, with a row for each side of every maneuver and burn boundary in time order between them.
        var pending = new Queue<Mark>(sign > 0 ? marks : marks.AsEnumerable().Reverse());
        for (long k = 0; k < steps; k++)
        {
            var t = initial.Epoch.AddSeconds(sign * k * stepSeconds);
            bool marked = false;
            while (pending.TryPeek(out var m) && sign * t.SecondsSince(m.Time) > -1e-6)
            {
                marked |= Math.Abs(t.SecondsSince(m.Time)) <= 1e-6;
                EmitMark(pending.Dequeue());
            }

            if (!marked)
            {
                // A grid instant on a boundary is shown by the boundary's rows.
                Row(t, trajectory.StateAt(t), null);
            }
        }

        while (pending.TryDequeue(out var rest))
        {
            EmitMark(rest);
        }

        void EmitMark(Mark m)
        {
            if (m.Before is { } before)
            {
                // The record's state "before" is before in the direction of propagation; the rows say before and after in time.
                var earlier = sign > 0 ? before : trajectory.StateAt(m.Time);
                var later = sign > 0 ? trajectory.StateAt(m.Time) : before;
                if (sign > 0)
                {
                    Row(m.Time, earlier, $"{m.Label} (before)");
                    Row(m.Time, later, $"{m.Label} (after): {m.Summary}");
                }
                else
                {
                    Row(m.Time, later, $"{m.Label} (after): {m.Summary}");
                    Row(m.Time, earlier, $"{m.Label} (before)");
                }
            }
            else
            {
                Row(m.Time, trajectory.StateAt(m.Time), $"{m.Label}: {m.Summary}");
            }
        }

        if (format != PropagateFormat.Table)
        {
            // CSV and JSON carry no caption: the force model goes to standard error, beside the data.
            context.Error.WriteLine($"steppe: {header}");
        }

        table.Write(TableFormat(format), context);
        PrecisePlotOutput.Write(parse.GetValue(Plot), trajectory, conditions, model, context);
        return ExitCodes.Ok;
    }

    /// <summary>A maneuver or burn boundary: an impulsive maneuver (with the GCRF state before it) or a burn's start or end.</summary>
    private sealed record Mark(Instant Time, string Label, string Summary, StateVector? Before, bool OpensSegment);

    private static List<Mark> Marks(NumericalTrajectory trajectory, IReadOnlyList<ImpulsiveManeuver> planned, IReadOnlyList<FiniteBurn> burns)
    {
        var marks = new List<Mark>();
        bool backward = trajectory.Epoch > trajectory.Start; // then a record's "before" is the later state in time
        int n = 0;
        foreach (var (record, maneuver) in ManeuverPlan.Match(trajectory.Maneuvers, planned))
        {
            n++;
            var (refFrame, components) = ManeuverPlan.OpmFrame(maneuver.Frame, maneuver.DeltaVKmPerS);
            var c = components * 1000.0;
            string trigger = maneuver.Trigger is ManeuverTrigger.AtEvent ev ? $" at {ev.Event.Name}" : string.Empty;
            marks.Add(new Mark(
                record.Time,
                $"maneuver {n}",
                string.Create(CultureInfo.InvariantCulture, $"impulsive{trigger}, Δv {refFrame} ({c.X:0.######}, {c.Y:0.######}, {c.Z:0.######}) m/s, |Δv| {record.DeltaVKmPerS.Length * 1000:0.######} m/s, mass {(backward ? record.MassAfterKg : record.MassBeforeKg):0.###} → {(backward ? record.MassBeforeKg : record.MassAfterKg):0.###} kg"),
                record.StateBefore,
                true));
        }

        int b = 0;
        foreach (var burn in burns.OrderBy(x => x.Start))
        {
            b++;
            if (burn.Start < trajectory.Start || burn.End > trajectory.End)
            {
                continue;
            }

            double m0 = trajectory.MassKgAt(burn.Start), m1 = trajectory.MassKgAt(burn.End);
            var (refFrame, direction) = ManeuverPlan.OpmFrame(burn.Frame, burn.Direction.Normalized());
            string summary = string.Create(
                CultureInfo.InvariantCulture,
                $"finite burn {burn.Duration.TotalSeconds:0.###} s, thrust {burn.ThrustN:0.###} N, Isp {burn.IspSeconds:0.###} s, direction {refFrame} ({direction.X:0.######}, {direction.Y:0.######}, {direction.Z:0.######}), Δv {RocketEquation.DeltaVKmPerS(m0, m1, burn.IspSeconds) * 1000:0.######} m/s, mass {m0:0.###} → {m1:0.###} kg");
            marks.Add(new Mark(burn.Start, $"burn {b} start", summary, null, true));
            marks.Add(new Mark(burn.End, $"burn {b} end", summary, null, true));
        }

        return [.. marks.OrderBy(m => m.Time)];
    }

    private PreciseInitialConditions Load(ParseResult parse, FileInfo file, EarthOrientationTable eop) =>
        Input(() => OpmInput.Resolve(OpmInput.Parse(ReadText(file), file.Name), file.Name, eop, Overrides(parse)));

    private static NumericalTrajectory Propagate(EarthOrientationTable eop, ForceModel model, PreciseInitialConditions conditions, Instant end, IReadOnlyList<ImpulsiveManeuver> maneuvers, IReadOnlyList<FiniteBurn> burns, FileInfo file)
    {
        try
        {
            return new NumericalPropagator(eop, BundledEphemeris.De405, model.Forces, model.Options)
                .Propagate(conditions.InitialState, conditions.Spacecraft, end, maneuvers, burns);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: {FirstLine(e.Message).Split(" (Parameter", 2)[0]}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArithmeticException or ArgumentException or KeyNotFoundException)
        {
            throw new CliException(ExitCodes.PropagationFailure, $"{file.Name}: propagation failed: {FirstLine(e.Message)}");
        }
    }

    /// <summary>The 1σ of --covariance (RTN position m, velocity m/s), or null.</summary>
    private (Vector3D PositionM, Vector3D VelocityMPerS)? Sigmas(ParseResult parse)
    {
        if (parse.GetValue(Covariance) is not { } text)
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]) || values[i] < 0)
            {
                throw new CliException(ExitCodes.Usage, $"--covariance: value {i + 1} '{parts[i]}': expected a non-negative number");
            }
        }

        return values.Length switch
        {
            2 => (new Vector3D(values[0], values[0], values[0]), new Vector3D(values[1], values[1], values[1])),
            6 => (new Vector3D(values[0], values[1], values[2]), new Vector3D(values[3], values[4], values[5])),
            _ => throw new CliException(ExitCodes.Usage, $"--covariance: expected 'σpos_m,σvel_m_s' or six RTN values, found {values.Length} values"),
        };
    }

    private ManeuverExecutionError? ExecutionErrorOf(ParseResult parse)
    {
        if (parse.GetValue(ExecutionError) is not { } text)
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !double.TryParse(parts[0].TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out double percent)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double degrees)
            || !(percent >= 0) || !(degrees >= 0) || !double.IsFinite(percent) || !double.IsFinite(degrees))
        {
            throw new CliException(ExitCodes.Usage, $"--execution-error: expected 'magnitude_percent,pointing_deg' such as 1,0.5, found '{text}'");
        }

        return new ManeuverExecutionError(percent / 100.0, degrees * Math.PI / 180.0);
    }

    private static StateCovariance? InitialCovariance(PreciseInitialConditions conditions, FileInfo file, (Vector3D PositionM, Vector3D VelocityMPerS)? sigmas, EarthOrientationTable eop) =>
        Input(() => PreciseCovariance.FromOpm(conditions, file.Name, eop))
        ?? (sigmas is { } s ? PreciseCovariance.FromSigmas(conditions.InitialState, s.PositionM, s.VelocityMPerS) : null);

    private Steppe.Dynamics.Numerical.CovarianceFrame CovarianceFrameOf(ParseResult parse) => parse.GetValue(CovarianceFrame)?.ToLowerInvariant() switch
    {
        null or "rtn" or "ric" or "rsw" => Steppe.Dynamics.Numerical.CovarianceFrame.Rtn,
        "tnw" => Steppe.Dynamics.Numerical.CovarianceFrame.Tnw,
        "gcrf" => Steppe.Dynamics.Numerical.CovarianceFrame.Gcrf,
        var other => throw new CliException(ExitCodes.Usage, $"--covariance-frame: expected rtn, tnw or gcrf, found '{other}'"),
    };

    private void Emit(CliContext context, ParseResult parse, string text)
    {
        if (parse.GetValue(Output) is { } output)
        {
            WriteFile(output, text);
        }
        else
        {
            context.Out.Write(text);
        }
    }

    private static void WriteFile(FileInfo file, string text)
    {
        try
        {
            File.WriteAllText(file.FullName, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: {e.Message}");
        }
    }

    private static void WriteOpmFile(CliContext context, PreciseInitialConditions conditions, NumericalTrajectory trajectory, IReadOnlyList<ImpulsiveManeuver> maneuvers, IReadOnlyList<FiniteBurn> burns, FileInfo file)
    {
        var craft = conditions.Spacecraft;
        var message = conditions.Message with
        {
            CreationDate = Instant.FromDateTime(context.Time.GetUtcNow().UtcDateTime),
            Spacecraft = new OpmSpacecraftParameters(craft.MassKg, craft.SrpAreaM2, craft.ReflectivityCoefficient, craft.DragAreaM2, craft.DragCoefficient)
            {
                Comments = conditions.Message.Spacecraft?.Comments ?? [],
            },
            Maneuvers = ManeuverPlan.ToOpm(trajectory, maneuvers, burns),
        };
        bool xml = file.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);
        WriteFile(file, xml ? OpmWriter.WriteXml(message) : OpmWriter.WriteKvn(message));
    }

    private static OemMessage OemOf(CliContext context, PreciseInitialConditions conditions, NumericalTrajectory trajectory, Instant end, double stepSeconds, OutputFrame frame,
        List<Mark> marks, string header, StateCovariance? covariance, double covarianceStepSeconds, Steppe.Dynamics.Numerical.CovarianceFrame covarianceFrame,
        ManeuverExecutionError? executionError, bool sigmasFromCommandLine)
    {
        var eop = context.Tables.EarthOrientation;
        var epoch = conditions.InitialState.Epoch;
        var target = frame switch { OutputFrame.Teme => Frame.Teme, OutputFrame.Itrf => Frame.Itrf, _ => Frame.Gcrf };
        int sign = end >= epoch ? 1 : -1;
        var lo = Instant.Min(epoch, end);
        var hi = Instant.Max(epoch, end);

        // Cut the span at every maneuver and burn boundary strictly inside it: one segment per maneuver-free arc.
        var cuts = new List<Instant> { lo };
        foreach (var m in marks)
        {
            if (m.Time.SecondsSince(lo) > 1e-6 && hi.SecondsSince(m.Time) > 1e-6 && m.Time.SecondsSince(cuts[^1]) > 1e-6)
            {
                cuts.Add(m.Time);
            }
        }

        cuts.Add(hi);
        StateVector Side(Instant t, bool later)
        {
            var mark = marks.FirstOrDefault(m => m.Before is not null && Math.Abs(m.Time.SecondsSince(t)) <= 1e-6);
            if (mark?.Before is not { } before || t == epoch)
            {
                return trajectory.StateAt(t);
            }

            // Forwards the trajectory gives the state after a maneuver; backwards, the one before it in time.
            return later == (sign > 0) ? trajectory.StateAt(t) : before;
        }

        string name = conditions.Message.Metadata.ObjectName;
        string id = conditions.Message.Metadata.ObjectId;
        var segments = new List<OemSegment>();
        for (int i = 0; i + 1 < cuts.Count; i++)
        {
            Instant a = cuts[i], b = cuts[i + 1];
            var states = new List<OemState> { OemState.FromStateVector(Side(a, later: true).To(target, eop)) };
            foreach (var t in Grid(epoch, sign, stepSeconds, a, b))
            {
                if (t.SecondsSince(a) > 1e-6 && b.SecondsSince(t) > 1e-6)
                {
                    states.Add(OemState.FromStateVector(trajectory.StateAt(t).To(target, eop)));
                }
            }

            if (b.SecondsSince(a) > 1e-6)
            {
                states.Add(OemState.FromStateVector(Side(b, later: false).To(target, eop)));
            }

            var comments = new List<string>();
            foreach (var m in marks.Where(m => Math.Abs(m.Time.SecondsSince(a)) <= 1e-6 && (i > 0 || m.Time == epoch)))
            {
                comments.Add(string.Create(CultureInfo.InvariantCulture, $"Segment starts at {m.Label} {m.Time.ToIsoString(3)}: {m.Summary}"));
            }

            var covariances = new List<OemCovariance>();
            if (covariance is not null)
            {
                bool last = i + 2 == cuts.Count;
                bool first = i == 0;
                foreach (var t in Grid(epoch, sign, covarianceStepSeconds, a, b))
                {
                    // Forwards a boundary's covariance (after the maneuver) opens the later segment; backwards it closes the earlier one.
                    bool inside = sign > 0
                        ? t.SecondsSince(a) > -1e-6 && (b.SecondsSince(t) > 1e-6 || last)
                        : b.SecondsSince(t) > -1e-6 && (t.SecondsSince(a) > 1e-6 || first);
                    if (!inside)
                    {
                        continue;
                    }

                    var gcrf = CovariancePropagation.Propagate(covariance, trajectory, t, executionError);
                    var local = CovariancePropagation.ToFrame(gcrf, covarianceFrame, trajectory.StateAt(t));
                    covariances.Add(new OemCovariance(t, PreciseCovariance.FrameName(covarianceFrame), local.LowerTriangle, []));
                }
            }

            segments.Add(new OemSegment
            {
                Metadata = new OemMetadata
                {
                    ObjectName = name,
                    ObjectId = id,
                    ReferenceFrame = OemFrames.NameOf(target),
                    TimeSystem = OemKeywords.Utc,
                    StartTime = states[0].Epoch,
                    StopTime = states[^1].Epoch,
                    Interpolation = "HERMITE",
                    InterpolationDegree = Math.Min(7, states.Count - 1) is > 0 and var d ? d : null,
                },
                DataComments = comments,
                States = states,
                Covariances = [.. covariances.OrderBy(c => c.Epoch)],
            });
        }

        var headerComments = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Steppe numerical ephemeris of {name} from its OPM state at {epoch.ToIsoString(3)}"),
            header,
            target == Frame.Teme ? FrameLabels.Describe(target) : $"{FrameLabels.Describe(target)}; {FrameLabels.EarthOrientationSource}",
        };
        if (marks.Count > 0)
        {
            headerComments.Add("One segment per maneuver-free arc; a new segment starts at each impulsive maneuver and at each burn's start and end.");
            headerComments.AddRange(marks.Where(m => !m.Label.EndsWith(" end", StringComparison.Ordinal)).Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Label} at {m.Time.ToIsoString(3)}: {m.Summary}")));
        }

        if (covariance is not null)
        {
            string source = sigmasFromCommandLine ? "from the 1σ given with --covariance (RTN)" : "from the OPM's COVARIANCE";
            string error = executionError is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; maneuver execution error (Gates) {executionError.MagnitudeFraction * 100:0.###} % magnitude, {executionError.PointingRadians * 180 / Math.PI:0.###} deg pointing, 1σ");
            headerComments.Add($"Covariance {source}, propagated linearly with the state transition matrix{error}; RTN/TNW matrices are the inertial covariance rotated (no ω × r term), km, km/s.");
        }

        return new OemMessage
        {
            Version = "2.0",
            Comments = headerComments,
            CreationDate = Instant.FromDateTime(context.Time.GetUtcNow().UtcDateTime),
            Originator = "STEPPE",
            Segments = segments,
        };
    }

    /// <summary>The instants epoch + sign·k·step that lie in [a, b] (with a small slack).</summary>
    private static IEnumerable<Instant> Grid(Instant epoch, int sign, double stepSeconds, Instant a, Instant b)
    {
        double ta = a.SecondsSince(epoch), tb = b.SecondsSince(epoch);
        double lo = Math.Min(sign * ta, sign * tb), hi = Math.Max(sign * ta, sign * tb);
        for (long k = (long)Math.Ceiling((lo - 1e-6) / stepSeconds); k * stepSeconds <= hi + 1e-6; k++)
        {
            yield return epoch.AddSeconds(sign * k * stepSeconds);
        }
    }

    private ConjunctionDataMessage CdmOf(CliContext context, ParseResult parse, PreciseInitialConditions primary, NumericalTrajectory trajectory, StateCovariance covariance, ForceModel model,
        Instant end, (Vector3D PositionM, Vector3D VelocityMPerS)? sigmas, ManeuverExecutionError? executionError)
    {
        var eop = context.Tables.EarthOrientation;
        var file = parse.GetValue(SecondaryOpm)!;
        // The spacecraft options (--mass-kg …) are the primary's; the secondary keeps its OPM's own.
        var secondary = Input(() => OpmInput.Resolve(OpmInput.Parse(ReadText(file), file.Name), file.Name, eop));
        var secondaryCovariance = InitialCovariance(secondary, file, sigmas, eop)
            ?? throw new CliException(ExitCodes.BadInput, $"{file.Name}: --format cdm needs a covariance: a COVARIANCE section in the OPM or --covariance");
        var epoch1 = primary.InitialState.Epoch;
        var epoch2 = secondary.InitialState.Epoch;
        if (end <= epoch1 || end <= epoch2)
        {
            throw new CliException(ExitCodes.Usage, $"--format cdm: the span must run forwards from both OPM epochs ({epoch1}, {epoch2}) to its end {end}");
        }

        var settings = ResolveSettings(parse, secondary) with { StateTransitionMatrix = true };
        var secondaryModel = Build(settings, secondary.Spacecraft, context, file);
        var secondaryTrajectory = Propagate(eop, secondaryModel, secondary, end, secondary.Maneuvers, secondary.Burns, file);
        var start = Instant.Max(epoch1, epoch2);
        var o1 = new PropagatedObject(primary.Message.Metadata.ObjectId, primary.Message.Metadata.ObjectName, primary.Message.Metadata.ObjectId, trajectory, covariance,
            $"{model.Description}; {model.Integration}", primary.Spacecraft.MassKg, executionError);
        var o2 = new PropagatedObject(secondary.Message.Metadata.ObjectId, secondary.Message.Metadata.ObjectName, secondary.Message.Metadata.ObjectId, secondaryTrajectory, secondaryCovariance,
            $"{secondaryModel.Description}; {secondaryModel.Integration}", secondary.Spacecraft.MassKg, executionError);
        double? radius = parse.GetValue(HardBodyRadiusM);
        if (radius is { } r && !(r > 0 && double.IsFinite(r)))
        {
            throw new CliException(ExitCodes.Usage, $"--hard-body-radius-m: expected a positive number, found {r}");
        }

        try
        {
            return ConjunctionFromPropagation.Build(o1, o2, start, end, Instant.FromDateTime(context.Time.GetUtcNow().UtcDateTime), "STEPPE", radius);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException(ExitCodes.BadInput, $"--format cdm: {FirstLine(e.Message)}");
        }
    }

    /// <summary>The force-model choice of the command line; unset options keep the regime's defaults.</summary>
    internal ForceModelSettings Settings(ParseResult parse)
    {
        OrbitRegime? regime;
        DragModel? drag;
        IntegratorKind integrator;
        try
        {
            regime = ForceModelSettings.RegimeFromWord(parse.GetValue(Regime));
            drag = ForceModelSettings.DragFromWord(parse.GetValue(Drag));
            integrator = ForceModelSettings.IntegratorFromWord(parse.GetValue(Integrator));
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Usage, $"--{e.ParamName}: {FirstLine(e.Message)}");
        }

        string gravity = parse.GetValue(Gravity) ?? "egm2008";
        double? fixedStep = parse.GetValue(FixedStepSeconds);
        if (fixedStep is { } f && !(f > 0 && double.IsFinite(f)))
        {
            throw new CliException(ExitCodes.Usage, $"--fixed-step: expected a positive number of seconds, found {f}");
        }

        var settings = new ForceModelSettings
        {
            Regime = regime,
            Gravity = gravity.ToLowerInvariant() is "egm2008" or "jgm3" or "jgm-3" or "none" ? gravity.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant() : gravity,
            Degree = parse.GetValue(Degree),
            Order = parse.GetValue(Order),
            Sun = !parse.GetValue(NoSun),
            Moon = !parse.GetValue(NoMoon),
            SolarRadiationPressure = !parse.GetValue(NoSrp),
            Drag = drag,
            HarrisPriesterExponent = parse.GetValue(HarrisPriesterExponent),
            SolidTides = parse.GetValue(Tides),
            Relativity = parse.GetValue(Relativity),
            Integrator = integrator,
            PositionToleranceKm = parse.GetValue(ToleranceKm),
            FixedStep = fixedStep is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        };
        if (settings.IsPointMass)
        {
            settings = settings with { Gravity = "none" };
        }

        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw OptionError(e);
        }

        return settings;
    }

    /// <summary>The forces of resolved <paramref name="settings"/>; a gravity file is read here (the only I/O of the model).</summary>
    internal static ForceModel Build(ForceModelSettings settings, Spacecraft craft, CliContext context, FileInfo source)
    {
        var tables = PreciseCommandSupport.Tables(context, settings);
        try
        {
            return tables.Build(settings, craft);
        }
        catch (ArgumentException e)
        {
            throw OptionError(e);
        }
    }

    /// <summary>The command line's settings resolved for the orbit of <paramref name="conditions"/>.</summary>
    private ForceModelSettings ResolveSettings(ParseResult parse, PreciseInitialConditions conditions)
    {
        try
        {
            return Settings(parse).Resolve(conditions.InitialState);
        }
        catch (ArgumentException e)
        {
            throw OptionError(e);
        }
    }

    /// <summary>A refused setting as a usage error naming the option.</summary>
    private static CliException OptionError(ArgumentException e)
    {
        string option = e.ParamName switch
        {
            nameof(ForceModelSettings.Degree) => "--degree",
            nameof(ForceModelSettings.Order) => "--order",
            nameof(ForceModelSettings.PositionToleranceKm) => "--tolerance-km",
            nameof(ForceModelSettings.HarrisPriesterExponent) => "--harris-priester-exponent",
            nameof(ForceModelSettings.FixedStep) => "--fixed-step",
            nameof(ForceModelSettings.Gravity) or "userField" => "--gravity",
            _ => "--drag",
        };
        string text = FirstLine(e.Message);
        int colon = text.IndexOf(": ", StringComparison.Ordinal);
        return new CliException(ExitCodes.Usage, $"{option}: {(colon >= 0 ? text[(colon + 2)..] : text)}");
    }

    private SpacecraftOverrides Overrides(ParseResult parse) => new(
        parse.GetValue(MassKg), parse.GetValue(DragAreaM2), parse.GetValue(DragCoefficient), parse.GetValue(SrpAreaM2), parse.GetValue(ReflectivityCoefficient));

    private static T Input<T>(Func<T> resolve)
    {
        try
        {
            return resolve();
        }
        catch (PreciseInputException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message);
        }
    }

    private static string ReadText(FileInfo file)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: {e.Message}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Split(" (Parameter '", 2)[0].Trim();

    private Instant End(ParseResult parse, Instant epoch, Instant? to)
    {
        if (to is { } end)
        {
            return end;
        }

        var text = parse.GetValue(Duration) ?? "1d";
        double unit = 1;
        var number = text.Trim();
        if (number.Length > 0 && char.IsLetter(number[^1]))
        {
            unit = char.ToLowerInvariant(number[^1]) switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => double.NaN };
            number = number[..^1];
        }

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value * unit) || value == 0)
        {
            throw new CliException(ExitCodes.Usage, $"--duration: expected a non-zero span such as 90m, 6h, 1d or 3600, found '{text}'");
        }

        return epoch.AddSeconds(value * unit);
    }
}
