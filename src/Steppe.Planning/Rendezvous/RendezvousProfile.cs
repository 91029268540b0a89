using Steppe.Core.Units;

namespace Steppe.Planning.Rendezvous;

/// <summary>
/// A rendezvous scheme of a chaser launched into the target's plane: how many orbits it takes, the range of phase angles
/// at insertion it can absorb, and the time from lift-off to docking. Data, not code: pass your own list to
/// <see cref="RendezvousPlanner.Assess"/> to model another vehicle or station.
/// </summary>
/// <param name="Name">Name, e.g. "2-orbit".</param>
/// <param name="Orbits">Orbits from insertion to docking.</param>
/// <param name="PhaseMin">Smallest phase angle (target ahead of the insertion point, along the orbit) the scheme
/// absorbs.</param>
/// <param name="PhaseMax">Largest such phase angle (clockwise from <paramref name="PhaseMin"/>; the range may wrap
/// through 0°).</param>
/// <param name="LaunchToDocking">Time from lift-off to docking.</param>
/// <param name="Source">Where the numbers come from.</param>
public sealed record RendezvousProfile(string Name, int Orbits, Angle PhaseMin, Angle PhaseMax, TimeSpan LaunchToDocking, string Source)
{
    /// <summary>Width of the phase range.</summary>
    public Angle PhaseWidth => (PhaseMax - PhaseMin).NormalizedPositive();

    /// <summary>Whether the scheme absorbs <paramref name="phase"/>.</summary>
    public bool Accepts(Angle phase)
    {
        const double Epsilon = 1e-9;
        double offset = (phase - PhaseMin).NormalizedPositive().Degrees;
        return offset <= PhaseWidth.Degrees + Epsilon || offset >= 360.0 - Epsilon;
    }
}

/// <summary>The rendezvous schemes of Soyuz MS and Progress MS flights to the ISS from Baikonur.</summary>
/// <remarks>
/// Widths of the phase ranges: "the phase range of a two-day scheme is 150 degrees, a four-orbit scheme 22, and a
/// two-orbit scheme 6" (RSC Energia ballistics experts quoted by Rossiyskaya Gazeta on Soyuz MS-25, March 2024).
/// Orbits and durations: two-day scheme docking on orbit 34 (NASA, "Soyuz Launch Overview and Timeline"; Progress MS-31,
/// 2025: planned docking 49 h 54 min after lift-off, RussianSpaceWeb); four-orbit scheme of about 6 hours introduced in
/// 2012 (Murtazin and Petrov, Acta Astronautica 77, 2012; Soyuz TMA-20M, 2016: 5 h 43 min); two-orbit scheme of about
/// three hours first flown by Progress MS-09 in 2018 (RSC Energia, 10 July 2018; Soyuz MS-27, 2025: 3 h 11 min, TASS).
/// Positions of the ranges (not published in the sources found) are estimates, stated in docs/rendezvous.md: the
/// two-orbit range is centred on the phase of the planned Progress MS-07 two-orbit launch (the ISS 165 km south-west of
/// the pad at lift-off, Spaceflight101, October 2017) under <see cref="LaunchWindows.AscentProfile.SoyuzToLowOrbit"/>;
/// the four-orbit range starts where the two-orbit range starts (two more orbits of catch-up absorb more phase, not
/// less); the two-day range is placed to contain the ~200°–230° phases of two documented two-day flights (Soyuz TMA-4,
/// 2004, launched with the ISS near the far side of its orbit; Progress MS-07 two days after its scrubbed two-orbit
/// attempt).
/// </remarks>
public static class RendezvousProfiles
{
    /// <summary>Two-orbit, four-orbit and two-day schemes, fastest first.</summary>
    public static IReadOnlyList<RendezvousProfile> SoyuzProgressToIss { get; } =
    [
        new("2-orbit", 2, Angle.FromDegrees(14.6), Angle.FromDegrees(20.6), new TimeSpan(3, 20, 0),
            "RSC Energia 2018 (Progress MS-09); width 6° (Rossiyskaya Gazeta 2024); centre from the Progress MS-07 plan (Spaceflight101 2017)"),
        new("4-orbit", 4, Angle.FromDegrees(14.6), Angle.FromDegrees(36.6), new TimeSpan(5, 45, 0),
            "Murtazin & Petrov, Acta Astronautica 77 (2012); width 22° (Rossiyskaya Gazeta 2024); starts with the 2-orbit range"),
        new("2-day", 34, Angle.FromDegrees(85), Angle.FromDegrees(235), new TimeSpan(50, 0, 0),
            "NASA Soyuz timeline (docking on orbit 34); width 150° (Rossiyskaya Gazeta 2024); placed over Soyuz TMA-4 and Progress MS-07 two-day phases"),
    ];
}
