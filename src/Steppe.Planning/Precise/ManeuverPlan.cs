using System.Globalization;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Maneuvers;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Opm;

namespace Steppe.Planning.Precise;

/// <summary>
/// A maneuver plan: impulsive maneuvers (at a time or at an orbital event) and finite burns, read from a CSV file with a
/// header row (<see cref="Parse"/>). The columns, in any order (names case-insensitive; blank lines and lines starting
/// with <c>#</c> are skipped):
/// <list type="bullet">
/// <item><c>trigger</c> (required): an ISO time (UTC unless it carries a zone), <c>apogee</c>, <c>perigee</c>,
/// <c>ascending-node</c>, <c>descending-node</c> or <c>u=&lt;deg&gt;</c> (argument of latitude); an event fires at its
/// first occurrence after the previous event-triggered maneuver;</item>
/// <item><c>frame</c> (required): RTN (also RIC, RSW, QSW), VNC, TNW or GCRF (also ICRF, EME2000, J2000);</item>
/// <item><c>dv1_m_s</c>, <c>dv2_m_s</c>, <c>dv3_m_s</c> (required): the Δv components along the frame's axes, m/s (for
/// a finite burn: the thrust direction; its size is not used);</item>
/// <item><c>isp_s</c> (optional): specific impulse, s; an impulsive maneuver with it spends mass by the rocket
/// equation;</item>
/// <item><c>duration_s</c>, <c>thrust_n</c> (optional): a duration above zero makes a finite burn of that thrust and
/// <c>isp_s</c>, all three required, at a time trigger.</item>
/// </list>
/// </summary>
/// <param name="Maneuvers">The impulsive maneuvers, in file order.</param>
/// <param name="Burns">The finite burns, in file order.</param>
public sealed record ManeuverPlan(IReadOnlyList<ImpulsiveManeuver> Maneuvers, IReadOnlyList<FiniteBurn> Burns)
{
    /// <summary>The column names.</summary>
    public static readonly IReadOnlyList<string> ColumnNames = ["trigger", "frame", "dv1_m_s", "dv2_m_s", "dv3_m_s", "duration_s", "thrust_n", "isp_s"];

    /// <summary>Reads a plan from CSV text <paramref name="text"/> (from <paramref name="sourceName"/>).</summary>
    /// <exception cref="PreciseInputException">A bad header or row; the one-line message names the source, the line and
    /// the column (<c>plan.csv:3:2: frame 'XYZ': expected …</c>).</exception>
    public static ManeuverPlan Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var maneuvers = new List<ImpulsiveManeuver>();
        var burns = new List<FiniteBurn>();
        Dictionary<string, int>? columns = null;
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split(',').Select(c => c.Trim()).ToArray();
            int lineNumber = n + 1;
            if (columns is null)
            {
                columns = Header(cells, sourceName, lineNumber);
                continue;
            }

            Row(cells, columns, sourceName, lineNumber, maneuvers, burns);
        }

        if (columns is null)
        {
            throw new PreciseInputException($"{sourceName}:1:1: expected a header row naming the columns {string.Join(",", ColumnNames.Take(5))}[,duration_s,thrust_n,isp_s]");
        }

        return new ManeuverPlan(maneuvers, burns);
    }

    private static Dictionary<string, int> Header(string[] cells, string source, int line)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < cells.Length; i++)
        {
            string name = cells[i].ToLowerInvariant();
            if (!ColumnNames.Contains(name))
            {
                throw new PreciseInputException($"{source}:{line}:{i + 1}: unknown column '{cells[i]}': expected {string.Join(", ", ColumnNames)}");
            }

            if (!columns.TryAdd(name, i))
            {
                throw new PreciseInputException($"{source}:{line}:{i + 1}: column '{cells[i]}' appears twice");
            }
        }

        foreach (var required in ColumnNames.Take(5))
        {
            if (!columns.ContainsKey(required))
            {
                throw new PreciseInputException($"{source}:{line}:1: the header lacks the column '{required}'");
            }
        }

        return columns;
    }

    private static void Row(string[] cells, Dictionary<string, int> columns, string source, int line, List<ImpulsiveManeuver> maneuvers, List<FiniteBurn> burns)
    {
        string Cell(string name) => columns.TryGetValue(name, out int i) && i < cells.Length ? cells[i] : string.Empty;
        string Where(string name) => $"{source}:{line}:{(columns.TryGetValue(name, out int i) ? i + 1 : 1)}";
        double? Number(string name, bool required)
        {
            string text = Cell(name);
            if (text.Length == 0)
            {
                return required ? throw new PreciseInputException($"{Where(name)}: {name} is empty") : null;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new PreciseInputException($"{Where(name)}: {name} '{text}': expected a number");
            }

            return value;
        }

        if (cells.Length > columns.Count)
        {
            throw new PreciseInputException($"{source}:{line}:{columns.Count + 1}: {cells.Length} fields, the header has {columns.Count}");
        }

        var (frame, toFrame) = FrameOf(Cell("frame")) ?? throw new PreciseInputException(
            $"{Where("frame")}: frame '{Cell("frame")}': expected RTN, RIC, RSW, VNC, TNW or GCRF");
        var dvMPerS = new Vector3D(Number("dv1_m_s", true)!.Value, Number("dv2_m_s", true)!.Value, Number("dv3_m_s", true)!.Value);
        var components = toFrame(dvMPerS / 1000.0);
        double? isp = Number("isp_s", false);
        if (isp is { } ispValue && !(ispValue > 0))
        {
            throw new PreciseInputException($"{Where("isp_s")}: isp_s {ispValue.ToString(CultureInfo.InvariantCulture)}: expected a positive number");
        }

        var trigger = Trigger(Cell("trigger"), Where("trigger"));
        double? duration = Number("duration_s", false);
        double? thrust = Number("thrust_n", false);
        if (duration is { } d && d != 0)
        {
            if (!(d > 0))
            {
                throw new PreciseInputException($"{Where("duration_s")}: duration_s {d.ToString(CultureInfo.InvariantCulture)}: expected a positive number");
            }

            if (trigger is not ManeuverTrigger.AtTime at)
            {
                throw new PreciseInputException($"{Where("trigger")}: a finite burn (duration_s > 0) needs a time trigger");
            }

            if (thrust is not { } t || !(t > 0))
            {
                throw new PreciseInputException($"{Where("thrust_n")}: a finite burn needs a positive thrust_n");
            }

            if (isp is null)
            {
                throw new PreciseInputException($"{Where("isp_s")}: a finite burn needs isp_s");
            }

            if (!(components.Length > 0))
            {
                throw new PreciseInputException($"{Where("dv1_m_s")}: a finite burn needs a non-zero direction in dv1_m_s..dv3_m_s");
            }

            burns.Add(new FiniteBurn(at.Time, TimeSpan.FromSeconds(d), t, isp.Value, components, frame));
            return;
        }

        if (thrust is not null)
        {
            throw new PreciseInputException($"{Where("thrust_n")}: thrust_n is for a finite burn; give duration_s too");
        }

        maneuvers.Add(new ImpulsiveManeuver(trigger, components, frame, isp));
    }

    private static ManeuverTrigger Trigger(string text, string where)
    {
        string t = text.Trim().ToLowerInvariant();
        switch (t)
        {
            case "apogee":
            case "apoapsis":
                return ManeuverTrigger.Apogee;
            case "perigee":
            case "periapsis":
                return ManeuverTrigger.Perigee;
            case "ascending-node":
                return ManeuverTrigger.AscendingNode;
            case "descending-node":
                return ManeuverTrigger.DescendingNode;
        }

        if (t.StartsWith("u=", StringComparison.Ordinal))
        {
            if (double.TryParse(t[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out double degrees) && double.IsFinite(degrees))
            {
                return ManeuverTrigger.ArgumentOfLatitude(degrees * Math.PI / 180.0);
            }

            throw new PreciseInputException($"{where}: trigger '{text}': expected u=<degrees>");
        }

        if (Instant.TryParse(text.Trim(), out var time, out _))
        {
            return new ManeuverTrigger.AtTime(time);
        }

        throw new PreciseInputException($"{where}: trigger '{text}': expected an ISO time, apogee, perigee, ascending-node, descending-node or u=<deg>");
    }

    /// <summary>The propagator's frame for a plan or OPM frame name and the map of components into it, or null.</summary>
    internal static (ManeuverFrame Frame, Func<Vector3D, Vector3D> Components)? FrameOf(string name) => (name ?? string.Empty).Trim().ToUpperInvariant() switch
    {
        "RTN" or "RIC" or "RSW" or "QSW" => (ManeuverFrame.Ric, v => v),
        "VNC" => (ManeuverFrame.Vnc, v => v),

        // TNW (T along v, N = W × T, W along r × v) in VNC: (T, W, −N).
        "TNW" => (ManeuverFrame.Vnc, v => new Vector3D(v.X, v.Z, -v.Y)),
        "GCRF" or "ICRF" or "EME2000" or "J2000" => (ManeuverFrame.Inertial, v => v),
        _ => null,
    };

    /// <summary>The OPM MAN_REF_FRAME and components of a Δv given in <paramref name="frame"/> (VNC is written as TNW,
    /// which OPM names).</summary>
    public static (string RefFrame, Vector3D Components) OpmFrame(ManeuverFrame frame, Vector3D components) => frame switch
    {
        ManeuverFrame.Ric => ("RTN", components),
        ManeuverFrame.Vnc => ("TNW", new Vector3D(components.X, 0.0 - components.Z, components.Y)),
        _ => ("GCRF", components),
    };

    /// <summary>
    /// The OPM maneuvers of a propagation: each impulsive maneuver that fired (event-triggered ones at the time they
    /// fired) with its Δv in its own frame (<paramref name="plannedManeuvers"/>, matched in order) and the mass it spent,
    /// and each finite burn with the Δv and mass change that give back its thrust and Isp (MAN_DURATION &gt; 0), in time
    /// order — what <see cref="OpmInput.Resolve"/> reads back to the same maneuvers.
    /// </summary>
    public static IReadOnlyList<OpmManeuver> ToOpm(NumericalTrajectory trajectory, IReadOnlyList<ImpulsiveManeuver> plannedManeuvers, IReadOnlyList<FiniteBurn> burns)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(plannedManeuvers);
        ArgumentNullException.ThrowIfNull(burns);
        var result = new List<OpmManeuver>();
        bool backward = trajectory.Epoch > trajectory.Start; // a backward run undoes each maneuver: its mass grows
        foreach (var (record, planned) in Match(trajectory.Maneuvers, plannedManeuvers))
        {
            var (refFrame, components) = OpmFrame(planned.Frame, planned.DeltaVKmPerS);
            double deltaMassKg = backward ? record.MassBeforeKg - record.MassAfterKg : record.MassAfterKg - record.MassBeforeKg;
            result.Add(new OpmManeuver(record.Time, TimeSpan.Zero, deltaMassKg, refFrame, components));
        }

        foreach (var burn in burns)
        {
            double m0 = trajectory.MassKgAt(burn.Start);
            double m1 = m0 - (burn.MassFlowKgPerS * burn.Duration.TotalSeconds);
            double dv = RocketEquation.DeltaVKmPerS(m0, m1, burn.IspSeconds);
            var (refFrame, direction) = OpmFrame(burn.Frame, burn.Direction.Normalized());
            result.Add(new OpmManeuver(burn.Start, burn.Duration, m1 - m0, refFrame, dv * direction));
        }

        return [.. result.OrderBy(m => m.EpochIgnition)];
    }

    /// <summary>Pairs each applied maneuver with the planned one it came from: a timed one by its time, an event one in
    /// the order of the plan.</summary>
    public static IEnumerable<(ManeuverRecord Record, ImpulsiveManeuver Planned)> Match(IReadOnlyList<ManeuverRecord> applied, IReadOnlyList<ImpulsiveManeuver> planned)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(planned);
        var used = new bool[planned.Count];
        foreach (var record in applied)
        {
            int index = -1;
            for (int i = 0; i < planned.Count && index < 0; i++)
            {
                if (!used[i] && planned[i].Trigger is ManeuverTrigger.AtTime at && Math.Abs(at.Time.SecondsSince(record.Time)) < 1e-6)
                {
                    index = i;
                }
            }

            for (int i = 0; i < planned.Count && index < 0; i++)
            {
                if (!used[i] && planned[i].Trigger is ManeuverTrigger.AtEvent)
                {
                    index = i;
                }
            }

            if (index < 0)
            {
                continue;
            }

            used[index] = true;
            yield return (record, planned[index]);
        }
    }
}
