using System.CommandLine;
using System.Globalization;
using Steppe.Cli.Output;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Atmosphere;
using Steppe.Dynamics.Forces.Drag;
using Steppe.Dynamics.Forces.Gravity;
using Steppe.Dynamics.Forces.Srp;
using Steppe.Dynamics.Forces.ThirdBody;
using Steppe.Dynamics.Maneuvers;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Opm;

namespace Steppe.Cli.Commands;

/// <summary>The options of <c>steppe propagate --opm</c>: numerical propagation of an OPM state with a force model.</summary>
internal sealed class PrecisePropagation
{
    private const long MaxRows = 20_000_000;

    public Option<FileInfo?> Opm { get; } = new("--opm") { Description = "Propagate numerically from this CCSDS OPM (KVN or XML) instead of element sets." };

    public Option<string?> Duration { get; } = new("--duration") { Description = "With --opm: span after the OPM epoch, e.g. 90m, 6h, 1d or seconds (default 1d; --to instead gives the end)." };

    public Option<string?> Regime { get; } = new("--regime") { Description = "With --opm: default force model, leo or geo (default: leo below 2,000 km altitude, geo above)." };

    public Option<string?> Gravity { get; } = new("--gravity") { Description = "With --opm: gravity field egm2008, jgm3 or none (point mass only)." };

    public Option<int?> Degree { get; } = new("--degree") { Description = "With --opm: degree of the field (default 70 for leo, 8 for geo)." };

    public Option<int?> Order { get; } = new("--order") { Description = "With --opm: order of the field (default: the degree)." };

    public Option<bool> NoSun { get; } = new("--no-sun") { Description = "With --opm: no solar gravity." };

    public Option<bool> NoMoon { get; } = new("--no-moon") { Description = "With --opm: no lunar gravity." };

    public Option<bool> NoSrp { get; } = new("--no-srp") { Description = "With --opm: no solar radiation pressure." };

    public Option<string?> Drag { get; } = new("--drag") { Description = "With --opm: atmosphere nrlmsise, harris-priester or none (default nrlmsise for leo, none for geo)." };

    public Option<bool> Tides { get; } = new("--tides") { Description = "With --opm: solid Earth tides (IERS 2010 step 1)." };

    public Option<double?> MassKg { get; } = new("--mass-kg") { Description = "With --opm: spacecraft mass, kg (overrides MASS)." };

    public Option<double?> DragAreaM2 { get; } = new("--drag-area-m2") { Description = "With --opm: drag area, m² (overrides DRAG_AREA)." };

    public Option<double?> DragCoefficient { get; } = new("--drag-coefficient") { Description = "With --opm: C_D (overrides DRAG_COEFF; default 2.2)." };

    public Option<double?> SrpAreaM2 { get; } = new("--srp-area-m2") { Description = "With --opm: SRP area, m² (overrides SOLAR_RAD_AREA)." };

    public Option<double?> ReflectivityCoefficient { get; } = new("--reflectivity-coefficient") { Description = "With --opm: C_R (overrides SOLAR_RAD_COEFF; default 1.3)." };

    public Option<double?> ToleranceKm { get; } = new("--tolerance-km") { Description = "With --opm: DOP853 position tolerance per step, km (default 1e-10)." };

    public IEnumerable<Option> All =>
    [
        Opm, Duration, Regime, Gravity, Degree, Order, NoSun, NoMoon, NoSrp, Drag, Tides, MassKg, DragAreaM2, DragCoefficient, SrpAreaM2,
        ReflectivityCoefficient, ToleranceKm,
    ];

    /// <summary>The force model and settings of one run, as printed in the output's header.</summary>
    internal sealed record Model(IReadOnlyList<IForceModel> Forces, NumericalPropagatorOptions Options, string Description);

    public int Run(CliContext context, ParseResult parse, FileInfo file, Instant? to, double stepSeconds, OutputFrame frame, OutputFormat format)
    {
        if (!(stepSeconds > 0) || !double.IsFinite(stepSeconds))
        {
            throw new CliException(ExitCodes.Usage, $"--step: expected a positive number of seconds, found {stepSeconds}");
        }

        var message = Read(file);
        var eop = context.Tables.EarthOrientation;
        var initial = InitialState(message, file, eop);
        var craft = Craft(message, file, parse);
        var (model, regime) = Build(parse, initial, craft, eop.LeapSeconds);
        var end = End(parse, initial.Epoch, to);
        long steps = (long)Math.Floor(Math.Abs(end.SecondsSince(initial.Epoch)) / stepSeconds) + 1;
        if (steps > MaxRows)
        {
            throw new CliException(ExitCodes.Usage, $"{steps} rows requested; the limit is {MaxRows} (use a larger --step or a shorter span)");
        }

        var maneuvers = Maneuvers(message, file);
        NumericalTrajectory trajectory;
        try
        {
            trajectory = new NumericalPropagator(eop, BundledEphemeris.De405, model.Forces, model.Options).Propagate(initial, craft, end, maneuvers);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: {FirstLine(e.Message)}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArithmeticException or ArgumentException or KeyNotFoundException)
        {
            throw new CliException(ExitCodes.PropagationFailure, $"{file.Name}: propagation failed: {FirstLine(e.Message)}");
        }

        var caption = $"{StateColumns.Caption(frame)} {regime} force model: {model.Description}; DOP853, {model.Options.PositionToleranceKm.ToString("g3", CultureInfo.InvariantCulture)} km per step.";
        var table = new ResultTable([new("time_utc", "time (UTC)"), .. StateColumns.For(frame)], caption);
        double sign = end >= initial.Epoch ? 1 : -1;
        for (long k = 0; k < steps; k++)
        {
            var t = initial.Epoch.AddSeconds(sign * k * stepSeconds);
            var s = trajectory.StateAt(t);
            if (!s.PositionKm.IsFinite || !s.VelocityKmPerS.IsFinite)
            {
                throw new CliException(ExitCodes.PropagationFailure, $"{file.Name}: propagation failed: the state at {t} is not finite");
            }

            var cells = new List<object?> { t };
            StateColumns.Add(cells, s, frame, eop);
            table.Add([.. cells]);
        }

        if (format != OutputFormat.Table)
        {
            // CSV and JSON carry no caption: the force model goes to standard error, beside the data.
            context.Error.WriteLine($"steppe: {regime} force model: {model.Description}; DOP853, {model.Options.PositionToleranceKm.ToString("g3", CultureInfo.InvariantCulture)} km per step");
        }

        table.Write(format, context);
        return ExitCodes.Ok;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static OpmMessage Read(FileInfo file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: {e.Message}");
        }

        var result = text.TrimStart().StartsWith('<') ? OpmReader.ReadXml(text, file.Name) : OpmReader.ReadKvn(text, file.Name);
        var error = result.Diagnostics.FirstOrDefault(d => d.Severity == Steppe.Formats.DiagnosticSeverity.Error);
        if (result.Message is null || error is not null)
        {
            var first = error?.ToString() ?? $"{file.Name}: not a readable OPM";
            throw new CliException(ExitCodes.BadInput, first);
        }

        return result.Message;
    }

    private static StateVector InitialState(OpmMessage message, FileInfo file, EarthOrientationTable eop)
    {
        if (!string.Equals(message.Metadata.CenterName, "EARTH", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: CENTER_NAME {message.Metadata.CenterName}: only EARTH is supported");
        }

        var name = message.Metadata.RefFrame.ToUpperInvariant();
        Frame frame = name switch
        {
            "GCRF" or "ICRF" or "EME2000" => Frame.Gcrf,
            "TEME" => Frame.Teme,
            "TOD" => Frame.Tod,
            "MOD" => Frame.Mod,
            _ when name.StartsWith("ITRF", StringComparison.Ordinal) => Frame.Itrf,
            _ => throw new CliException(ExitCodes.BadInput, $"{file.Name}: REF_FRAME {message.Metadata.RefFrame}: expected GCRF, ICRF, EME2000, ITRF, TEME, TOD or MOD"),
        };
        var s = message.State;
        if (!s.PositionKm.IsFinite || !s.VelocityKmPerS.IsFinite)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: the state vector is not finite");
        }

        if (s.PositionKm.Length < NumericalPropagator.MinimumRadiusKm)
        {
            throw new CliException(ExitCodes.BadInput,
                $"{file.Name}: X, Y, Z: the state is inside the Earth ({s.PositionKm.Length.ToString("0.000", CultureInfo.InvariantCulture)} km from its centre)");
        }

        var state = new StateVector(s.Epoch, frame, s.PositionKm, s.VelocityKmPerS);
        try
        {
            return frame == Frame.Gcrf ? state : FrameTransforms.Transform(state, Frame.Gcrf, eop);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: EPOCH {s.Epoch}: {FirstLine(e.Message)}");
        }
    }

    private Spacecraft Craft(OpmMessage message, FileInfo file, ParseResult parse)
    {
        var p = message.Spacecraft;
        double? mass = parse.GetValue(MassKg) ?? p?.MassKg;
        if (mass is not { } m)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: MASS is missing (give it in the OPM or with --mass-kg)");
        }

        var craft = new Spacecraft(
            m,
            parse.GetValue(DragAreaM2) ?? p?.DragAreaM2 ?? 0,
            parse.GetValue(DragCoefficient) ?? p?.DragCoeff ?? 2.2,
            parse.GetValue(SrpAreaM2) ?? p?.SolarRadAreaM2 ?? 0,
            parse.GetValue(ReflectivityCoefficient) ?? p?.SolarRadCoeff ?? 1.3);
        Check(file, "MASS", craft.MassKg, positive: true);
        Check(file, "DRAG_AREA", craft.DragAreaM2, positive: false);
        Check(file, "DRAG_COEFF", craft.DragCoefficient, positive: false);
        Check(file, "SOLAR_RAD_AREA", craft.SrpAreaM2, positive: false);
        Check(file, "SOLAR_RAD_COEFF", craft.ReflectivityCoefficient, positive: false);
        return craft;
    }

    private static void Check(FileInfo file, string field, double value, bool positive)
    {
        if (!double.IsFinite(value) || value < 0 || (positive && value == 0))
        {
            throw new CliException(ExitCodes.BadInput,
                $"{file.Name}: {field} = {value.ToString(CultureInfo.InvariantCulture)}: expected a {(positive ? "positive" : "non-negative")} number");
        }
    }

    private (Model Model, string Regime) Build(ParseResult parse, StateVector initial, Spacecraft craft, LeapSecondTable leapSeconds)
    {
        var regime = parse.GetValue(Regime)?.ToLowerInvariant() switch
        {
            null => initial.PositionKm.Length - 6378.137 < 2000 ? OrbitRegime.Leo : OrbitRegime.Geo,
            "leo" => OrbitRegime.Leo,
            "geo" => OrbitRegime.Geo,
            var other => throw new CliException(ExitCodes.Usage, $"--regime: expected leo or geo, found '{other}'"),
        };
        return (Forces(parse, regime, craft, leapSeconds), regime == OrbitRegime.Leo ? "LEO" : "GEO");
    }

    private Model Forces(ParseResult parse, OrbitRegime regime, Spacecraft craft, LeapSecondTable leapSeconds)
    {
        var parts = new List<string>();
        var forces = new List<IForceModel>();
        string gravityName = (parse.GetValue(Gravity) ?? "egm2008").ToLowerInvariant();
        GravityField? field = gravityName switch
        {
            "egm2008" => BundledGravityFields.Egm2008,
            "jgm3" => BundledGravityFields.Jgm3,
            "none" => null,
            _ => throw new CliException(ExitCodes.Usage, $"--gravity: expected egm2008, jgm3 or none, found '{gravityName}'"),
        };
        int degree = parse.GetValue(Degree) ?? (regime == OrbitRegime.Leo ? FlightDynamicsDefaults.LeoDegree : FlightDynamicsDefaults.GeoDegree);
        int order = parse.GetValue(Order) ?? degree;
        double tolerance = parse.GetValue(ToleranceKm) ?? FlightDynamicsDefaults.DefaultPositionToleranceKm;
        if (!(tolerance > 0) || !double.IsFinite(tolerance))
        {
            throw new CliException(ExitCodes.Usage, $"--tolerance-km: expected a positive number, found {tolerance}");
        }

        NumericalPropagatorOptions options;
        if (field is null || degree < 2)
        {
            options = new NumericalPropagatorOptions { PositionToleranceKm = tolerance, CentralGravitationalParameterKm3PerS2 = (field ?? BundledGravityFields.Egm2008).GmKm3PerS2 };
            parts.Add("point mass");
        }
        else
        {
            if (degree > field.MaxDegree || order < 0 || order > degree)
            {
                throw new CliException(ExitCodes.Usage, $"--degree/--order: {degree}×{order} is outside {gravityName.ToUpperInvariant()}'s 0…{field.MaxDegree}, order ≤ degree");
            }

            forces.Add(new SphericalHarmonicGravity(field, degree, order));
            options = FlightDynamicsDefaults.Options(tolerance) with { CentralGravitationalParameterKm3PerS2 = field.GmKm3PerS2 };
            parts.Add($"{(field == BundledGravityFields.Egm2008 ? "EGM2008" : "JGM-3")} {degree}×{order}");
        }

        if (!parse.GetValue(NoSun))
        {
            forces.Add(ThirdBodyGravity.Sun());
            parts.Add("Sun");
        }

        if (!parse.GetValue(NoMoon))
        {
            forces.Add(ThirdBodyGravity.Moon());
            parts.Add("Moon");
        }

        if (!parse.GetValue(NoSrp))
        {
            forces.Add(new SolarRadiationPressure(craft));
            parts.Add(FormattableString.Invariant($"SRP ({craft.SrpAreaM2} m², C_R {craft.ReflectivityCoefficient})"));
        }

        string drag = (parse.GetValue(Drag) ?? (regime == OrbitRegime.Leo ? "nrlmsise" : "none")).ToLowerInvariant();
        switch (drag)
        {
            case "nrlmsise":
                forces.Add(new AtmosphericDrag(new NrlmsiseAtmosphere(SpaceWeatherTable.Bundled, leapSeconds), craft));
                parts.Add(FormattableString.Invariant($"NRLMSISE-00 drag ({craft.DragAreaM2} m², C_D {craft.DragCoefficient})"));
                break;
            case "harris-priester":
                forces.Add(new AtmosphericDrag(new HarrisPriester(4), craft));
                parts.Add(FormattableString.Invariant($"Harris–Priester drag ({craft.DragAreaM2} m², C_D {craft.DragCoefficient})"));
                break;
            case "none":
                break;
            default:
                throw new CliException(ExitCodes.Usage, $"--drag: expected nrlmsise, harris-priester or none, found '{drag}'");
        }

        if (parse.GetValue(Tides))
        {
            forces.Add(new SolidEarthTides(field ?? BundledGravityFields.Egm2008));
            parts.Add("solid tides");
        }

        parts.Add(FormattableString.Invariant($"mass {craft.MassKg} kg"));
        return new Model(forces, options, string.Join(", ", parts));
    }

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

    private static List<ImpulsiveManeuver> Maneuvers(OpmMessage message, FileInfo file)
    {
        var list = new List<ImpulsiveManeuver>();
        foreach (var m in message.Maneuvers)
        {
            if (m.Duration != TimeSpan.Zero)
            {
                throw new CliException(ExitCodes.BadInput, $"{file.Name}: MAN_DURATION at {m.EpochIgnition}: only impulsive maneuvers (duration 0) are supported");
            }

            var frame = m.RefFrame.ToUpperInvariant() switch
            {
                "RTN" or "RSW" or "RIC" or "LVLH" => ManeuverFrame.Ric,
                "VNC" => ManeuverFrame.Vnc,
                "GCRF" or "ICRF" or "EME2000" => ManeuverFrame.Inertial,
                _ => throw new CliException(ExitCodes.BadInput, $"{file.Name}: MAN_REF_FRAME {m.RefFrame}: expected RTN, RSW, RIC, VNC, GCRF, ICRF or EME2000"),
            };
            list.Add(ImpulsiveManeuver.At(m.EpochIgnition, m.DeltaVKmPerS, frame));
        }

        return list;
    }
}
