namespace Steppe.Core.Propagation.Sgp4;

/// <summary>Which variant of the SGP4 code to reproduce (Vallado et al. 2006, "opsmode").</summary>
public enum Sgp4OperationMode
{
    /// <summary>The improved mode (<c>'i'</c>): sidereal time at epoch from the IAU-82 GMST formula. The default.</summary>
    Improved,

    /// <summary>The AFSPC mode (<c>'a'</c>): the 1970-based sidereal time of Spacetrack Report #3 and the node
    /// quadrant handling of the operational code in the Lyddane branch.</summary>
    Afspc,
}
