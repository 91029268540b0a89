using System.CommandLine;
using System.Globalization;
using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Formats.Oem;
using Steppe.Planning.Elements;

namespace Steppe.Cli.Commands;

/// <summary>The file formats of <c>steppe export</c>.</summary>
public enum ExportFormat
{
    /// <summary>CCSDS Orbit Ephemeris Message, KVN (one object).</summary>
    Oem,

    /// <summary>CZML for Cesium.</summary>
    Czml,

    /// <summary>GeoJSON ground tracks.</summary>
    Geojson,
}

/// <summary>The frames an OEM export can be written in.</summary>
public enum ExportFrame
{
    /// <summary>GCRF (REF_FRAME = GCRF).</summary>
    Gcrf,

    /// <summary>TEME, SGP4's own frame (REF_FRAME = TEME).</summary>
    Teme,

    /// <summary>ITRF, Earth-fixed (REF_FRAME = ITRF2020, the realisation of the IERS Earth orientation data).</summary>
    Itrf,
}

/// <summary><c>steppe export</c>: ephemeris and track files (CCSDS OEM, CZML, GeoJSON) over a span.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var input = new ElementInput();
        var norad = CommonOptions.Norad();
        var from = CommonOptions.From(context.Time);
        var to = CommonOptions.To(context.Time);
        var step = new Option<double>("--step") { Description = "Step between states, seconds (default 60).", DefaultValueFactory = _ => 60.0 };
        var format = new Option<ExportFormat>("--format") { Description = "oem (CCSDS 502.0 KVN, one object), czml or geojson.", Required = true };
        var frame = new Option<ExportFrame>("--frame") { Description = "OEM frame: gcrf (default), teme or itrf.", DefaultValueFactory = _ => ExportFrame.Gcrf };
        var output = new Option<FileInfo?>("--output") { Description = "Write to this file instead of standard output." };
        var originator = new Option<string>("--originator") { Description = "OEM ORIGINATOR (default STEPPE).", DefaultValueFactory = _ => "STEPPE" };
        var maxAge = ElementChecks.MaxAge();
        var lenient = CommonOptions.LenientChecksums();
        var command = new Command("export", "Write ephemeris or track files for a span: CCSDS OEM (KVN), CZML or GeoJSON.")
        {
            input.Elements, input.Db, norad, from, to, step, format, frame, output, originator, maxAge, lenient,
        };
        command.SetAction(parse => Run(
            context,
            input.Load(parse, parse.GetValue(norad), parse.GetValue(lenient), context),
            parse.GetValue(from), parse.GetValue(to), parse.GetValue(step), parse.GetValue(format), parse.GetValue(frame),
            parse.GetValue(output), parse.GetValue(originator)!, parse.GetValue(maxAge)));
        return command;
    }

    private static int Run(CliContext context, IReadOnlyList<MeanElements> sets, Instant from, Instant to, double stepSeconds, ExportFormat format,
        ExportFrame frame, FileInfo? output, string originator, double maxAgeDays)
    {
        var step = TrackCommand.CheckSpan(from, to, stepSeconds, sets.Count);
        int failures;
        string text;
        switch (format)
        {
            case ExportFormat.Oem:
                if (sets.Count != 1)
                {
                    throw new CliException(ExitCodes.Usage, $"an OEM holds one object; {sets.Count} element sets were selected (choose one with --norad)");
                }

                text = Oem(context, sets[0], from, to, step, frame, originator, maxAgeDays, out failures);
                break;
            case ExportFormat.Czml:
                text = TrackCommand.Czml(TrackCommand.Tracks(context, sets, from, to, step, maxAgeDays, out failures), context.Tables.EarthOrientation);
                break;
            default:
                text = TrackCommand.GeoJson(TrackCommand.Tracks(context, sets, from, to, step, maxAgeDays, out failures), from, to, null, Angle.Zero, context.Tables.EarthOrientation);
                break;
        }

        if (output is null)
        {
            context.Out.Write(text);
            if (!text.EndsWith('\n')) context.Out.WriteLine();
        }
        else
        {
            File.WriteAllText(output.FullName, text);
            context.Error.WriteLine($"steppe: wrote {output.Name}");
        }

        return failures > 0 ? ExitCodes.PropagationFailure : ExitCodes.Ok;
    }

    private static string Oem(CliContext context, MeanElements e, Instant from, Instant to, TimeSpan step, ExportFrame frame, string originator, double maxAgeDays, out int failures)
    {
        failures = 0;
        ElementChecks.WarnIfOld(context, e, from, to, maxAgeDays);
        var propagator = ElementChecks.TryCreate(context, e) ?? throw new CliException(ExitCodes.PropagationFailure, $"{ElementChecks.Label(e)}: no states to export");
        var target = frame switch { ExportFrame.Teme => Frame.Teme, ExportFrame.Itrf => Frame.Itrf, _ => Frame.Gcrf };
        var sampled = StateSampler.Sample(propagator, StateSampler.Grid(from, to, step, includeEnd: true));
        if (sampled.StoppedAt is { } stoppedAt)
        {
            ElementChecks.ReportStop(context, e, stoppedAt, sampled.Error);
            failures++;
        }

        var states = sampled.States.Select(s => OemState.FromStateVector(s.To(target, context.Tables.EarthOrientation))).ToList();

        if (states.Count == 0)
        {
            throw new CliException(ExitCodes.PropagationFailure, $"{ElementChecks.Label(e)}: no states to export");
        }

        string name = e.Name?.Trim() is { Length: > 0 } n ? n : e.CatalogNumber.ToString(CultureInfo.InvariantCulture);
        var message = new OemMessage
        {
            Version = "2.0",
            Comments =
            [
                string.Create(CultureInfo.InvariantCulture, $"Steppe SGP4 ephemeris of NORAD {e.CatalogNumber} from elements of {e.Epoch.ToIsoString(3)} UTC"),
                target == Frame.Teme ? FrameLabels.Describe(target) : $"{FrameLabels.Describe(target)}; {FrameLabels.EarthOrientationSource}",
            ],
            CreationDate = Instant.FromDateTime(context.Time.GetUtcNow().UtcDateTime),
            Originator = originator,
            Segments =
            [
                new OemSegment
                {
                    Metadata = new OemMetadata
                    {
                        ObjectName = name,
                        ObjectId = e.InternationalDesignator ?? e.CatalogNumber.ToString(CultureInfo.InvariantCulture),
                        ReferenceFrame = OemFrames.NameOf(target),
                        StartTime = states[0].Epoch,
                        StopTime = states[^1].Epoch,
                        Interpolation = "LAGRANGE",
                        InterpolationDegree = Math.Min(7, states.Count - 1) is > 0 and var d ? d : null,
                    },
                    DataComments = [string.Create(CultureInfo.InvariantCulture, $"element age at start {from.DaysSince(e.Epoch):0.00} days")],
                    States = states,
                },
            ],
        };
        return OemWriter.Write(message);
    }
}
