namespace Steppe.Core.Propagation.Sgp4;

/// <summary>Thrown by <see cref="Sgp4Propagator.Create"/> when SGP4 cannot be initialised for an element set.</summary>
public sealed class Sgp4Exception : Exception
{
    /// <summary>Creates the exception for a catalog number and the error SGP4 reported.</summary>
    public Sgp4Exception(int catalogNumber, Sgp4ErrorCode error)
        : base(FormattableString.Invariant($"SGP4 cannot be initialised for catalog number {catalogNumber}: {error.ToMessage()} (error {(int)error}, at epoch)."))
    {
        CatalogNumber = catalogNumber;
        Error = error;
    }

    /// <summary>The catalog number of the element set.</summary>
    public int CatalogNumber { get; }

    /// <summary>The SGP4 error code.</summary>
    public Sgp4ErrorCode Error { get; }
}
