using Steppe.Core.Mathematics;

namespace Steppe.Core.Orbits;

/// <summary>One angles-only sighting for Gauss's method: when, from where, and in which direction.</summary>
/// <param name="TimeSeconds">Seconds from any common origin.</param>
/// <param name="SiteKm">The observer's position in the inertial frame, km.</param>
/// <param name="LineOfSight">The direction to the object in the same frame (normalised on use).</param>
public readonly record struct AnglesSighting(double TimeSeconds, Vector3D SiteKm, Vector3D LineOfSight);

/// <summary>
/// Initial orbit determination, to start a least-squares fit or a filter without a prior orbit:
/// <list type="bullet">
/// <item><b>Gibbs</b>: the velocity at the middle of three coplanar position vectors (Vallado, <i>Fundamentals of
/// Astrodynamics and Applications</i>, 4th ed., Algorithm 54; Curtis, <i>Orbital Mechanics for Engineering Students</i>,
/// Algorithm 5.1); exact for Keplerian positions, best when they are more than a few degrees apart.</item>
/// <item><b>Herrick–Gibbs</b>: the same from closely spaced positions and their times (Vallado Algorithm 55), a Taylor
/// series that stays accurate where Gibbs loses precision (separations below a few degrees).</item>
/// <item><b>Gauss</b>: position and velocity from three angles-only sightings (Curtis Algorithms 5.5 and 5.6: the
/// eighth-degree polynomial for the middle range, then iterative improvement with universal-variable f and g).</item>
/// </list>
/// Lambert's problem (two positions and the time between them) is <see cref="Lambert"/>.
/// </summary>
public static class InitialOrbit
{
    /// <summary>The velocity at <paramref name="r2"/> from three positions on one orbit by Gibbs's method.</summary>
    /// <exception cref="ArgumentException">The vectors are not coplanar (to 2°) or degenerate (collinear).</exception>
    public static Vector3D Gibbs(Vector3D r1, Vector3D r2, Vector3D r3, double muKm3PerS2)
    {
        double m1 = r1.Length, m2 = r2.Length, m3 = r3.Length;
        var c12 = Vector3D.Cross(r1, r2);
        var c23 = Vector3D.Cross(r2, r3);
        var c31 = Vector3D.Cross(r3, r1);
        double coplanarity = Math.Abs(Vector3D.Dot(r1.Normalized(), c23.Normalized()));
        if (!(c23.Length > 0) || coplanarity > Math.Sin(2 * Math.PI / 180))
        {
            throw new ArgumentException($"Gibbs's method needs three coplanar positions; these are {Math.Asin(Math.Min(coplanarity, 1)) * 180 / Math.PI:F2}° out of plane.", nameof(r3));
        }

        var n = (m1 * c23) + (m2 * c31) + (m3 * c12);
        var d = c12 + c23 + c31;
        var s = ((m2 - m3) * r1) + ((m3 - m1) * r2) + ((m1 - m2) * r3);
        if (!(n.Length > 0) || !(d.Length > 0) || Vector3D.Dot(n, d) <= 0)
        {
            throw new ArgumentException("Gibbs's method: the three positions do not define an orbit (collinear or inconsistent).", nameof(r2));
        }

        double factor = Math.Sqrt(muKm3PerS2 / (n.Length * d.Length));
        return factor * ((Vector3D.Cross(d, r2) * (1 / m2)) + s);
    }

    /// <summary>The velocity at <paramref name="r2"/> from three closely spaced positions and their times (seconds) by
    /// the Herrick–Gibbs formula.</summary>
    /// <exception cref="ArgumentException">The times are not increasing.</exception>
    public static Vector3D HerrickGibbs(Vector3D r1, Vector3D r2, Vector3D r3, double t1, double t2, double t3, double muKm3PerS2)
    {
        double dt21 = t2 - t1, dt32 = t3 - t2, dt31 = t3 - t1;
        if (!(dt21 > 0) || !(dt32 > 0))
        {
            throw new ArgumentException("Herrick–Gibbs needs three increasing times.", nameof(t2));
        }

        double m1 = r1.Length, m2 = r2.Length, m3 = r3.Length;
        double a1 = -dt32 * ((1 / (dt21 * dt31)) + (muKm3PerS2 / (12 * m1 * m1 * m1)));
        double a2 = (dt32 - dt21) * ((1 / (dt21 * dt32)) + (muKm3PerS2 / (12 * m2 * m2 * m2)));
        double a3 = dt21 * ((1 / (dt32 * dt31)) + (muKm3PerS2 / (12 * m3 * m3 * m3)));
        return (a1 * r1) + (a2 * r2) + (a3 * r3);
    }

    /// <summary>
    /// Position and velocity at the middle sighting from three angles-only sightings by Gauss's method with iterative
    /// improvement (up to <paramref name="maximumIterations"/> passes of universal-variable f and g).
    /// </summary>
    /// <exception cref="ArgumentException">The sightings are not in time order, coplanar with the sites (no solution),
    /// or the eighth-degree polynomial has no positive root.</exception>
    public static CartesianState Gauss(AnglesSighting first, AnglesSighting middle, AnglesSighting last, double muKm3PerS2, int maximumIterations = 50)
    {
        double tau1 = first.TimeSeconds - middle.TimeSeconds;
        double tau3 = last.TimeSeconds - middle.TimeSeconds;
        double tau = tau3 - tau1;
        if (!(tau1 < 0) || !(tau3 > 0))
        {
            throw new ArgumentException("Gauss's method needs three sightings in increasing time order.", nameof(middle));
        }

        var rho1 = first.LineOfSight.Normalized();
        var rho2 = middle.LineOfSight.Normalized();
        var rho3 = last.LineOfSight.Normalized();
        var (r1Site, r2Site, r3Site) = (first.SiteKm, middle.SiteKm, last.SiteKm);
        var p1 = Vector3D.Cross(rho2, rho3);
        var p2 = Vector3D.Cross(rho1, rho3);
        var p3 = Vector3D.Cross(rho1, rho2);
        double d0 = Vector3D.Dot(rho1, p1);
        if (Math.Abs(d0) < 1e-12)
        {
            throw new ArgumentException("Gauss's method: the three lines of sight are coplanar; no orbit follows from them.", nameof(last));
        }

        double d11 = Vector3D.Dot(r1Site, p1), d12 = Vector3D.Dot(r1Site, p2), d13 = Vector3D.Dot(r1Site, p3);
        double d21 = Vector3D.Dot(r2Site, p1), d22 = Vector3D.Dot(r2Site, p2), d23 = Vector3D.Dot(r2Site, p3);
        double d31 = Vector3D.Dot(r3Site, p1), d32 = Vector3D.Dot(r3Site, p2), d33 = Vector3D.Dot(r3Site, p3);
        double a = ((-d12 * tau3 / tau) + d22 + (d32 * tau1 / tau)) / d0;
        double b = ((d12 * ((tau3 * tau3) - (tau * tau)) * tau3 / tau) + (d32 * ((tau * tau) - (tau1 * tau1)) * tau1 / tau)) / (6 * d0);
        double e = Vector3D.Dot(r2Site, rho2);
        double r2SiteSquared = Vector3D.Dot(r2Site, r2Site);
        double pa = -((a * a) + (2 * a * e) + r2SiteSquared);
        double pb = -2 * muKm3PerS2 * b * (a + e);
        double pc = -(muKm3PerS2 * muKm3PerS2) * (b * b);

        // x⁸ + pa x⁶ + pb x³ + pc = 0: the largest positive root by Newton from above.
        double x = Math.Max(Math.Sqrt(r2SiteSquared) * 2, 10000);
        for (int i = 0; i < 200; i++)
        {
            double x2 = x * x, x3 = x2 * x, x6 = x3 * x3;
            double f = (x6 * x2) + (pa * x6) + (pb * x3) + pc;
            double df = (8 * x6 * x) + (6 * pa * x3 * x2) + (3 * pb * x2);
            double next = x - (f / df);
            if (Math.Abs(next - x) < 1e-10 * x)
            {
                x = next;
                break;
            }

            x = next;
        }

        if (!(x > 0) || !double.IsFinite(x))
        {
            throw new ArgumentException("Gauss's method: the eighth-degree polynomial has no positive root for these sightings.", nameof(middle));
        }

        double r2Cube = x * x * x;
        double rho1Range = ((6 * ((d31 * tau1 / tau3) + (d21 * tau / tau3)) * r2Cube) + (muKm3PerS2 * d31 * ((tau * tau) - (tau1 * tau1)) * tau1 / tau3)) /
            ((6 * r2Cube) + (muKm3PerS2 * ((tau * tau) - (tau3 * tau3)))) - d11;
        rho1Range /= d0;
        double rho2Range = a + (muKm3PerS2 * b / r2Cube);
        double rho3Range = ((((6 * ((d13 * tau3 / tau1) - (d23 * tau / tau1))) * r2Cube) + (muKm3PerS2 * d13 * ((tau * tau) - (tau3 * tau3)) * tau3 / tau1)) /
            ((6 * r2Cube) + (muKm3PerS2 * ((tau * tau) - (tau1 * tau1)))) - d33) / d0;

        var r1 = r1Site + (rho1Range * rho1);
        var r2 = r2Site + (rho2Range * rho2);
        var r3 = r3Site + (rho3Range * rho3);
        double f1 = 1 - (0.5 * muKm3PerS2 * tau1 * tau1 / r2Cube);
        double f3 = 1 - (0.5 * muKm3PerS2 * tau3 * tau3 / r2Cube);
        double g1 = tau1 - (muKm3PerS2 * tau1 * tau1 * tau1 / (6 * r2Cube));
        double g3 = tau3 - (muKm3PerS2 * tau3 * tau3 * tau3 / (6 * r2Cube));
        var v2 = (1 / ((f1 * g3) - (f3 * g1))) * ((-f3 * r1) + (f1 * r3));

        // Iterative improvement (Curtis Algorithm 5.6): exact f and g from the universal anomaly of the current orbit.
        double previous1 = rho1Range, previous2 = rho2Range, previous3 = rho3Range;
        for (int iteration = 0; iteration < maximumIterations; iteration++)
        {
            double rMag = r2.Length;
            double vMag = v2.Length;
            double alpha = (2 / rMag) - (vMag * vMag / muKm3PerS2);
            double vr = Vector3D.Dot(v2, r2) / rMag;
            var (ff1, gg1) = UniversalFg(tau1, rMag, vr, alpha, muKm3PerS2);
            var (ff3, gg3) = UniversalFg(tau3, rMag, vr, alpha, muKm3PerS2);

            // Average with the previous f and g (Curtis's damping).
            f1 = 0.5 * (f1 + ff1);
            f3 = 0.5 * (f3 + ff3);
            g1 = 0.5 * (g1 + gg1);
            g3 = 0.5 * (g3 + gg3);
            double c1 = g3 / ((f1 * g3) - (f3 * g1));
            double c3 = -g1 / ((f1 * g3) - (f3 * g1));
            rho1Range = ((-d11) + (d21 / c1) - (c3 / c1 * d31)) / d0;
            rho2Range = ((-c1 * d12) + d22 - (c3 * d32)) / d0;
            rho3Range = ((-c1 / c3 * d13) + (d23 / c3) - d33) / d0;
            r1 = r1Site + (rho1Range * rho1);
            r2 = r2Site + (rho2Range * rho2);
            r3 = r3Site + (rho3Range * rho3);
            v2 = (1 / ((f1 * g3) - (f3 * g1))) * ((-f3 * r1) + (f1 * r3));
            bool settled = Math.Abs(rho1Range - previous1) < 1e-9 * Math.Abs(rho1Range) && Math.Abs(rho2Range - previous2) < 1e-9 * Math.Abs(rho2Range)
                && Math.Abs(rho3Range - previous3) < 1e-9 * Math.Abs(rho3Range);
            (previous1, previous2, previous3) = (rho1Range, rho2Range, rho3Range);
            if (settled)
            {
                break;
            }
        }

        return new CartesianState(r2, v2);
    }

    /// <summary>Lagrange f and g after <paramref name="dt"/> seconds from universal variables (Curtis Algorithm 3.4).</summary>
    private static (double F, double G) UniversalFg(double dt, double r0, double vr0, double alpha, double mu)
    {
        double sqrtMu = Math.Sqrt(mu);
        double chi = sqrtMu * Math.Abs(alpha) * dt;
        for (int i = 0; i < 100; i++)
        {
            double z = alpha * chi * chi;
            double c = StumpffC(z), s = StumpffS(z);
            double f = (r0 * vr0 / sqrtMu * chi * chi * c) + ((1 - (alpha * r0)) * chi * chi * chi * s) + (r0 * chi) - (sqrtMu * dt);
            double df = (r0 * vr0 / sqrtMu * chi * (1 - (alpha * chi * chi * s))) + ((1 - (alpha * r0)) * chi * chi * c) + r0;
            double step = f / df;
            chi -= step;
            if (Math.Abs(step) < 1e-12)
            {
                break;
            }
        }

        double zz = alpha * chi * chi;
        return (1 - (chi * chi / r0 * StumpffC(zz)), dt - (chi * chi * chi / sqrtMu * StumpffS(zz)));
    }

    private static double StumpffC(double z) => z > 1e-8 ? (1 - Math.Cos(Math.Sqrt(z))) / z
        : z < -1e-8 ? (Math.Cosh(Math.Sqrt(-z)) - 1) / -z
        : 0.5 - (z / 24);

    private static double StumpffS(double z) => z > 1e-8 ? (Math.Sqrt(z) - Math.Sin(Math.Sqrt(z))) / Math.Pow(Math.Sqrt(z), 3)
        : z < -1e-8 ? (Math.Sinh(Math.Sqrt(-z)) - Math.Sqrt(-z)) / Math.Pow(Math.Sqrt(-z), 3)
        : (1.0 / 6) - (z / 120);
}
