namespace Steppe.Formats.GeoJson;

/// <summary>A longitude–latitude pair in degrees, in GeoJSON's order (RFC 7946 §3.1.1: longitude first).</summary>
/// <param name="LongitudeDeg">Longitude, degrees east.</param>
/// <param name="LatitudeDeg">Latitude, degrees north.</param>
public readonly record struct LonLat(double LongitudeDeg, double LatitudeDeg);

/// <summary>
/// Cutting of lines and polygons at the antimeridian as RFC 7946 §3.1.9 asks ("any geometry that crosses the
/// antimeridian SHOULD be represented by cutting it in two such that neither part's representation crosses the
/// antimeridian"). Edges are straight in longitude–latitude (RFC 7946 §3.1.1), so the crossing latitude is found by
/// linear interpolation along the edge. Longitudes of the input may be in any range; the output lies in [−180°, 180°],
/// with the cut edges exactly on −180° or +180°.
/// </summary>
public static class Antimeridian
{
    /// <summary>
    /// Cuts a polyline into parts, none of which crosses the antimeridian. Consecutive points are joined the short way
    /// round (a step of more than 180° of longitude is taken as a crossing).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<LonLat>> CutLine(IReadOnlyList<LonLat> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var parts = new List<IReadOnlyList<LonLat>>();
        if (points.Count == 0)
        {
            return parts;
        }

        var u = Unwrap(points);
        double offset = 360.0 * Math.Floor((u[0] + 180.0) / 360.0);
        var current = new List<LonLat> { new(u[0] - offset, points[0].LatitudeDeg) };
        for (int i = 1; i < u.Length; i++)
        {
            double lon0 = u[i - 1], lat0 = points[i - 1].LatitudeDeg;
            double lon1 = u[i], lat1 = points[i].LatitudeDeg;
            while (lon1 - offset > 180.0 || lon1 - offset < -180.0)
            {
                double edge = lon1 - offset > 180.0 ? offset + 180.0 : offset - 180.0;
                double lat = Interpolate(lon0, lat0, lon1, lat1, edge);
                current.Add(new LonLat(edge - offset, lat));
                if (current.Distinct().Count() >= 2)
                {
                    parts.Add(current);
                }

                offset += edge > offset ? 360.0 : -360.0;
                current = [new LonLat(edge - offset, lat)];
            }

            current.Add(new LonLat(lon1 - offset, lat1));
        }

        if (current.Distinct().Count() >= 2 || parts.Count == 0)
        {
            parts.Add(current);
        }

        return parts;
    }

    /// <summary>
    /// Cuts a simple closed ring into polygons that do not cross the antimeridian, each returned as a closed exterior
    /// ring wound counter-clockwise (RFC 7946 §3.1.6, right-hand rule). The input ring must go counter-clockwise around
    /// its interior as seen from outside the sphere (interior on the left) when it encloses a pole: a ring that winds once
    /// round the Earth eastward then encloses the North Pole, one that winds westward the South Pole, and the part
    /// is closed along the pole's parallel (±90°). A ring that encloses no pole may be given either way round.
    /// The closing point may be repeated or not.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The ring has fewer than three distinct points.</exception>
    public static IReadOnlyList<IReadOnlyList<LonLat>> CutPolygon(IReadOnlyList<LonLat> ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var pts = ring.ToList();
        if (pts.Count > 1 && SamePoint(pts[0], pts[^1]))
        {
            pts.RemoveAt(pts.Count - 1);
        }

        if (pts.Count < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(ring), ring.Count, "A polygon ring needs at least three distinct points.");
        }

        var u = Unwrap(pts);
        double closing = u[^1] + WrapDelta(pts[0].LongitudeDeg - pts[^1].LongitudeDeg);
        double net = closing - u[0];
        var result = new List<IReadOnlyList<LonLat>>();

        if (Math.Abs(net) < 180.0)
        {
            var planar = pts.Select((p, i) => new LonLat(u[i], p.LatitudeDeg)).ToList();
            double min = planar.Min(p => p.LongitudeDeg);
            double shift = 360.0 * Math.Floor((min + 180.0) / 360.0);
            planar = planar.Select(p => p with { LongitudeDeg = p.LongitudeDeg - shift }).ToList();
            double max = planar.Max(p => p.LongitudeDeg);
            if (max <= 180.0)
            {
                result.Add(Close(planar));
                return result;
            }

            foreach (var (lo, hi) in new[] { (-180.0, 180.0), (180.0, 540.0) })
            {
                var piece = ClipStrip(planar, lo, hi);
                if (piece.Count >= 3)
                {
                    double back = lo > 0 ? 360.0 : 0.0;
                    result.Add(Close(piece.Select(p => p with { LongitudeDeg = p.LongitudeDeg - back }).ToList()));
                }
            }

            return result;
        }

        // The ring winds once round a pole: open it where it crosses the antimeridian and close it through the pole.
        bool east = net > 0;
        int n = pts.Count;
        var lifted = new List<LonLat>(n + 1);
        for (int i = 0; i < n; i++)
        {
            lifted.Add(new LonLat(u[i], pts[i].LatitudeDeg));
        }

        lifted.Add(new LonLat(closing, pts[0].LatitudeDeg));
        int j = -1;
        double meridian = 0, latCross = 0;
        for (int i = 0; i < n && j < 0; i++)
        {
            double a = lifted[i].LongitudeDeg, b = lifted[i + 1].LongitudeDeg;
            double k = east ? Math.Floor((a - 180.0) / 360.0) + 1 : Math.Ceiling((a - 180.0) / 360.0) - 1;
            double m = 180.0 + (360.0 * k);
            if ((east && m > a && m <= b) || (!east && m < a && m >= b))
            {
                j = i;
                meridian = m;
                latCross = Interpolate(a, lifted[i].LatitudeDeg, b, lifted[i + 1].LatitudeDeg, m);
            }
        }

        if (j < 0)
        {
            // Every point lies on the meridian itself; start at the first point.
            j = 0;
            meridian = lifted[0].LongitudeDeg;
            latCross = lifted[0].LatitudeDeg;
        }

        // Start on the meridian, go once round, end on the meridian a turn later.
        var path = new List<LonLat> { new(meridian, latCross) };
        for (int step = 1; step <= n; step++)
        {
            int idx = j + step;
            var p = idx <= n ? lifted[idx] : lifted[idx - n] with { LongitudeDeg = lifted[idx - n].LongitudeDeg + net };
            if (!SamePoint(p, path[^1]))
            {
                path.Add(p);
            }
        }

        var end = new LonLat(meridian + net, latCross);
        if (!SamePoint(end, path[^1]))
        {
            path.Add(end);
        }

        double toStart = (east ? -180.0 : 180.0) - meridian;
        var polar = path.Select(p => new LonLat(Math.Clamp(p.LongitudeDeg + toStart, -180.0, 180.0), p.LatitudeDeg)).ToList();
        double pole = east ? 90.0 : -90.0;
        polar.Add(new LonLat(east ? 180.0 : -180.0, pole));
        polar.Add(new LonLat(east ? -180.0 : 180.0, pole));
        result.Add(Close(polar));
        return result;
    }

    /// <summary>Twice the signed area of a ring in the longitude–latitude plane (positive when counter-clockwise).</summary>
    public static double SignedArea2(IReadOnlyList<LonLat> ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        double sum = 0;
        for (int i = 0; i < ring.Count; i++)
        {
            var a = ring[i];
            var b = ring[(i + 1) % ring.Count];
            sum += (a.LongitudeDeg * b.LatitudeDeg) - (b.LongitudeDeg * a.LatitudeDeg);
        }

        return sum;
    }

    private static double[] Unwrap(IReadOnlyList<LonLat> points)
    {
        var u = new double[points.Count];
        u[0] = points[0].LongitudeDeg;
        for (int i = 1; i < points.Count; i++)
        {
            u[i] = u[i - 1] + WrapDelta(points[i].LongitudeDeg - points[i - 1].LongitudeDeg);
        }

        return u;
    }

    /// <summary>A longitude difference reduced to (−180°, 180°].</summary>
    private static double WrapDelta(double d)
    {
        d %= 360.0;
        if (d > 180.0) d -= 360.0;
        if (d <= -180.0) d += 360.0;
        return d;
    }

    private static double Interpolate(double lon0, double lat0, double lon1, double lat1, double lon)
    {
        double span = lon1 - lon0;
        return span == 0 ? lat0 : lat0 + ((lat1 - lat0) * (lon - lon0) / span);
    }

    /// <summary>Sutherland–Hodgman clipping of a ring by the strip lo ≤ λ ≤ hi (convex, so one piece for a ring that
    /// crosses each boundary meridian at most twice).</summary>
    private static List<LonLat> ClipStrip(List<LonLat> ring, double lo, double hi)
    {
        var a = ClipHalf(ring, lo, keepAbove: true);
        return ClipHalf(a, hi, keepAbove: false);
    }

    private static List<LonLat> ClipHalf(List<LonLat> ring, double bound, bool keepAbove)
    {
        var output = new List<LonLat>();
        if (ring.Count == 0)
        {
            return output;
        }

        bool Inside(LonLat p) => keepAbove ? p.LongitudeDeg >= bound : p.LongitudeDeg <= bound;
        for (int i = 0; i < ring.Count; i++)
        {
            var cur = ring[i];
            var prev = ring[(i + ring.Count - 1) % ring.Count];
            bool ci = Inside(cur), pi = Inside(prev);
            if (ci)
            {
                if (!pi)
                {
                    output.Add(new LonLat(bound, Interpolate(prev.LongitudeDeg, prev.LatitudeDeg, cur.LongitudeDeg, cur.LatitudeDeg, bound)));
                }

                output.Add(cur);
            }
            else if (pi)
            {
                output.Add(new LonLat(bound, Interpolate(prev.LongitudeDeg, prev.LatitudeDeg, cur.LongitudeDeg, cur.LatitudeDeg, bound)));
            }
        }

        return output;
    }

    /// <summary>Removes repeated points, winds the ring counter-clockwise and closes it.</summary>
    private static List<LonLat> Close(List<LonLat> ring)
    {
        var clean = new List<LonLat>(ring.Count + 1);
        foreach (var p in ring)
        {
            if (clean.Count == 0 || !SamePoint(clean[^1], p))
            {
                clean.Add(p);
            }
        }

        while (clean.Count > 1 && SamePoint(clean[0], clean[^1]))
        {
            clean.RemoveAt(clean.Count - 1);
        }

        if (SignedArea2(clean) < 0)
        {
            clean.Reverse();
        }

        clean.Add(clean[0]);
        return clean;
    }

    private static bool SamePoint(LonLat a, LonLat b) =>
        Math.Abs(a.LongitudeDeg - b.LongitudeDeg) < 1e-9 && Math.Abs(a.LatitudeDeg - b.LatitudeDeg) < 1e-9;
}
