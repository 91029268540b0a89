using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Mathematics;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Gravity;
using Steppe.Dynamics.Numerical;

namespace Steppe.Dynamics.Tests.Numerical;

public sealed class FlightDynamicsDefaultsTests
{
    [Fact]
    public void The_field_supplies_the_central_term_once_and_the_point_mass_is_off()
    {
        var spacecraft = new Spacecraft(1000, DragAreaM2: 10, SrpAreaM2: 10);
        var forces = FlightDynamicsDefaults.LeoForces(spacecraft, SpaceWeatherTable.Bundled, LeapSecondTable.Bundled);
        var options = FlightDynamicsDefaults.Options();
        Assert.False(options.IncludeCentralPointMass);
        Assert.Equal(BundledGravityFields.Egm2008.GmKm3PerS2, options.CentralGravitationalParameterKm3PerS2);

        // The field alone at 7,000 km: GM/r² to within J2's share (about 0.2 %), not twice it.
        var environment = new ForceEnvironment(EarthOrientationTable.Bundled, BundledEphemeris.De405);
        var epoch = Instant.FromUtc(2018, 12, 25, 0, 0, 0, LeapSecondTable.Bundled);
        var state = new ForceState(epoch, new Vector3D(7000, 0, 0), new Vector3D(0, 7.5, 0), 1000);
        double field = forces[0].AccelerationKmPerS2(state, environment).Length;
        double pointMass = BundledGravityFields.Egm2008.GmKm3PerS2 / (7000.0 * 7000.0);
        Assert.InRange(field / pointMass, 0.997, 1.003);
        Assert.Equal(5, forces.Count);
        Assert.Equal(6, FlightDynamicsDefaults.LeoForces(spacecraft, SpaceWeatherTable.Bundled, LeapSecondTable.Bundled, solidTides: true).Count);
        Assert.Equal(4, FlightDynamicsDefaults.GeoForces(spacecraft).Count);
        Assert.Contains("70", forces[0].Name, StringComparison.Ordinal);
    }
}
