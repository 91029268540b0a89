using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces.Atmosphere;

namespace Steppe.Planning.Lifetime;

/// <summary>
/// NRLMSISE-00 driven by a <see cref="DecaySpaceWeather"/> (the table, or held activity), for the lifetime models:
/// the semi-analytic decay asks it for the density around an orbit at one instant, the numerical end phase along the
/// trajectory. Below the ground it answers the density at the ground (the end phase stops at 80 km; this only keeps a
/// step that overshoots from failing). The inputs are looked up once per instant asked; an instance serves one thread.
/// </summary>
public sealed class DecayAtmosphere : IAtmosphereModel
{
    private readonly Nrlmsise00 _model = new(NrlmsiseSwitches.StandardWithApHistory);
    private readonly LeapSecondTable _leapSeconds;
    private Instant _cachedEpoch;
    private (DragInputs Inputs, NrlmsiseApHistory History, int DayOfYear, TimeSpan Ut)? _cached;

    /// <summary>The model driven by <paramref name="spaceWeather"/>, UTC read with <paramref name="leapSeconds"/>.</summary>
    public DecayAtmosphere(DecaySpaceWeather spaceWeather, LeapSecondTable leapSeconds)
    {
        ArgumentNullException.ThrowIfNull(spaceWeather);
        ArgumentNullException.ThrowIfNull(leapSeconds);
        SpaceWeather = spaceWeather;
        _leapSeconds = leapSeconds;
    }

    /// <summary>The activity assumed.</summary>
    public DecaySpaceWeather SpaceWeather { get; }

    /// <inheritdoc />
    public string Name => "NRLMSISE-00";

    /// <inheritdoc />
    public double DensityKgPerM3(in AtmospherePoint point)
    {
        if (_cached is not { } c || _cachedEpoch != point.Epoch)
        {
            var inputs = SpaceWeather.At(point.Epoch);
            var utc = point.Epoch.ToUtc(_leapSeconds);
            c = (inputs, NrlmsiseApHistory.FromArray(inputs.ApArray), utc.Date.DayOfYear, TimeSpan.FromSeconds(utc.SecondsOfDay));
            _cached = c;
            _cachedEpoch = point.Epoch;
        }

        double height = Math.Max(point.Geodetic.HeightKm, 0.0);
        var input = new NrlmsiseInput(c.DayOfYear, c.Ut, height, point.Geodetic.Latitude.Degrees, point.Geodetic.Longitude.Degrees,
            point.LocalSolarTime, c.Inputs.F107Centred81, c.Inputs.F107PreviousDay, c.Inputs.ApDaily, c.History);
        return _model.Evaluate(input).EffectiveMassDensityKgPerM3;
    }
}
