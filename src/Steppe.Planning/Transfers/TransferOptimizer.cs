using Steppe.Core.Bodies;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Planning.Transfers;

/// <summary>Refines a grid's minimum-C3 transfer to the continuous minimum over departure date and time of flight
/// (Nelder–Mead simplex on C3, staying within the transfer type).</summary>
public static class TransferOptimizer
{
    /// <summary>The minimum-C3 transfer of the given type near <paramref name="start"/>: the simplex begins with
    /// steps of <paramref name="initialStep"/> in departure date and time of flight and stops when it has shrunk below
    /// about ten seconds, with the ephemeris <paramref name="start"/> was computed with. Returns <paramref name="start"/>
    /// if nothing better is found.</summary>
    public static TransferSolution MinimizeC3(TransferSolution start, TimeSpan initialStep) => MinimizeC3(start, initialStep, Angle.Zero, CancellationToken.None);

    /// <summary>As <see cref="MinimizeC3(TransferSolution, TimeSpan)"/>, staying out of the band of transfer angles within
    /// <paramref name="excludedAround180"/> of 180°, where the transfer plane is set by the planets' small ecliptic
    /// latitudes and C3 is singular (it can drop along the exact 180° line and jump to thousands of km²/s² beside it).
    /// The minimum may then lie on the edge of the band. <paramref name="start"/> should lie outside the band.</summary>
    /// <param name="start">The starting transfer.</param>
    /// <param name="initialStep">The simplex's first steps in departure date and time of flight.</param>
    /// <param name="excludedAround180">The band of transfer angles around 180° left out.</param>
    /// <param name="cancellationToken">Checked at every simplex iteration.</param>
    /// <exception cref="ArgumentOutOfRangeException">The step is not positive or the band is negative or 90° or more.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public static TransferSolution MinimizeC3(TransferSolution start, TimeSpan initialStep, Angle excludedAround180, CancellationToken cancellationToken = default)
    {
        if (!(excludedAround180.Degrees >= 0 && excludedAround180.Degrees < 90))
        {
            throw new ArgumentOutOfRangeException(nameof(excludedAround180), excludedAround180, "The excluded band must be in [0°, 90°).");
        }

        double band = excludedAround180.Degrees;

        ArgumentNullException.ThrowIfNull(start);
        if (initialStep <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(initialStep), initialStep, "The step must be positive.");
        }

        var origin = start.Origin;
        var destination = start.Destination;
        var type = start.Type;
        var t0 = start.Departure;
        double step = initialStep.TotalDays;

        double Cost(double depDays, double tofDays)
        {
            if (!(tofDays > 1.0))
            {
                return double.MaxValue;
            }

            var dep = t0.AddDays(depDays);
            var s = Porkchop.Transfer(origin, destination, dep, dep.AddDays(tofDays), start.Ephemeris);
            return s is null || s.Type != type || Math.Abs(s.TransferAngle.Degrees - 180.0) < band ? double.MaxValue : s.DepartureC3Km2PerS2;
        }

        double tof0 = start.TimeOfFlight.TotalDays;
        var simplex = new (double X, double Y, double F)[3];
        simplex[0] = (0, tof0, Cost(0, tof0));
        simplex[1] = (step, tof0, Cost(step, tof0));
        simplex[2] = (0, tof0 + step, Cost(0, tof0 + step));

        for (int it = 0; it < 400; it++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Sort(simplex, (a, b) => a.F.CompareTo(b.F));
            double size = Math.Max(Math.Abs(simplex[1].X - simplex[0].X) + Math.Abs(simplex[1].Y - simplex[0].Y), Math.Abs(simplex[2].X - simplex[0].X) + Math.Abs(simplex[2].Y - simplex[0].Y));
            if (size < 1e-4)
            {
                break;
            }

            double cx = (simplex[0].X + simplex[1].X) / 2, cy = (simplex[0].Y + simplex[1].Y) / 2;
            var worst = simplex[2];
            double rx = cx + (cx - worst.X), ry = cy + (cy - worst.Y);
            double fr = Cost(rx, ry);
            if (fr < simplex[0].F)
            {
                double ex = cx + (2 * (cx - worst.X)), ey = cy + (2 * (cy - worst.Y));
                double fe = Cost(ex, ey);
                simplex[2] = fe < fr ? (ex, ey, fe) : (rx, ry, fr);
            }
            else if (fr < simplex[1].F)
            {
                simplex[2] = (rx, ry, fr);
            }
            else
            {
                double kx = cx + (0.5 * (worst.X - cx)), ky = cy + (0.5 * (worst.Y - cy));
                double fk = Cost(kx, ky);
                if (fk < worst.F)
                {
                    simplex[2] = (kx, ky, fk);
                }
                else
                {
                    for (int i = 1; i < 3; i++)
                    {
                        double sx = simplex[0].X + (0.5 * (simplex[i].X - simplex[0].X));
                        double sy = simplex[0].Y + (0.5 * (simplex[i].Y - simplex[0].Y));
                        simplex[i] = (sx, sy, Cost(sx, sy));
                    }
                }
            }
        }

        Array.Sort(simplex, (a, b) => a.F.CompareTo(b.F));
        if (!(simplex[0].F < start.DepartureC3Km2PerS2))
        {
            return start;
        }

        var bestDep = t0.AddDays(simplex[0].X);
        return Porkchop.Transfer(origin, destination, bestDep, bestDep.AddDays(simplex[0].Y), start.Ephemeris) ?? start;
    }
}
