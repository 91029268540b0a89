using System.Globalization;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Atmosphere;
using Steppe.Dynamics.Forces.Drag;
using Steppe.Dynamics.Forces.Gravity;
using Steppe.Dynamics.Forces.Relativity;
using Steppe.Dynamics.Forces.Srp;
using Steppe.Dynamics.Forces.ThirdBody;

namespace Steppe.Dynamics.Numerical;

/// <summary>The atmosphere a drag force uses.</summary>
public enum DragModel
{
    /// <summary>No drag.</summary>
    None,

    /// <summary>NRLMSISE-00 driven by the space-weather table (F10.7, its 81-day mean, Ap history).</summary>
    Nrlmsise00,

    /// <summary>Harris–Priester (Montenbruck &amp; Gill §3.5.2), no space weather.</summary>
    HarrisPriester,
}

/// <summary>
/// The choice of force model and integration of one numerical propagation, as plain values that travel (command-line
/// options, an API request, a cluster job) and print (the header of every output). Unset values (null) take the default
/// of the <see cref="Regime"/>; <see cref="Resolve"/> fills them in from the initial state, <see cref="Build"/> turns the
/// resolved choice into force instances. <see cref="FlightDynamicsDefaults"/>, <c>steppe propagate --opm</c> and the
/// API all go through this one record, so the same words give the same forces everywhere.
/// <para>Defaults (what a flight-dynamics engineer would choose, as in GMAT's and Orekit's tutorials):</para>
/// <list type="bullet">
/// <item><b>LEO</b> (below 2,000 km at the epoch): EGM2008 70×70, Sun, Moon, SRP, NRLMSISE-00 drag; DOP853 at 1e-11 km per step.</item>
/// <item><b>GEO</b> (and every other orbit above 2,000 km): EGM2008 8×8, Sun, Moon, SRP, no drag; DOP853 at 1e-11 km per step.</item>
/// </list>
/// </summary>
public sealed record ForceModelSettings
{
    /// <summary>The altitude at the epoch (km above the equatorial radius) below which an orbit is LEO.</summary>
    public const double LeoAltitudeLimitKm = 2000;

    /// <summary>The regime whose defaults fill the unset values; null: chosen from the initial altitude.</summary>
    public OrbitRegime? Regime { get; init; }

    /// <summary>The gravity field: <c>EGM2008</c>, <c>JGM3</c>, <c>none</c> (point mass only) or the name of a user's ICGEM
    /// file, whose field is handed to <see cref="Build"/>.</summary>
    public string Gravity { get; init; } = "EGM2008";

    /// <summary>Degree of the field; null: 70 for LEO, 8 for GEO.</summary>
    public int? Degree { get; init; }

    /// <summary>Order of the field; null: the degree.</summary>
    public int? Order { get; init; }

    /// <summary>Solar gravity (default on).</summary>
    public bool Sun { get; init; } = true;

    /// <summary>Lunar gravity (default on).</summary>
    public bool Moon { get; init; } = true;

    /// <summary>Solar radiation pressure with the conical Earth and Moon shadows (default on).</summary>
    public bool SolarRadiationPressure { get; init; } = true;

    /// <summary>The atmosphere; null: NRLMSISE-00 for LEO, none for GEO.</summary>
    public DragModel? Drag { get; init; }

    /// <summary>The Harris–Priester cosine exponent; null: from the inclination, 2 at the equator to 6 at the poles
    /// (Montenbruck &amp; Gill's 2 for low inclinations and 6 for polar orbits, linear in between).</summary>
    public double? HarrisPriesterExponent { get; init; }

    /// <summary>Solid Earth tides, IERS 2010 step 1 (default off).</summary>
    public bool SolidTides { get; init; }

    /// <summary>The Schwarzschild relativistic correction, IERS 2010 eq. 10.12 (default off).</summary>
    public bool Relativity { get; init; }

    /// <summary>The integrator (default DOP853).</summary>
    public IntegratorKind Integrator { get; init; } = IntegratorKind.DormandPrince853;

    /// <summary>DOP853's position tolerance per step, km; null: <see cref="FlightDynamicsDefaults.DefaultPositionToleranceKm"/>.</summary>
    public double? PositionToleranceKm { get; init; }

    /// <summary>The multistep method's step; null: 12 s for LEO (1 cm over 7 days with the full model), 300 s for GEO.</summary>
    public TimeSpan? FixedStep { get; init; }

    /// <summary>Whether to integrate the state transition matrix with the state (for covariance; default off).</summary>
    public bool StateTransitionMatrix { get; init; }

    /// <summary>The regime a word names (<c>leo</c>, <c>geo</c>, any case), or null for none.</summary>
    /// <exception cref="ArgumentException">Another word (the parameter name is <c>regime</c>).</exception>
    public static OrbitRegime? RegimeFromWord(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "leo" => OrbitRegime.Leo,
        "geo" => OrbitRegime.Geo,
        _ => throw new ArgumentException($"expected leo or geo, found '{word}'", "regime"),
    };

    /// <summary>The atmosphere a word names (<c>nrlmsise</c>, <c>harris-priester</c>, <c>none</c>), or null for none.</summary>
    /// <exception cref="ArgumentException">Another word (the parameter name is <c>drag</c>).</exception>
    public static DragModel? DragFromWord(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "nrlmsise" or "nrlmsise-00" or "nrlmsise00" => DragModel.Nrlmsise00,
        "harris-priester" => DragModel.HarrisPriester,
        "none" => DragModel.None,
        _ => throw new ArgumentException($"expected nrlmsise, harris-priester or none, found '{word}'", "drag"),
    };

    /// <summary>The integrator a word names (<c>dop853</c>, <c>abm8</c>, <c>gj8</c>; none: DOP853).</summary>
    /// <exception cref="ArgumentException">Another word (the parameter name is <c>integrator</c>).</exception>
    public static IntegratorKind IntegratorFromWord(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        null or "" or "dop853" => IntegratorKind.DormandPrince853,
        "abm8" or "abm" => IntegratorKind.AdamsBashforthMoulton,
        "gj8" or "gauss-jackson" => IntegratorKind.GaussJackson,
        _ => throw new ArgumentException($"expected dop853, abm8 or gj8, found '{word}'", "integrator"),
    };

    /// <summary>The regime of an orbit whose initial geocentric distance is <paramref name="geocentricDistanceKm"/>.</summary>
    public static OrbitRegime RegimeOf(double geocentricDistanceKm) =>
        geocentricDistanceKm - Wgs84.EquatorialRadiusKm < LeoAltitudeLimitKm ? OrbitRegime.Leo : OrbitRegime.Geo;

    /// <summary>The defaults of <paramref name="regime"/>, every value set.</summary>
    public static ForceModelSettings Default(OrbitRegime regime) => new ForceModelSettings { Regime = regime }.ResolveFor(Math.PI / 4);

    /// <summary>
    /// These settings with every unset value filled in for an orbit starting at <paramref name="initial"/> (GCRF or any
    /// inertial frame; its geocentric distance picks the regime, its inclination the Harris–Priester exponent).
    /// </summary>
    /// <exception cref="ArgumentException">A value is out of range (see <see cref="Validate"/>).</exception>
    public ForceModelSettings Resolve(StateVector initial)
    {
        var h = Vector3D.Cross(initial.PositionKm, initial.VelocityKmPerS);
        double inclination = h.Length > 0 ? Math.Acos(Math.Clamp(h.Z / h.Length, -1, 1)) : 0;
        var regime = Regime ?? RegimeOf(initial.PositionKm.Length);
        return (this with { Regime = regime }).ResolveFor(inclination);
    }

    private ForceModelSettings ResolveFor(double inclinationRadians)
    {
        var regime = Regime ?? OrbitRegime.Leo;
        bool pointMass = IsPointMass;
        int degree = Degree ?? (pointMass ? 0 : regime == OrbitRegime.Leo ? FlightDynamicsDefaults.LeoDegree : FlightDynamicsDefaults.GeoDegree);
        double sinI = Math.Abs(Math.Sin(inclinationRadians));
        var resolved = this with
        {
            Regime = regime,
            Degree = degree,
            Order = Order ?? degree,
            Drag = Drag ?? (regime == OrbitRegime.Leo ? DragModel.Nrlmsise00 : DragModel.None),
            HarrisPriesterExponent = HarrisPriesterExponent ?? Math.Round(2 + (4 * Math.Asin(sinI) / (Math.PI / 2)), 1),
            PositionToleranceKm = PositionToleranceKm ?? FlightDynamicsDefaults.DefaultPositionToleranceKm,
            FixedStep = FixedStep ?? TimeSpan.FromSeconds(regime == OrbitRegime.Leo ? 12 : 300),
        };
        resolved.Validate();
        return resolved;
    }

    /// <summary>Whether the gravity is the point mass alone.</summary>
    public bool IsPointMass => string.Equals(Gravity, "none", StringComparison.OrdinalIgnoreCase);

    /// <summary>The bundled field <see cref="Gravity"/> names, or null for none or a user's file.</summary>
    public GravityField? BundledField => IsPointMass ? null : BundledGravityFields.ByName(Gravity);

    /// <summary>Checks every set value; the message names the setting.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Gravity))
        {
            throw new ArgumentException("gravity: expected EGM2008, JGM3, none or an ICGEM file", nameof(Gravity));
        }

        if (Degree is < 0)
        {
            throw new ArgumentException($"degree: expected 0 or more, found {Degree}", nameof(Degree));
        }

        if (Order is < 0 || (Degree is { } d && Order is { } o && o > d))
        {
            throw new ArgumentException($"order: expected 0 ≤ order ≤ degree, found {Order} with degree {Degree?.ToString(CultureInfo.InvariantCulture) ?? "unset"}", nameof(Order));
        }

        if (IsPointMass && Degree is > 0)
        {
            throw new ArgumentException($"degree: {Degree} asks for a field, but the gravity is the point mass alone (none)", nameof(Degree));
        }

        if (BundledField is { } field && Degree > field.MaxDegree)
        {
            throw new ArgumentException($"degree: {Degree} is above {field.ModelName}'s {field.MaxDegree}", nameof(Degree));
        }

        if (PositionToleranceKm is { } tol && !(tol > 0 && double.IsFinite(tol)))
        {
            throw new ArgumentException($"tolerance: expected a positive number of km, found {tol.ToString(CultureInfo.InvariantCulture)}", nameof(PositionToleranceKm));
        }

        if (HarrisPriesterExponent is { } n && !(n > 0 && double.IsFinite(n)))
        {
            throw new ArgumentException($"Harris–Priester exponent: expected a positive number, found {n.ToString(CultureInfo.InvariantCulture)}", nameof(HarrisPriesterExponent));
        }

        if (FixedStep is { } step && step <= TimeSpan.Zero)
        {
            throw new ArgumentException($"fixed step: expected a positive span, found {step}", nameof(FixedStep));
        }
    }

    /// <summary>
    /// The forces and propagator options of these (resolved) settings for <paramref name="spacecraft"/>; drag with
    /// NRLMSISE-00 reads <paramref name="spaceWeather"/> (UTC through <paramref name="leapSeconds"/>). A user's field
    /// (when <see cref="Gravity"/> names a file) comes as <paramref name="userField"/>. Every force instance holds work
    /// arrays: build one set per propagation (or per thread).
    /// </summary>
    /// <exception cref="ArgumentException">The settings are not resolved, a user's field is needed and missing, or NRLMSISE-00
    /// is chosen without the tables.</exception>
    public ForceModel Build(Spacecraft spacecraft, SpaceWeatherTable? spaceWeather = null, LeapSecondTable? leapSeconds = null, GravityField? userField = null)
    {
        ArgumentNullException.ThrowIfNull(spacecraft);
        if (Regime is null || Degree is null || Order is null || Drag is null || PositionToleranceKm is null || FixedStep is null || HarrisPriesterExponent is null)
        {
            throw new ArgumentException("The settings must be resolved first (ForceModelSettings.Resolve).");
        }

        Validate();
        var parts = new List<string>();
        var forces = new List<IForceModel>();
        GravityField? field = IsPointMass ? null : BundledField ?? userField
            ?? throw new ArgumentException($"gravity: {Gravity} is not a bundled field (EGM2008, JGM3) and no field was read from it", nameof(userField));
        if (field is not null && Degree > field.MaxDegree)
        {
            throw new ArgumentException($"degree: {Degree} is above {field.ModelName}'s {field.MaxDegree}", nameof(Degree));
        }

        var centralGm = (field ?? BundledGravityFields.Egm2008).GmKm3PerS2;
        bool fullField = field is not null && Degree >= 2;
        if (fullField)
        {
            forces.Add(new SphericalHarmonicGravity(field!, Degree!.Value, Order!.Value));
            parts.Add($"{FieldLabel(field!)} {Degree}×{Order}");
        }
        else
        {
            parts.Add("point mass");
        }

        if (Sun)
        {
            forces.Add(ThirdBodyGravity.Sun());
            parts.Add("Sun");
        }

        if (Moon)
        {
            forces.Add(ThirdBodyGravity.Moon());
            parts.Add("Moon");
        }

        if (SolarRadiationPressure)
        {
            forces.Add(new SolarRadiationPressure(spacecraft));
            parts.Add(FormattableString.Invariant($"SRP ({spacecraft.SrpAreaM2} m², C_R {spacecraft.ReflectivityCoefficient})"));
        }

        switch (Drag)
        {
            case DragModel.Nrlmsise00:
                if (spaceWeather is null || leapSeconds is null)
                {
                    throw new ArgumentException("NRLMSISE-00 drag needs a space-weather table and a leap-second table", nameof(spaceWeather));
                }

                forces.Add(new AtmosphericDrag(new NrlmsiseAtmosphere(spaceWeather, leapSeconds), spacecraft));
                parts.Add(FormattableString.Invariant($"NRLMSISE-00 drag ({spacecraft.DragAreaM2} m², C_D {spacecraft.DragCoefficient})"));
                break;
            case DragModel.HarrisPriester:
                forces.Add(new AtmosphericDrag(new HarrisPriester(HarrisPriesterExponent!.Value), spacecraft));
                parts.Add(FormattableString.Invariant($"Harris–Priester drag (n = {HarrisPriesterExponent}, {spacecraft.DragAreaM2} m², C_D {spacecraft.DragCoefficient})"));
                break;
        }

        if (SolidTides)
        {
            forces.Add(new SolidEarthTides(field ?? BundledGravityFields.Egm2008));
            parts.Add("solid tides");
        }

        if (Relativity)
        {
            forces.Add(new SchwarzschildRelativity(centralGm));
            parts.Add("relativity");
        }

        parts.Add(FormattableString.Invariant($"mass {spacecraft.MassKg} kg"));
        var options = new NumericalPropagatorOptions
        {
            IncludeCentralPointMass = !fullField,
            CentralGravitationalParameterKm3PerS2 = centralGm,
            PositionToleranceKm = PositionToleranceKm!.Value,
            Integrator = Integrator,
            FixedStep = FixedStep!.Value,
            StateTransitionMatrix = StateTransitionMatrix,
        };
        string integration = Integrator == IntegratorKind.DormandPrince853
            ? FormattableString.Invariant($"DOP853, {PositionToleranceKm.Value:g3} km per step")
            : FormattableString.Invariant($"{IntegratorLabel(Integrator)}, {FixedStep.Value.TotalSeconds:0.###} s step");
        return new ForceModel(forces, options, string.Join(", ", parts), integration);
    }

    private static string FieldLabel(GravityField field) =>
        ReferenceEquals(field, BundledGravityFields.Egm2008) ? "EGM2008"
        : ReferenceEquals(field, BundledGravityFields.Jgm3) ? "JGM-3"
        : field.ModelName;

    private static string IntegratorLabel(IntegratorKind kind) => kind switch
    {
        IntegratorKind.AdamsBashforthMoulton => "Adams–Bashforth–Moulton 8",
        IntegratorKind.GaussJackson => "Gauss–Jackson 8",
        _ => kind.ToString(),
    };
}

/// <summary>The forces and options built from <see cref="ForceModelSettings"/>, with the words for an output header.</summary>
/// <param name="Forces">The forces, besides the central point mass.</param>
/// <param name="Options">The propagator's options.</param>
/// <param name="Description">The forces in words, e.g. <c>EGM2008 70×70, Sun, Moon, SRP (…), NRLMSISE-00 drag (…), mass 1000 kg</c>.</param>
/// <param name="Integration">The integrator in words, e.g. <c>DOP853, 1e-11 km per step</c>.</param>
public sealed record ForceModel(IReadOnlyList<IForceModel> Forces, NumericalPropagatorOptions Options, string Description, string Integration)
{
    /// <summary>A propagator with these forces over <paramref name="environment"/>.</summary>
    public NumericalPropagator Propagator(ForceEnvironment environment) => new(environment, Forces, Options);
}
