namespace Steppe.Core.Propagation.Sgp4;

/// <summary>The Earth constants SGP4 runs with (Vallado et al. 2006, "Revisiting Spacetrack Report #3", §"Gravitational
/// constants"). Element sets are fitted with WGS-72, so that is the default and the one to use with published TLEs.</summary>
public enum Sgp4GravityModel
{
    /// <summary>WGS-72 with the truncated <c>xke = 0.0743669161</c> of the original STR#3 code (μ = 398 600.79964 km³/s²).</summary>
    Wgs72Old,

    /// <summary>WGS-72 (μ = 398 600.8 km³/s², Rₑ = 6378.135 km, J₂ = 0.001082616): the constants of the element-set
    /// producers and the default.</summary>
    Wgs72,

    /// <summary>WGS-84 (μ = 398 600.5 km³/s², Rₑ = 6378.137 km, J₂ = 0.00108262998905); not the constants TLEs are fitted
    /// with, so it is for comparisons only.</summary>
    Wgs84,
}
