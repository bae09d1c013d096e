namespace Nabla.Intervals;

/// <summary>A dense row-major matrix of intervals (an enclosure of a set of real matrices, e.g. a Jacobian over a box).</summary>
public sealed class IntervalMatrix
{
    private readonly Interval[] _data;

    public IntervalMatrix(int rows, int columns)
    {
        if (rows <= 0 || columns <= 0) throw new NablaInputException($"matrix shape {rows}x{columns} is not positive");
        Rows = rows;
        Columns = columns;
        _data = new Interval[rows * columns];
    }

    public IntervalMatrix(int rows, int columns, ReadOnlySpan<Interval> rowMajor) : this(rows, columns)
    {
        if (rowMajor.Length != rows * columns) throw new NablaInputException($"a {rows}x{columns} matrix needs {rows * columns} entries, got {rowMajor.Length}");
        rowMajor.CopyTo(_data);
    }

    public int Rows { get; }
    public int Columns { get; }
    public Span<Interval> Data => _data;

    public Interval this[int i, int j]
    {
        get => _data[i * Columns + j];
        set => _data[i * Columns + j] = value;
    }

    /// <summary>True when no entry was computed across a discontinuity or outside a domain.</summary>
    public bool IsContinuous => _data.All(x => x.IsContinuous);

    /// <summary>The matrix of midpoints, row-major.</summary>
    public double[] Midpoint() => _data.Select(x => x.Mid).ToArray();

    /// <summary>Enclosure of A·x for a point matrix A (row-major rows×columns) and this matrix: A·M.</summary>
    public static IntervalMatrix Multiply(ReadOnlySpan<double> a, int aRows, IntervalMatrix m)
    {
        int k = m.Rows;
        if (a.Length != aRows * k) throw new NablaInputException("matrix shapes do not match");
        var r = new IntervalMatrix(aRows, m.Columns);
        for (int i = 0; i < aRows; i++)
            for (int j = 0; j < m.Columns; j++)
            {
                var s = Interval.Zero;
                for (int l = 0; l < k; l++)
                {
                    double aij = a[i * k + l];
                    if (aij != 0) s += Interval.Constant(aij) * m[l, j];
                }
                r[i, j] = s;
            }
        return r;
    }

    /// <summary>Enclosure of M·v.</summary>
    public Interval[] Multiply(ReadOnlySpan<Interval> v)
    {
        if (v.Length != Columns) throw new NablaInputException($"vector length {v.Length} does not match {Columns} columns");
        var r = new Interval[Rows];
        for (int i = 0; i < Rows; i++)
        {
            var s = Interval.Zero;
            for (int j = 0; j < Columns; j++) s += this[i, j] * v[j];
            r[i] = s;
        }
        return r;
    }
}
