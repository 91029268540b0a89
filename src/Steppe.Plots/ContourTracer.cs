namespace Steppe.Plots;

/// <summary>
/// Contour lines of a regular grid by marching squares: for each level, the segments crossing each cell (corners
/// interpolated linearly, saddles resolved by the cell's mean) are chained into polylines through the grid edges
/// they share. Cells with a missing corner (NaN) are skipped, so lines stop at gaps.
/// </summary>
internal static class ContourTracer
{
    /// <summary>Polylines of z(x, y) = level. <paramref name="z"/> is [row, column] with rows along y.</summary>
    public static List<(double[] X, double[] Y)> Trace(double[,] z, double[] x, double[] y, double level)
    {
        int rows = z.GetLength(0), cols = z.GetLength(1);
        var segments = new List<(long A, long B)>();
        var points = new Dictionary<long, (double X, double Y)>();

        // Edge keys: horizontal edge (j, i)–(j, i+1) → 2·(j·cols + i); vertical edge (j, i)–(j+1, i) → 2·(j·cols + i) + 1.
        long HKey(int j, int i) => 2L * (((long)j * cols) + i);
        long VKey(int j, int i) => (2L * (((long)j * cols) + i)) + 1;

        (double, double) OnH(int j, int i)
        {
            double t = (level - z[j, i]) / (z[j, i + 1] - z[j, i]);
            return (x[i] + (t * (x[i + 1] - x[i])), y[j]);
        }

        (double, double) OnV(int j, int i)
        {
            double t = (level - z[j, i]) / (z[j + 1, i] - z[j, i]);
            return (x[i], y[j] + (t * (y[j + 1] - y[j])));
        }

        for (int j = 0; j + 1 < rows; j++)
        {
            for (int i = 0; i + 1 < cols; i++)
            {
                double z00 = z[j, i], z01 = z[j, i + 1], z11 = z[j + 1, i + 1], z10 = z[j + 1, i];
                if (double.IsNaN(z00) || double.IsNaN(z01) || double.IsNaN(z11) || double.IsNaN(z10))
                {
                    continue;
                }

                int code = (z00 >= level ? 1 : 0) | (z01 >= level ? 2 : 0) | (z11 >= level ? 4 : 0) | (z10 >= level ? 8 : 0);
                if (code == 0 || code == 15)
                {
                    continue;
                }

                // Cell edges: bottom (j, i)→(j, i+1), right (j, i+1)→(j+1, i+1), top (j+1, i)→(j+1, i+1), left (j, i)→(j+1, i).
                long bottom = HKey(j, i), top = HKey(j + 1, i), left = VKey(j, i), right = VKey(j, i + 1);
                void Add(long a, long b)
                {
                    segments.Add((a, b));
                    Remember(a);
                    Remember(b);
                }

                void Remember(long key)
                {
                    if (points.ContainsKey(key))
                    {
                        return;
                    }

                    points[key] = key == bottom ? OnH(j, i) : key == top ? OnH(j + 1, i) : key == left ? OnV(j, i) : OnV(j, i + 1);
                }

                bool centreHigh = (z00 + z01 + z11 + z10) / 4 >= level;
                switch (code)
                {
                    case 1: case 14: Add(left, bottom); break;
                    case 2: case 13: Add(bottom, right); break;
                    case 3: case 12: Add(left, right); break;
                    case 4: case 11: Add(right, top); break;
                    case 6: case 9: Add(bottom, top); break;
                    case 7: case 8: Add(left, top); break;
                    case 5:
                        if (centreHigh) { Add(left, top); Add(bottom, right); }
                        else { Add(left, bottom); Add(right, top); }
                        break;
                    case 10:
                        if (centreHigh) { Add(left, bottom); Add(right, top); }
                        else { Add(left, top); Add(bottom, right); }
                        break;
                }
            }
        }

        return Chain(segments, points);
    }

    private static List<(double[] X, double[] Y)> Chain(List<(long A, long B)> segments, Dictionary<long, (double X, double Y)> points)
    {
        var neighbours = new Dictionary<long, List<int>>();
        for (int s = 0; s < segments.Count; s++)
        {
            foreach (long k in new[] { segments[s].A, segments[s].B })
            {
                if (!neighbours.TryGetValue(k, out var list))
                {
                    neighbours[k] = list = new List<int>(2);
                }

                list.Add(s);
            }
        }

        var used = new bool[segments.Count];
        var lines = new List<(double[] X, double[] Y)>();

        // Start open chains at their ends (keys with one segment), then close the remaining loops.
        var starts = neighbours.Where(kv => kv.Value.Count == 1).Select(kv => kv.Key).ToList();
        starts.AddRange(segments.Select(s => s.A));
        foreach (long start in starts)
        {
            var chain = new List<long> { start };
            long current = start;
            while (true)
            {
                int next = -1;
                foreach (int s in neighbours[current])
                {
                    if (!used[s])
                    {
                        next = s;
                        break;
                    }
                }

                if (next < 0)
                {
                    break;
                }

                used[next] = true;
                current = segments[next].A == current ? segments[next].B : segments[next].A;
                chain.Add(current);
            }

            if (chain.Count >= 2)
            {
                lines.Add((chain.Select(k => points[k].X).ToArray(), chain.Select(k => points[k].Y).ToArray()));
            }
        }

        return lines;
    }
}
