using System.CommandLine;
using Steppe.Cli.Output;
using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Planning.Elements;

namespace Steppe.Cli.Commands;

/// <summary>The frames <c>steppe propagate</c> can print.</summary>
public enum OutputFrame
{
    /// <summary>TEME, SGP4's own frame.</summary>
    Teme,

    /// <summary>ITRF (Earth-fixed).</summary>
    Itrf,

    /// <summary>GCRF (inertial; IERS 2010, IAU 2006/2000A CIO-based).</summary>
    Gcrf,

    /// <summary>Geodetic latitude, longitude and altitude on WGS-84.</summary>
    Geodetic,
}

/// <summary><c>steppe propagate</c>: SGP4/SDP4 states of element sets over a span.</summary>
internal static class PropagateCommand
{
    /// <summary>The most rows one run may print (a guard against a mistyped step).</summary>
    private const long MaxRows = 20_000_000;

    public static Command Create(CliContext context)
    {
        var input = new ElementInput();
        var norad = CommonOptions.Norad();
        var from = CommonOptions.From(context.Time, required: false);
        var to = CommonOptions.To(context.Time, required: false);
        var precise = new PrecisePropagation();
        var step = new Option<double>("--step")
        {
            Description = "Step between states, seconds.",
            DefaultValueFactory = _ => 60.0,
        };
        var frame = new Option<OutputFrame>("--frame")
        {
            Description = "Frame of the output: teme, itrf, gcrf (km, km/s) or geodetic (deg, km on WGS-84); default teme for element sets, gcrf with --opm.",
            DefaultValueFactory = _ => OutputFrame.Teme,
        };
        var format = new Option<PropagateFormat>("--format")
        {
            Description = "Output: table (for people), csv or json (units in every column name); with --opm also oem (CCSDS OEM, KVN) or cdm (CCSDS CDM, KVN, with --secondary-opm).",
            DefaultValueFactory = _ => PropagateFormat.Table,
        };
        var withAge = new Option<bool>("--with-age") { Description = "Add the element age (days since the epoch) to every row." };
        var lenient = CommonOptions.LenientChecksums();

        var command = new Command("propagate", "Propagate element sets with SGP4/SDP4, or an OPM state numerically (--opm), and print states over a span.")
        {
            input.Elements, input.Db, norad, from, to, step, frame, format, withAge, lenient,
        };
        foreach (var option in precise.All.Concat(precise.PropagateOnly))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => parse.GetValue(precise.Opm) is { } opm
            ? precise.Run(context, parse, opm, parse.GetResult(to) is { } ? parse.GetValue(to) : null, parse.GetValue(step), parse.GetResult(frame) is { Implicit: false } ? parse.GetValue(frame) : OutputFrame.Gcrf, parse.GetValue(format))
            : parse.GetResult(from) is null || parse.GetResult(to) is null
            ? throw new CliException(ExitCodes.Usage, $"{(parse.GetResult(from) is null ? "--from" : "--to")} is required (or give --opm FILE)")
            : Run(
            context,
            input.Load(parse, parse.GetValue(norad), parse.GetValue(lenient), context),
            parse.GetValue(from),
            parse.GetValue(to),
            parse.GetValue(step),
            parse.GetValue(frame),
            PrecisePropagation.TableFormat(parse.GetValue(format)),
            parse.GetValue(withAge)));
        return command;
    }

    private static int Run(CliContext context, IReadOnlyList<MeanElements> sets, Instant from, Instant to, double stepSeconds,
        OutputFrame frame, OutputFormat format, bool withAge)
    {
        if (!(stepSeconds > 0) || !double.IsFinite(stepSeconds))
        {
            throw new CliException(ExitCodes.Usage, $"--step: expected a positive number of seconds, found {stepSeconds}");
        }

        if (frame is OutputFrame.Itrf or OutputFrame.Geodetic)
        {
            context.WarnAboutData(from, to);
        }

        if (to < from)
        {
            throw new CliException(ExitCodes.Usage, $"--to ({to}) is before --from ({from})");
        }

        long steps = (long)Math.Floor(to.SecondsSince(from) / stepSeconds) + 1;
        if (steps * sets.Count > MaxRows)
        {
            throw new CliException(ExitCodes.Usage, $"{steps * sets.Count} rows requested; the limit is {MaxRows} (use a larger --step or a shorter span)");
        }

        var table = new ResultTable(Columns(frame, withAge), StateColumns.Caption(frame, "TEME (SGP4 output)"));
        int failures = 0;
        foreach (var e in sets)
        {
            Sgp4Propagator propagator;
            try
            {
                propagator = Sgp4Propagator.Create(e);
            }
            catch (Sgp4Exception ex)
            {
                context.Error.WriteLine($"steppe: {Label(e)}: {ex.Message}");
                failures++;
                continue;
            }

            var sampled = StateSampler.Sample(propagator, StateSampler.Grid(from, to, TimeSpan.FromSeconds(stepSeconds)));
            if (sampled.StoppedAt is { } stoppedAt)
            {
                context.Error.WriteLine($"steppe: {Label(e)} at {stoppedAt}: {sampled.Message} (SGP4 error {(int)sampled.Error!}); no states after this time");
                failures++;
            }

            foreach (var teme in sampled.States)
            {
                var t = teme.Epoch;
                var cells = new List<object?> { e.CatalogNumber, t };
                StateColumns.Add(cells, teme, frame, context.Tables.EarthOrientation);
                if (withAge)
                {
                    cells.Add(t.DaysSince(e.Epoch));
                }

                table.Add([.. cells]);
            }
        }

        table.Write(format, context);
        return failures > 0 ? ExitCodes.PropagationFailure : ExitCodes.Ok;
    }

    private static string Label(MeanElements e) => e.Name is { Length: > 0 } name ? $"{e.CatalogNumber} ({name})" : e.CatalogNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<Column> Columns(OutputFrame frame, bool withAge)
    {
        var columns = new List<Column> { new("norad_id", "NORAD"), new("time_utc", "time (UTC)") };
        columns.AddRange(StateColumns.For(frame));
        if (withAge)
        {
            columns.Add(new("age_days", "element age (d)", "0.000"));
        }

        return columns;
    }
}
