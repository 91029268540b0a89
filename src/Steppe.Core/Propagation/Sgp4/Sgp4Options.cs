namespace Steppe.Core.Propagation.Sgp4;

/// <summary>How an <see cref="Sgp4Propagator"/> is set up: the Earth constants and the operation mode.</summary>
public sealed record Sgp4Options
{
    /// <summary>WGS-72 constants, improved mode: what element sets are made for.</summary>
    public static Sgp4Options Default { get; } = new();

    /// <summary>Earth constants (default <see cref="Sgp4GravityModel.Wgs72"/>).</summary>
    public Sgp4GravityModel GravityModel { get; init; } = Sgp4GravityModel.Wgs72;

    /// <summary>Operation mode (default <see cref="Sgp4OperationMode.Improved"/>).</summary>
    public Sgp4OperationMode OperationMode { get; init; } = Sgp4OperationMode.Improved;
}
