using System.Runtime.CompilerServices;
using Steppe.Core.Bodies;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Planning.Transfers;

/// <summary>What the rows of a porkchop grid measure.</summary>
public enum PorkchopAxis
{
    /// <summary>Rows are times of flight.</summary>
    TimeOfFlight,

    /// <summary>Rows are arrival dates.</summary>
    ArrivalDate,
}

/// <summary>A quantity of a porkchop grid cell.</summary>
public enum PorkchopQuantity
{
    /// <summary>Departure C3, km²/s².</summary>
    DepartureC3,

    /// <summary>Departure v∞, km/s.</summary>
    DepartureVInfinity,

    /// <summary>Arrival v∞, km/s.</summary>
    ArrivalVInfinity,

    /// <summary>Declination of the departure asymptote, degrees.</summary>
    DepartureAsymptoteDeclination,

    /// <summary>Time of flight, days.</summary>
    TimeOfFlightDays,

    /// <summary>Transfer type: 1 for Type I, 2 for Type II.</summary>
    TransferType,
}

/// <summary>
/// The result of <see cref="Porkchop.Compute"/>: one column per departure date, one row per time of flight or arrival
/// date. A cell without a transfer (arrival not after departure, or the planets collinear with the Sun) is absent:
/// its accessors return null. Immutable.
/// </summary>
public sealed class PorkchopGrid
{
    private readonly Instant[] _departures;
    private readonly TimeSpan[] _timesOfFlight;
    private readonly Instant[] _arrivals;
    private readonly Storage _cells;

    internal PorkchopGrid(Planet origin, Planet destination, PorkchopAxis axis, Instant[] departures, TimeSpan[] timesOfFlight, Instant[] arrivals, Storage cells, TransferEphemeris ephemeris)
    {
        Ephemeris = ephemeris;
        Origin = origin;
        Destination = destination;
        Axis = axis;
        _departures = departures;
        _timesOfFlight = timesOfFlight;
        _arrivals = arrivals;
        _cells = cells;
        FindBest(out int bestI, out int bestII);
        BestTypeI = bestI >= 0 ? Solution(bestI) : null;
        BestTypeII = bestII >= 0 ? Solution(bestII) : null;
    }

    /// <summary>The ephemeris the grid was computed with, and what "earth" means in it.</summary>
    public TransferEphemeris Ephemeris { get; }

    /// <summary>Departure planet.</summary>
    public Planet Origin { get; }

    /// <summary>Arrival planet.</summary>
    public Planet Destination { get; }

    /// <summary>What the rows measure.</summary>
    public PorkchopAxis Axis { get; }

    /// <summary>Departure dates, one per column.</summary>
    public IReadOnlyList<Instant> Departures => _departures;

    /// <summary>Times of flight, one per row (empty when <see cref="Axis"/> is <see cref="PorkchopAxis.ArrivalDate"/>).</summary>
    public IReadOnlyList<TimeSpan> TimesOfFlight => _timesOfFlight;

    /// <summary>Arrival dates, one per row (empty when <see cref="Axis"/> is <see cref="PorkchopAxis.TimeOfFlight"/>).</summary>
    public IReadOnlyList<Instant> Arrivals => _arrivals;

    /// <summary>Number of columns (departure dates).</summary>
    public int ColumnCount => _departures.Length;

    /// <summary>Number of rows (times of flight or arrival dates).</summary>
    public int RowCount => Axis == PorkchopAxis.TimeOfFlight ? _timesOfFlight.Length : _arrivals.Length;

    /// <summary>Number of cells holding a transfer.</summary>
    public int TransferCount => _cells.CountValid();

    /// <summary>The minimum-C3 Type I transfer of the grid among those whose transfer angle lies outside
    /// <see cref="MarsWindows.SingularBandAround180"/> (the rule <see cref="MarsWindows"/> applies, so that the two
    /// report the same minimum), or null if it has none. Cells inside the band keep their values.</summary>
    public TransferSolution? BestTypeI { get; }

    /// <summary>As <see cref="BestTypeI"/> for Type II.</summary>
    public TransferSolution? BestTypeII { get; }

    /// <summary>The arrival date of a cell.</summary>
    public Instant ArrivalAt(int column, int row) =>
        Axis == PorkchopAxis.TimeOfFlight ? _departures[column] + _timesOfFlight[row] : _arrivals[row];

    /// <summary>A quantity of a cell, or null where the cell has no transfer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column or row is outside the grid.</exception>
    public double? Value(PorkchopQuantity quantity, int column, int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, ColumnCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        int k = _cells.Index(column, row);
        return _cells.Type[k] == 0 ? null : ValueAt(quantity, k, column, row);
    }

    /// <summary>The full transfer of a cell (recomputed from the ephemeris), or null where the cell has none.</summary>
    public TransferSolution? this[int column, int row] => Value(PorkchopQuantity.TransferType, column, row) is null ? null : Solution(_cells.Index(column, row));

    /// <summary>A quantity over the whole grid as a [row, column] matrix, with <paramref name="missing"/> where a
    /// cell has no transfer (e.g. <see cref="double.NaN"/> for a plotting library that leaves gaps there).</summary>
    public double[,] Matrix(PorkchopQuantity quantity, double missing)
    {
        var m = new double[RowCount, ColumnCount];
        for (int i = 0; i < ColumnCount; i++)
        {
            for (int j = 0; j < RowCount; j++)
            {
                int k = _cells.Index(i, j);
                m[j, i] = _cells.Type[k] == 0 ? missing : ValueAt(quantity, k, i, j);
            }
        }

        return m;
    }

    private double ValueAt(PorkchopQuantity quantity, int k, int column, int row) => quantity switch
    {
        PorkchopQuantity.DepartureC3 => _cells.C3[k],
        PorkchopQuantity.DepartureVInfinity => Math.Sqrt(_cells.C3[k]),
        PorkchopQuantity.ArrivalVInfinity => _cells.VInfArrival[k],
        PorkchopQuantity.DepartureAsymptoteDeclination => _cells.DlaDeg[k],
        PorkchopQuantity.TimeOfFlightDays => (ArrivalAt(column, row) - _departures[column]).TotalDays,
        PorkchopQuantity.TransferType => _cells.Type[k],
        _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Unknown quantity."),
    };

    private TransferSolution? Solution(int k)
    {
        int column = k / RowCount, row = k % RowCount;
        return Porkchop.Transfer(Origin, Destination, _departures[column], ArrivalAt(column, row), Ephemeris);
    }

    private void FindBest(out int bestI, out int bestII)
    {
        bestI = bestII = -1;
        double minI = double.PositiveInfinity, minII = double.PositiveInfinity;
        var c3 = _cells.C3;
        var type = _cells.Type;
        for (int k = 0; k < c3.Length; k++)
        {
            if (_cells.NearOpposition[k])
            {
                continue;
            }

            if (type[k] == 1 && c3[k] < minI)
            {
                minI = c3[k];
                bestI = k;
            }
            else if (type[k] == 2 && c3[k] < minII)
            {
                minII = c3[k];
                bestII = k;
            }
        }
    }

    /// <summary>Flat per-cell storage, column-major (all rows of one departure together) so that each parallel
    /// worker writes one contiguous block.</summary>
    internal sealed class Storage
    {
        private static readonly double CosEps = Math.Cos(SolarSystemConstants.ObliquityJ2000Arcseconds / 3600.0 * Math.PI / 180.0);
        private static readonly double SinEps = Math.Sin(SolarSystemConstants.ObliquityJ2000Arcseconds / 3600.0 * Math.PI / 180.0);
        private static readonly double CosBand = Math.Cos(MarsWindows.SingularBandAround180.Radians);

        public Storage(int columns, int rows)
        {
            Rows = rows;
            C3 = new double[columns * rows];
            VInfArrival = new double[columns * rows];
            DlaDeg = new double[columns * rows];
            Type = new byte[columns * rows];
            NearOpposition = new bool[columns * rows];
        }

        /// <summary>Whether the cell's transfer angle lies within <see cref="MarsWindows.SingularBandAround180"/> of 180°.</summary>
        public bool[] NearOpposition { get; }

        public int Rows { get; }

        public double[] C3 { get; }

        public double[] VInfArrival { get; }

        public double[] DlaDeg { get; }

        /// <summary>0: no transfer; 1: Type I; 2: Type II.</summary>
        public byte[] Type { get; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Index(int column, int row) => (column * Rows) + row;

        public int CountValid()
        {
            int n = 0;
            foreach (byte t in Type)
            {
                n += t == 0 ? 0 : 1;
            }

            return n;
        }

        /// <summary>Solves one cell: the prograde zero-revolution Lambert arc and its excess velocities.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Set(int column, int row, in CartesianState departure, in CartesianState arrival, double tofSeconds)
        {
            if (!Lambert.TrySolveZeroRevolution(departure.PositionKm, arrival.PositionKm, tofSeconds, SolarSystemConstants.SunGmKm3PerS2, TransferDirection.Prograde, out var v1, out var v2))
            {
                return;
            }

            var vInfDep = v1 - departure.VelocityKmPerS;
            double c3 = vInfDep.LengthSquared;
            double vInfArr = (v2 - arrival.VelocityKmPerS).Length;
            double zEq = (SinEps * vInfDep.Y) + (CosEps * vInfDep.Z);
            double dla = Math.Asin(Math.Clamp(zEq / Math.Sqrt(c3), -1.0, 1.0)) * (180.0 / Math.PI);
            var h = Vector3D.Cross(departure.PositionKm, arrival.PositionKm);
            int k = Index(column, row);
            C3[k] = c3;
            VInfArrival[k] = vInfArr;
            DlaDeg[k] = dla;
            Type[k] = h.Z >= 0 ? (byte)1 : (byte)2;
            NearOpposition[k] = Vector3D.Dot(departure.PositionKm, arrival.PositionKm) < -CosBand * departure.PositionKm.Length * arrival.PositionKm.Length;
        }
    }
}
