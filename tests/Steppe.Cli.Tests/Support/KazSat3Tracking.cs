using System.Globalization;
using System.Text;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Geodesy;
using Steppe.Core.Time;
using Steppe.Dynamics.Estimation;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;

namespace Steppe.Cli.Tests.Support;

/// <summary>
/// Simulated tracking of KazSat-3 for the orbit-determination and element-fit tests of the command line and the API:
/// the truth is <c>docs/examples/kazsat-3.opm</c> without its burn, propagated a day and a bit with the GEO defaults;
/// a station's TDM holds range (5 m noise) and azimuth/elevation (0.01°) every 20 minutes for a day.
/// </summary>
internal static class KazSat3Tracking
{
    /// <summary>The example OPM (the test project's linked copy).</summary>
    public static readonly string ExampleOpm = Path.Combine(AppContext.BaseDirectory, "TestData", "examples", "kazsat-3.opm");

    /// <summary>The example's text without its maneuver.</summary>
    public static string TruthOpmText() => string.Join('\n', File.ReadAllLines(ExampleOpm).Where(l => !l.StartsWith("MAN_", StringComparison.Ordinal)));

    /// <summary>The truth trajectory of <paramref name="opmText"/> and its initial conditions.</summary>
    public static (NumericalTrajectory Truth, PreciseInitialConditions Conditions) Truth(string opmText)
    {
        var eop = EarthOrientationTable.Bundled;
        var conditions = OpmInput.Resolve(OpmInput.Parse(opmText, "kazsat-3.opm"), "kazsat-3.opm", eop);
        var settings = conditions.Resolve(new ForceModelSettings());
        var truth = settings.Build(conditions.Spacecraft).Propagator(new Steppe.Dynamics.Forces.ForceEnvironment(eop, BundledEphemeris.De405))
            .Propagate(conditions.InitialState, conditions.Spacecraft, conditions.InitialState.Epoch.AddSeconds(1.01 * 86400));
        return (truth, conditions);
    }

    /// <summary>A standard normal number (Box–Muller).</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>A TDM of <paramref name="station"/> at <paramref name="location"/>: range and azimuth/elevation every 20 minutes for a day.</summary>
    public static string Tdm(string station, GeodeticPoint location, NumericalTrajectory truth, Instant start, int seed)
    {
        var site = new GroundStation(station, location);
        var random = new Random(seed);
        var text = new StringBuilder();
        text.Append("CCSDS_TDM_VERS = 2.0\nCREATION_DATE = 2026-12-06T00:00:00\nORIGINATOR = KGS\nMETA_START\nTIME_SYSTEM = UTC\n")
            .Append(CultureInfo.InvariantCulture, $"PARTICIPANT_1 = {station}\nPARTICIPANT_2 = KAZSAT-3\nMODE = SEQUENTIAL\nPATH = 1,2,1\nRANGE_UNITS = km\nANGLE_TYPE = AZEL\nMETA_STOP\nDATA_START\n");
        var eop = EarthOrientationTable.Bundled;
        for (int minute = 20; minute <= 1440; minute += 20)
        {
            var t = start.AddSeconds(minute * 60.0);
            string epoch = t.ToIsoString(3).TrimEnd('Z');
            double range = MeasurementModels.Predict(MeasurementKind.Range, t, site, truth.StateAt, eop).Values[0] + (0.005 * Normal(random));
            var azEl = MeasurementModels.Predict(MeasurementKind.AzimuthElevation, t, site, truth.StateAt, eop).Values;
            text.Append(CultureInfo.InvariantCulture, $"RANGE = {epoch} {range:F6}\n")
                .Append(CultureInfo.InvariantCulture, $"ANGLE_1 = {epoch} {(azEl[0] * 180 / Math.PI) + (0.01 * Normal(random)):F6}\n")
                .Append(CultureInfo.InvariantCulture, $"ANGLE_2 = {epoch} {(azEl[1] * 180 / Math.PI) + (0.01 * Normal(random)):F6}\n");
        }

        return text.Append("DATA_STOP\n").ToString();
    }
}
