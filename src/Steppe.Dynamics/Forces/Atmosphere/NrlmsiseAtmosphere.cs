using System.Globalization;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;

namespace Steppe.Dynamics.Forces.Atmosphere;

/// <summary>What <see cref="NrlmsiseAtmosphere"/> does at an instant its space-weather table cannot answer.</summary>
public enum MissingSpaceWeather
{
    /// <summary>Throw <see cref="SpaceWeatherUnavailableException"/>, naming the date (the default).</summary>
    Refuse,

    /// <summary>Use constant moderate activity: F10.7 = 150 sfu (daily and 81-day mean), Ap = 15 (daily and every 3-hour ap).</summary>
    UseConstants,
}

/// <summary>The space weather a drag model needs is not in the table handed to it.</summary>
public sealed class SpaceWeatherUnavailableException : InvalidOperationException
{
    /// <summary>An exception for <paramref name="date"/>.</summary>
    public SpaceWeatherUnavailableException(DateOnly date, string message)
        : base(message) => Date = date;

    /// <summary>The UTC date the inputs were needed for.</summary>
    public DateOnly Date { get; }
}

/// <summary>
/// NRLMSISE-00 driven by a space-weather table: at each instant F10.7 of the previous UTC day, its 81-day centred mean
/// and the 3-hour ap history (<see cref="SpaceWeatherTable.At"/>); the model runs with
/// <see cref="NrlmsiseSwitches.StandardWithApHistory"/> unless told otherwise. The density for drag is the model's
/// effective mass density (anomalous oxygen included, <see cref="NrlmsiseOutput.EffectiveMassDensityKgPerM3"/>);
/// local solar time is the apparent one, from the Sun's hour angle.
/// </summary>
/// <remarks>
/// <para>Predicted space weather (daily or monthly predictions) is used as it is; <see cref="WorstQuality"/> reports the
/// least reliable quality used so far, for the output header. Missing space weather (before the table, after its last
/// prediction, or a day without F10.7): by default the evaluation throws <see cref="SpaceWeatherUnavailableException"/>
/// naming the date and the table's span; with <see cref="MissingSpaceWeather.UseConstants"/> the model uses F10.7 = 150
/// and Ap = 15 there, and <see cref="UsedConstants"/> becomes true.</para>
/// <para>The space-weather inputs are looked up once per 3-hour ap interval and kept; an instance may serve several
/// threads.</para>
/// </remarks>
public sealed class NrlmsiseAtmosphere : IAtmosphereModel
{
    /// <summary>The inputs used where space weather is missing and <see cref="MissingSpaceWeather.UseConstants"/> is chosen.</summary>
    public static readonly DragInputs ConstantInputs = new(150.0, 150.0, 15.0, [15.0, 15.0, 15.0, 15.0, 15.0, 15.0, 15.0], SpaceWeatherQuality.MonthlyPredicted);

    private readonly SpaceWeatherTable _spaceWeather;
    private readonly LeapSecondTable _leapSeconds;
    private readonly object _gate = new();
    private Interval? _interval;
    private int _worstQuality = -1;
    private bool _usedConstants;

    /// <summary>The model driven by <paramref name="spaceWeather"/>, UTC read with <paramref name="leapSeconds"/>.</summary>
    public NrlmsiseAtmosphere(SpaceWeatherTable spaceWeather, LeapSecondTable leapSeconds, MissingSpaceWeather whenMissing = MissingSpaceWeather.Refuse,
        NrlmsiseSwitches? switches = null)
    {
        ArgumentNullException.ThrowIfNull(spaceWeather);
        ArgumentNullException.ThrowIfNull(leapSeconds);
        _spaceWeather = spaceWeather;
        _leapSeconds = leapSeconds;
        WhenMissing = whenMissing;
        Model = new Nrlmsise00(switches ?? NrlmsiseSwitches.StandardWithApHistory);
    }

    /// <summary>The underlying model.</summary>
    public Nrlmsise00 Model { get; }

    /// <summary>What happens where space weather is missing.</summary>
    public MissingSpaceWeather WhenMissing { get; }

    /// <inheritdoc />
    public string Name => "NRLMSISE-00";

    /// <summary>The least reliable quality of the space weather used so far (null before the first evaluation).</summary>
    public SpaceWeatherQuality? WorstQuality => Volatile.Read(ref _worstQuality) is >= 0 and var q ? (SpaceWeatherQuality)q : null;

    /// <summary>Whether the constants stood in for missing space weather at least once.</summary>
    public bool UsedConstants => Volatile.Read(ref _usedConstants);

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The point is below the ground (geodetic height under 0 km).</exception>
    /// <exception cref="SpaceWeatherUnavailableException">Space weather is missing and <see cref="WhenMissing"/> is <see cref="MissingSpaceWeather.Refuse"/>.</exception>
    public double DensityKgPerM3(in AtmospherePoint point) => Evaluate(point).EffectiveMassDensityKgPerM3;

    /// <summary>Everything the model gives at <paramref name="point"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The point is below the ground (geodetic height under 0 km).</exception>
    /// <exception cref="SpaceWeatherUnavailableException">Space weather is missing and <see cref="WhenMissing"/> is <see cref="MissingSpaceWeather.Refuse"/>.</exception>
    public NrlmsiseOutput Evaluate(in AtmospherePoint point)
    {
        double heightKm = point.Geodetic.HeightKm;
        if (!(heightKm >= 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(point), heightKm,
                string.Create(CultureInfo.InvariantCulture, $"NRLMSISE-00 starts at the ground; the point is at {heightKm:F3} km."));
        }

        var interval = IntervalAt(point.Epoch);
        var inputs = interval.Inputs;
        double secondsOfDay = interval.StartSecondsOfDay + point.Epoch.SecondsSince(interval.Start);
        var input = new NrlmsiseInput(interval.DayOfYear, TimeSpan.FromSeconds(secondsOfDay), heightKm, point.Geodetic.Latitude.Degrees,
            point.Geodetic.Longitude.Degrees, point.LocalSolarTime, inputs.F107Centred81, inputs.F107PreviousDay, inputs.ApDaily, interval.History);
        return Model.Evaluate(input);
    }

    /// <summary>
    /// A function of time whose sign changes exactly where the model's inputs jump: every 3 hours of UTC (the ap
    /// intervals; the daily F10.7 and the day of year change at midnight, one of them): sin(π · UTC seconds of day / 10800).
    /// </summary>
    public double InputSwitch(Instant epoch) => Math.Sin(Math.PI * epoch.ToUtc(_leapSeconds).SecondsOfDay / 10800.0);

    /// <summary>The space-weather inputs at <paramref name="epoch"/> as this model uses them (the constants where missing and allowed).</summary>
    /// <exception cref="SpaceWeatherUnavailableException">Space weather is missing and <see cref="WhenMissing"/> is <see cref="MissingSpaceWeather.Refuse"/>.</exception>
    public DragInputs InputsAt(Instant epoch) => IntervalAt(epoch).Inputs;

    private Interval IntervalAt(Instant epoch)
    {
        var current = Volatile.Read(ref _interval);
        if (current is not null && epoch.SecondsSince(current.Start) is >= 0 and < 10800.0)
        {
            return current;
        }

        var utc = epoch.ToUtc(_leapSeconds);
        var day = utc.Date;
        int startHour = utc.Hour / 3 * 3;
        var start = Instant.FromUtc(utc.Year, utc.Month, utc.Day, startHour, 0, 0, _leapSeconds);
        var inputs = _spaceWeather.At(epoch, _leapSeconds);
        bool constants = false;
        if (inputs is null)
        {
            if (WhenMissing == MissingSpaceWeather.Refuse)
            {
                throw new SpaceWeatherUnavailableException(day, string.Create(CultureInfo.InvariantCulture,
                    $"No space weather for {day:yyyy-MM-dd} (NRLMSISE-00 needs F10.7 and ap from {day.AddDays(-3):yyyy-MM-dd} to that day); the table covers {_spaceWeather.FirstDay:yyyy-MM-dd} to {_spaceWeather.LastDay:yyyy-MM-dd}."));
            }

            inputs = ConstantInputs;
            constants = true;
        }

        var next = new Interval(start, startHour * 3600.0, day.DayOfYear, inputs, NrlmsiseApHistory.FromArray(inputs.ApArray));
        lock (_gate)
        {
            if (constants)
            {
                _usedConstants = true;
            }
            else if ((int)inputs.Quality > _worstQuality)
            {
                _worstQuality = (int)inputs.Quality;
            }

            _interval = next;
        }

        return next;
    }

    private sealed record Interval(Instant Start, double StartSecondsOfDay, int DayOfYear, DragInputs Inputs, NrlmsiseApHistory History);
}
