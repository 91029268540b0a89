namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>
/// The time-independent deep-space (SDP4) terms of one element set as <see cref="Sgp4DeepSpace"/> computed them
/// (Vallado's names): lunar-solar periodic coefficients, secular rates, resonance kind and the epoch sidereal time.
/// </summary>
internal readonly struct Sgp4DeepTerms
{
    /// <summary>Resonance: 0 none, 1 one-day, 2 half-day.</summary>
    public int Irez { get; init; }

    /// <summary>Whether the AFSPC operation mode is used (node quadrant handling in the Lyddane branch).</summary>
    public bool Afspc { get; init; }

    public double Gsto { get; init; }

    // Solar (s*) and lunar (e*, x*) long-period coefficients and the Sun's and Moon's mean anomalies at epoch.
    public double E3 { get; init; }
    public double Ee2 { get; init; }
    public double Se2 { get; init; }
    public double Se3 { get; init; }
    public double Sgh2 { get; init; }
    public double Sgh3 { get; init; }
    public double Sgh4 { get; init; }
    public double Sh2 { get; init; }
    public double Sh3 { get; init; }
    public double Si2 { get; init; }
    public double Si3 { get; init; }
    public double Sl2 { get; init; }
    public double Sl3 { get; init; }
    public double Sl4 { get; init; }
    public double Xgh2 { get; init; }
    public double Xgh3 { get; init; }
    public double Xgh4 { get; init; }
    public double Xh2 { get; init; }
    public double Xh3 { get; init; }
    public double Xi2 { get; init; }
    public double Xi3 { get; init; }
    public double Xl2 { get; init; }
    public double Xl3 { get; init; }
    public double Xl4 { get; init; }
    public double Zmol { get; init; }
    public double Zmos { get; init; }

    // Lunar-solar secular rates, per minute.
    public double Dedt { get; init; }
    public double Didt { get; init; }
    public double Dmdt { get; init; }
    public double Dnodt { get; init; }
    public double Domdt { get; init; }
}
