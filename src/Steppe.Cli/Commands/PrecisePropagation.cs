using System.CommandLine;
using System.Globalization;
using Steppe.Cli.Output;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces.Gravity;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;

namespace Steppe.Cli.Commands;

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

    public Option<string?> Integrator { get; } = new("--integrator") { Description = "With --opm: dop853 (adaptive, default) or abm8 (fixed step, --fixed-step)." };

    public Option<double?> FixedStepSeconds { get; } = new("--fixed-step") { Description = "With --integrator abm8: the step, seconds (default 30 for leo, 300 for geo)." };

    public Option<double?> MassKg { get; } = new("--mass-kg") { Description = "With --opm: spacecraft mass, kg (overrides MASS)." };

    public Option<double?> DragAreaM2 { get; } = new("--drag-area-m2") { Description = "With --opm: drag area, m² (overrides DRAG_AREA)." };

    public Option<double?> DragCoefficient { get; } = new("--drag-coefficient") { Description = "With --opm: C_D (overrides DRAG_COEFF; default 2.2)." };

    public Option<double?> SrpAreaM2 { get; } = new("--srp-area-m2") { Description = "With --opm: SRP area, m² (overrides SOLAR_RAD_AREA)." };

    public Option<double?> ReflectivityCoefficient { get; } = new("--reflectivity-coefficient") { Description = "With --opm: C_R (overrides SOLAR_RAD_COEFF; default 1.3)." };

    public Option<double?> ToleranceKm { get; } = new("--tolerance-km") { Description = "With --opm: DOP853 position tolerance per step, km (default 1e-10)." };

    public Option<FileInfo?> Plot { get; } = PrecisePlotOutput.Option();

    public IEnumerable<Option> All =>
    [
        Opm, Duration, Regime, Gravity, Degree, Order, NoSun, NoMoon, NoSrp, Drag, Tides, Relativity, HarrisPriesterExponent, Integrator, FixedStepSeconds, MassKg, DragAreaM2, DragCoefficient, SrpAreaM2,
        ReflectivityCoefficient, ToleranceKm,
        Plot,
    ];

    public int Run(CliContext context, ParseResult parse, FileInfo file, Instant? to, double stepSeconds, OutputFrame frame, OutputFormat format)
    {
        if (!(stepSeconds > 0) || !double.IsFinite(stepSeconds))
        {
            throw new CliException(ExitCodes.Usage, $"--step: expected a positive number of seconds, found {stepSeconds}");
        }

        var eop = context.Tables.EarthOrientation;
        var conditions = Input(() => OpmInput.Resolve(OpmInput.Parse(ReadText(file), file.Name), file.Name, eop, Overrides(parse)));
        ForceModelSettings settings;
        try
        {
            settings = Settings(parse).Resolve(conditions.InitialState);
        }
        catch (ArgumentException e)
        {
            throw OptionError(e);
        }

        var model = Build(settings, conditions.Spacecraft, context, file);
        var initial = conditions.InitialState;
        var end = End(parse, initial.Epoch, to);
        long steps = (long)Math.Floor(Math.Abs(end.SecondsSince(initial.Epoch)) / stepSeconds) + 1;
        if (steps > MaxRows)
        {
            throw new CliException(ExitCodes.Usage, $"{steps} rows requested; the limit is {MaxRows} (use a larger --step or a shorter span)");
        }

        NumericalTrajectory trajectory;
        try
        {
            trajectory = new NumericalPropagator(eop, BundledEphemeris.De405, model.Forces, model.Options)
                .Propagate(initial, conditions.Spacecraft, end, conditions.Maneuvers, conditions.Burns);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: {FirstLine(e.Message)}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArithmeticException or ArgumentException or KeyNotFoundException)
        {
            throw new CliException(ExitCodes.PropagationFailure, $"{file.Name}: propagation failed: {FirstLine(e.Message)}");
        }

        string header = $"{(settings.Regime == OrbitRegime.Leo ? "LEO" : "GEO")} force model: {model.Description}; {model.Integration}";
        var caption = $"{StateColumns.Caption(frame)} {header}.";
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
            context.Error.WriteLine($"steppe: {header}");
        }

        table.Write(format, context);
        PrecisePlotOutput.Write(parse.GetValue(Plot), trajectory, conditions, model, context);
        return ExitCodes.Ok;
    }

    /// <summary>The force-model choice of the command line; unset options keep the regime's defaults.</summary>
    internal ForceModelSettings Settings(ParseResult parse)
    {
        OrbitRegime? regime = parse.GetValue(Regime)?.ToLowerInvariant() switch
        {
            null => null,
            "leo" => OrbitRegime.Leo,
            "geo" => OrbitRegime.Geo,
            var other => throw new CliException(ExitCodes.Usage, $"--regime: expected leo or geo, found '{other}'"),
        };
        string gravity = parse.GetValue(Gravity) ?? "egm2008";
        DragModel? drag = parse.GetValue(Drag)?.ToLowerInvariant() switch
        {
            null => null,
            "nrlmsise" or "nrlmsise-00" or "nrlmsise00" => DragModel.Nrlmsise00,
            "harris-priester" => DragModel.HarrisPriester,
            "none" => DragModel.None,
            var other => throw new CliException(ExitCodes.Usage, $"--drag: expected nrlmsise, harris-priester or none, found '{other}'"),
        };
        var integrator = parse.GetValue(Integrator)?.ToLowerInvariant() switch
        {
            null or "dop853" => IntegratorKind.DormandPrince853,
            "abm8" or "abm" => IntegratorKind.AdamsBashforthMoulton,
            var other => throw new CliException(ExitCodes.Usage, $"--integrator: expected dop853 or abm8, found '{other}'"),
        };
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
        GravityField? userField = null;
        if (!settings.IsPointMass && settings.BundledField is null)
        {
            userField = ReadGravityFile(settings.Gravity);
        }

        try
        {
            return settings.Build(craft, context.Tables.SpaceWeather, context.Tables.LeapSeconds, userField);
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

    private static GravityField ReadGravityFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new CliException(ExitCodes.Usage, $"--gravity: '{path}' is neither egm2008, jgm3, none nor a readable ICGEM .gfc file");
        }

        try
        {
            using var stream = info.OpenRead();
            return IcgemReader.Read(stream, info.Name);
        }
        catch (GravityFieldFormatException e)
        {
            throw new CliException(ExitCodes.BadInput, FirstLine(e.Message));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{info.Name}: {e.Message}");
        }
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
