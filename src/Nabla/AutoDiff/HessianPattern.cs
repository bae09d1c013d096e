namespace Nabla.AutoDiff;

/// <summary>
/// The structurally non-zero entries of a Hessian (both triangles, row-major order) and a
/// distance-2 coloring of its columns: columns of one color share no row, so one Hessian-vector
/// product with the color's indicator vector recovers all of them exactly (Curtis-Powell-Reid
/// direct recovery). Valid along the branch path it was detected on.
/// </summary>
public sealed class HessianPattern
{
    internal HessianPattern(int n, int[] rowStart, int[] columns, int[] colors, int colorCount)
    {
        Dimension = n;
        RowStart = rowStart;
        Columns = columns;
        Colors = colors;
        ColorCount = colorCount;
    }

    public int Dimension { get; }
    /// <summary>Row i's entries are Columns[RowStart[i] .. RowStart[i+1]).</summary>
    public int[] RowStart { get; }
    public int[] Columns { get; }
    /// <summary>Color of each column.</summary>
    public int[] Colors { get; }
    public int ColorCount { get; }
    public int NonZeroCount => Columns.Length;

    internal static HessianPattern Build(int n, HashSet<long> pairs)
    {
        var rows = new List<int>[n];
        for (int i = 0; i < n; i++) rows[i] = [];
        foreach (long key in pairs)
        {
            int i = (int)(key / n), j = (int)(key % n);
            rows[i].Add(j);
            if (i != j) rows[j].Add(i);
        }
        var start = new int[n + 1];
        for (int i = 0; i < n; i++) { rows[i].Sort(); start[i + 1] = start[i] + rows[i].Count; }
        var cols = new int[start[n]];
        for (int i = 0; i < n; i++) rows[i].CopyTo(cols, start[i]);
        // Greedy distance-2 coloring: j may not share a color with any k in a row that holds j.
        var colors = new int[n];
        Array.Fill(colors, -1);
        var forbidden = new List<int>();
        var mark = new int[n + 1];
        Array.Fill(mark, -1);
        int count = 0;
        for (int j = 0; j < n; j++)
        {
            for (int p = start[j]; p < start[j + 1]; p++)
            {
                int i = cols[p];   // row i holds j (symmetry)
                for (int q = start[i]; q < start[i + 1]; q++)
                {
                    int c = colors[cols[q]];
                    if (c >= 0) mark[c] = j;
                }
            }
            int color = 0;
            while (mark[color] == j) color++;
            colors[j] = color;
            count = Math.Max(count, color + 1);
        }
        return new HessianPattern(n, start, cols, colors, count);
    }
}
