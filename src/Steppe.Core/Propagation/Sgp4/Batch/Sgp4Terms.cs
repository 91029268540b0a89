namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>
/// The time-independent terms of one initialised element set, as <see cref="Sgp4Propagator"/> computed them (Vallado's
/// names), for the batch kernels: the batch copies them from the scalar propagator, so both start from the same bits.
/// Products that the scalar code always forms first (B*·C4, B*·C5) are stored formed; the roundings are the same.
/// </summary>
internal readonly struct Sgp4Terms
{
    // Epoch as the two parts of Instant (whole TT seconds since J2000 as a double — exact below 2^53 — and fraction).
    public double EpochWholeSeconds { get; init; }
    public double EpochFractionSeconds { get; init; }

    // Earth constants.
    public double RadiusEarthKm { get; init; }
    public double Xke { get; init; }
    public double J2 { get; init; }
    public double J3OverJ2 { get; init; }
    public double VelocityKmPerSPerUnit { get; init; }

    // Elements at epoch and secular rates.
    public double Ecco { get; init; }
    public double Inclo { get; init; }
    public double Nodeo { get; init; }
    public double Argpo { get; init; }
    public double Mo { get; init; }
    public double No { get; init; }
    public double Mdot { get; init; }
    public double Argpdot { get; init; }
    public double Nodedot { get; init; }
    public double Nodecf { get; init; }
    public double AFromNo { get; init; }

    // √AFromNo: √am = √AFromNo·|tempa| for a near-Earth orbit (within an ulp of the square root of am itself).
    public double SqrtAFromNo { get; init; }

    // Drag.
    public bool Isimp { get; init; }
    public double Cc1 { get; init; }
    public double BstarCc4 { get; init; }
    public double BstarCc5 { get; init; }
    public double T2cof { get; init; }
    public double T3cof { get; init; }
    public double T4cof { get; init; }
    public double T5cof { get; init; }
    public double D2 { get; init; }
    public double D3 { get; init; }
    public double D4 { get; init; }
    public double Omgcof { get; init; }
    public double Xmcof { get; init; }
    public double Eta { get; init; }
    public double Delmo { get; init; }
    public double Sinmao { get; init; }

    // Long- and short-period terms at the epoch inclination.
    public double Sinio { get; init; }
    public double Cosio { get; init; }
    public double Aycof { get; init; }
    public double Xlcof { get; init; }
    public double Con41 { get; init; }
    public double X1mth2 { get; init; }
    public double X7thm1 { get; init; }
}
