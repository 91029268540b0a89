namespace Steppe.Core.Propagation.Sgp4;

/// <summary>The Earth constants of one <see cref="Sgp4GravityModel"/> in SGP4's units (Earth radii, minutes).</summary>
internal sealed class Sgp4Constants
{
    private static readonly Sgp4Constants Wgs72OldConstants = new(6378.135, 0.0743669161, 0.001082616, -0.00000253881, -0.00000165597);
    private static readonly Sgp4Constants Wgs72Constants = FromMu(398600.8, 6378.135, 0.001082616, -0.00000253881, -0.00000165597);
    private static readonly Sgp4Constants Wgs84Constants = FromMu(398600.5, 6378.137, 0.00108262998905, -0.00000253215306, -0.00000161098761);

    private Sgp4Constants(double radiusEarthKm, double xke, double j2, double j3, double j4)
    {
        RadiusEarthKm = radiusEarthKm;
        Xke = xke;
        J2 = j2;
        J3 = j3;
        J4 = j4;
        J3OverJ2 = j3 / j2;
        VelocityKmPerSPerUnit = radiusEarthKm * xke / 60.0;
    }

    /// <summary>Equatorial radius, km.</summary>
    public double RadiusEarthKm { get; }

    /// <summary>√μ in Earth radii^1.5 per minute (the reciprocal of the time unit in minutes).</summary>
    public double Xke { get; }

    /// <summary>Second zonal harmonic.</summary>
    public double J2 { get; }

    /// <summary>Third zonal harmonic.</summary>
    public double J3 { get; }

    /// <summary>Fourth zonal harmonic.</summary>
    public double J4 { get; }

    /// <summary>J₃ / J₂.</summary>
    public double J3OverJ2 { get; }

    /// <summary>km/s per (Earth radius per time unit).</summary>
    public double VelocityKmPerSPerUnit { get; }

    public static Sgp4Constants For(Sgp4GravityModel model) => model switch
    {
        Sgp4GravityModel.Wgs72Old => Wgs72OldConstants,
        Sgp4GravityModel.Wgs72 => Wgs72Constants,
        Sgp4GravityModel.Wgs84 => Wgs84Constants,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown SGP4 gravity model."),
    };

    // xke = 60 / √(Rₑ³ / μ): Earth radii^1.5 per minute.
    private static Sgp4Constants FromMu(double muKm3PerS2, double radiusEarthKm, double j2, double j3, double j4) =>
        new(radiusEarthKm, 60.0 / Math.Sqrt(radiusEarthKm * radiusEarthKm * radiusEarthKm / muKm3PerS2), j2, j3, j4);
}
