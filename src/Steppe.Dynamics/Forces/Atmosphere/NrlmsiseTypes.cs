namespace Steppe.Dynamics.Forces.Atmosphere;

/// <summary>
/// The NRLMSISE-00 magnetic-activity history (the model's "ap array"), used when switch 9 is −1
/// (<see cref="NrlmsiseSwitches.StandardWithApHistory"/>).
/// </summary>
/// <param name="Daily">Daily Ap.</param>
/// <param name="Current">3-hour ap of the current interval.</param>
/// <param name="ThreeHoursBefore">3-hour ap 3 hours before.</param>
/// <param name="SixHoursBefore">3-hour ap 6 hours before.</param>
/// <param name="NineHoursBefore">3-hour ap 9 hours before.</param>
/// <param name="Mean12To33HoursBefore">Mean of the eight 3-hour ap from 12 to 33 hours before.</param>
/// <param name="Mean36To57HoursBefore">Mean of the eight 3-hour ap from 36 to 57 hours before.</param>
public readonly record struct NrlmsiseApHistory(double Daily, double Current, double ThreeHoursBefore, double SixHoursBefore,
    double NineHoursBefore, double Mean12To33HoursBefore, double Mean36To57HoursBefore)
{
    /// <summary>The history from the seven values in the model's order (daily, current, −3 h, −6 h, −9 h, 12–33 h, 36–57 h).</summary>
    public static NrlmsiseApHistory FromArray(IReadOnlyList<double> ap)
    {
        ArgumentNullException.ThrowIfNull(ap);
        if (ap.Count != 7)
        {
            throw new ArgumentException($"The ap array has 7 values, not {ap.Count}.", nameof(ap));
        }

        return new NrlmsiseApHistory(ap[0], ap[1], ap[2], ap[3], ap[4], ap[5], ap[6]);
    }

    internal double this[int index] => index switch
    {
        0 => Daily,
        1 => Current,
        2 => ThreeHoursBefore,
        3 => SixHoursBefore,
        4 => NineHoursBefore,
        5 => Mean12To33HoursBefore,
        _ => Mean36To57HoursBefore,
    };
}

/// <summary>
/// The inputs of one NRLMSISE-00 evaluation. Universal time, local solar time and longitude enter the model
/// independently; for a physically consistent point local solar time is UT + longitude/15 h (the drag force does so).
/// </summary>
/// <param name="DayOfYear">Day of the year, 1–366 (UT).</param>
/// <param name="UniversalTime">Time of day, UT.</param>
/// <param name="AltitudeKm">Geodetic altitude, km.</param>
/// <param name="LatitudeDeg">Geodetic latitude, degrees.</param>
/// <param name="LongitudeDeg">Longitude, degrees east.</param>
/// <param name="LocalSolarTime">Local apparent solar time.</param>
/// <param name="F107Average">81-day average of F10.7 centred on the day, sfu (flux at the Earth's distance).</param>
/// <param name="F107PreviousDay">Daily F10.7 of the previous day, sfu.</param>
/// <param name="ApDaily">Daily magnetic index Ap.</param>
/// <param name="ApHistory">The 3-hour ap history; needed when switch 9 is −1, ignored otherwise.</param>
public readonly record struct NrlmsiseInput(int DayOfYear, TimeSpan UniversalTime, double AltitudeKm, double LatitudeDeg, double LongitudeDeg,
    TimeSpan LocalSolarTime, double F107Average, double F107PreviousDay, double ApDaily, NrlmsiseApHistory? ApHistory = null);

/// <summary>
/// What NRLMSISE-00 gives at a point, SI units: number densities (m⁻³) of helium, atomic oxygen, molecular nitrogen,
/// molecular oxygen, argon, hydrogen, atomic nitrogen and anomalous oxygen, the total mass density and the temperatures.
/// </summary>
/// <param name="HeliumPerM3">He number density, m⁻³.</param>
/// <param name="OxygenPerM3">O number density, m⁻³.</param>
/// <param name="NitrogenPerM3">N₂ number density, m⁻³.</param>
/// <param name="DioxygenPerM3">O₂ number density, m⁻³.</param>
/// <param name="ArgonPerM3">Ar number density, m⁻³.</param>
/// <param name="HydrogenPerM3">H number density, m⁻³.</param>
/// <param name="AtomicNitrogenPerM3">N number density, m⁻³.</param>
/// <param name="AnomalousOxygenPerM3">Anomalous (hot) O number density, m⁻³.</param>
/// <param name="MassDensityKgPerM3">Total mass density of He, O, N₂, O₂, Ar, H and N, kg/m³ (the model's GTD7 value; anomalous O not included).</param>
/// <param name="ExosphericTemperatureK">Exospheric temperature, K.</param>
/// <param name="TemperatureK">Temperature at the altitude, K.</param>
public readonly record struct NrlmsiseOutput(double HeliumPerM3, double OxygenPerM3, double NitrogenPerM3, double DioxygenPerM3, double ArgonPerM3,
    double HydrogenPerM3, double AtomicNitrogenPerM3, double AnomalousOxygenPerM3, double MassDensityKgPerM3, double ExosphericTemperatureK,
    double TemperatureK)
{
    /// <summary>The "effective" mass density for drag: <see cref="MassDensityKgPerM3"/> plus anomalous oxygen (the model's GTD7D
    /// value), kg/m³. It differs from the other above about 500 km, where hot oxygen contributes to drag.</summary>
    public double EffectiveMassDensityKgPerM3 => MassDensityKgPerM3 + (16.0 * Nrlmsise00.AtomicMassUnitKg * AnomalousOxygenPerM3);
}

/// <summary>
/// The 24 NRLMSISE-00 switches (0 off, 1 on, 2 main effects off but cross terms on). Switch 0 (output units) has no
/// effect here: the output is always SI. Switch 9 is −1 to drive the model with the 3-hour ap history
/// (<see cref="NrlmsiseInput.ApHistory"/>) instead of the daily Ap. Immutable.
/// </summary>
public sealed class NrlmsiseSwitches
{
    private readonly int[] _switches;

    private NrlmsiseSwitches(int[] switches)
    {
        _switches = switches;
        Sw = new double[24];
        Swc = new double[24];
        for (int i = 0; i < 24; i++)
        {
            if (i == 9)
            {
                Sw[i] = Swc[i] = switches[i];
            }
            else
            {
                Sw[i] = switches[i] == 1 ? 1 : 0;
                Swc[i] = switches[i] > 0 ? 1 : 0;
            }
        }
    }

    /// <summary>All variations on (switches 1–23 = 1), daily Ap.</summary>
    public static NrlmsiseSwitches Standard { get; } = new(Enumerable.Repeat(1, 24).ToArray());

    /// <summary>All variations on, magnetic activity from the 3-hour ap history (switch 9 = −1).</summary>
    public static NrlmsiseSwitches StandardWithApHistory { get; } = Standard.With(9, -1);

    /// <summary>Switch <paramref name="index"/> (0–23).</summary>
    public int this[int index] => _switches[index];

    /// <summary>Whether the 3-hour ap history drives the magnetic activity (switch 9 = −1).</summary>
    public bool UsesApHistory => _switches[9] == -1;

    internal double[] Sw { get; }

    internal double[] Swc { get; }

    /// <summary>A copy with switch <paramref name="index"/> set to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not 1–23, or the value not 0, 1, 2 (or −1 for switch 9).</exception>
    public NrlmsiseSwitches With(int index, int value)
    {
        if (index is < 1 or > 23)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "NRLMSISE-00 switches 1 to 23 can be set (switch 0, units, does not apply).");
        }

        if (value is < 0 or > 2 && !(index == 9 && value == -1))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A switch is 0, 1 or 2 (switch 9 also −1).");
        }

        var copy = (int[])_switches.Clone();
        copy[index] = value;
        return new NrlmsiseSwitches(copy);
    }
}
