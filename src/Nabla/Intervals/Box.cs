using System.Globalization;
using System.Text;

namespace Nabla.Intervals;

/// <summary>
/// An interval vector: the axis-parallel box X₁ × ... × Xₙ. Immutable; every component is a
/// non-empty interval.
/// </summary>
public sealed class Box
{
    private readonly Interval[] _components;

    public Box(params Interval[] components) : this((ReadOnlySpan<Interval>)components) { }

    public Box(ReadOnlySpan<Interval> components)
    {
        if (components.Length == 0) throw new NablaInputException("a box needs at least one dimension");
        for (int i = 0; i < components.Length; i++)
            if (components[i].IsEmpty) throw new NablaInputException($"box component {i} is empty");
        _components = components.ToArray();
    }

    private Box(Interval[] owned, bool _) => _components = owned;

    /// <summary>The box [lo₀, hi₀] × ... × [loₙ₋₁, hiₙ₋₁].</summary>
    public static Box FromBounds(ReadOnlySpan<double> lo, ReadOnlySpan<double> hi)
    {
        if (lo.Length != hi.Length) throw new NablaInputException($"box bounds have {lo.Length} lower and {hi.Length} upper values");
        var c = new Interval[lo.Length];
        for (int i = 0; i < c.Length; i++) c[i] = new Interval(lo[i], hi[i]);
        return new Box(c);
    }

    /// <summary>The degenerate box at a point.</summary>
    public static Box FromPoint(ReadOnlySpan<double> point)
    {
        var c = new Interval[point.Length];
        for (int i = 0; i < c.Length; i++) c[i] = Interval.Point(point[i]);
        return new Box(c);
    }

    public int Dimension => _components.Length;
    public Interval this[int i] => _components[i];
    public ReadOnlySpan<Interval> Components => _components;

    public double[] Midpoint()
    {
        var m = new double[_components.Length];
        for (int i = 0; i < m.Length; i++) m[i] = _components[i].Mid;
        return m;
    }

    public double MaxWidth
    {
        get
        {
            double w = 0;
            foreach (var c in _components) w = Math.Max(w, c.Width);
            return w;
        }
    }

    public int WidestDimension
    {
        get
        {
            int k = 0;
            for (int i = 1; i < _components.Length; i++)
                if (_components[i].Width > _components[k].Width) k = i;
            return k;
        }
    }

    public bool IsPoint => _components.All(c => c.IsPoint);

    public Box With(int dimension, Interval value)
    {
        if (value.IsEmpty) throw new NablaInputException($"box component {dimension} would be empty");
        var c = (Interval[])_components.Clone();
        c[dimension] = value;
        return new Box(c, true);
    }

    /// <summary>Halves the box across <paramref name="dimension"/> at the midpoint of that side.</summary>
    public (Box Left, Box Right) Bisect(int dimension)
    {
        var (l, r) = _components[dimension].Bisect();
        return (With(dimension, l), With(dimension, r));
    }

    public (Box Left, Box Right) Bisect() => Bisect(WidestDimension);

    public bool Contains(ReadOnlySpan<double> point)
    {
        if (point.Length != Dimension) return false;
        for (int i = 0; i < point.Length; i++)
            if (!_components[i].Contains(point[i])) return false;
        return true;
    }

    public bool Contains(Box other)
    {
        for (int i = 0; i < Dimension; i++)
            if (!_components[i].Contains(other._components[i])) return false;
        return true;
    }

    public bool ContainsInInterior(Box other)
    {
        for (int i = 0; i < Dimension; i++)
            if (!_components[i].ContainsInInterior(other._components[i])) return false;
        return true;
    }

    /// <summary>Closed boxes share at least one point.</summary>
    public bool Intersects(Box other)
    {
        for (int i = 0; i < Dimension; i++)
            if (_components[i].Hi < other._components[i].Lo || other._components[i].Hi < _components[i].Lo) return false;
        return true;
    }

    public Box? Intersect(Box other)
    {
        var c = new Interval[Dimension];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = Interval.Intersect(_components[i], other._components[i]);
            if (c[i].IsEmpty) return null;
        }
        return new Box(c, true);
    }

    public static Box Hull(Box a, Box b)
    {
        var c = new Interval[a.Dimension];
        for (int i = 0; i < c.Length; i++) c[i] = Interval.Hull(a._components[i], b._components[i]);
        return new Box(c, true);
    }

    /// <summary>The box widened by <paramref name="fraction"/> of each side's width plus <paramref name="absolute"/> (epsilon-inflation).</summary>
    public Box Inflate(double fraction, double absolute)
    {
        var c = new Interval[Dimension];
        for (int i = 0; i < c.Length; i++)
        {
            var x = _components[i];
            double d = fraction * x.Width + absolute;
            c[i] = new Interval(Rounding.AddDown(x.Lo, -d), Rounding.AddUp(x.Hi, d));
        }
        return new Box(c, true);
    }

    /// <summary>
    /// Groups boxes into connected clusters (closed boxes that touch are connected) and returns
    /// the hull and member count of each: the undecided boxes of a search become a few regions.
    /// </summary>
    /// <remarks>
    /// Boxes closer than <paramref name="relativeGap"/> times the larger of their widths also count
    /// as touching: contraction steps shrink boxes away from their neighbours, which would otherwise
    /// split one region into many.
    /// </remarks>
    public static List<(Box Hull, int Count)> Clusters(IReadOnlyList<Box> boxes, double relativeGap = 0.5)
    {
        var grown = boxes.Select(b => b.Inflate(relativeGap / 2, 0)).ToArray();
        int n = boxes.Count;
        var parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        int Find(int i)
        {
            while (parent[i] != i) { parent[i] = parent[parent[i]]; i = parent[i]; }
            return i;
        }
        // Sweep along dimension 0: only boxes whose first sides overlap can touch.
        var order = Enumerable.Range(0, n).OrderBy(i => grown[i][0].Lo).ToArray();
        for (int a = 0; a < n; a++)
        {
            var A = grown[order[a]];
            for (int b = a + 1; b < n && grown[order[b]][0].Lo <= A[0].Hi; b++)
                if (A.Intersects(grown[order[b]]))
                {
                    int ra = Find(order[a]), rb = Find(order[b]);
                    if (ra != rb) parent[ra] = rb;
                }
        }
        var groups = new Dictionary<int, (Box Hull, int Count)>();
        for (int i = 0; i < n; i++)
        {
            int r = Find(i);
            groups[r] = groups.TryGetValue(r, out var g) ? (Hull(g.Hull, boxes[i]), g.Count + 1) : (boxes[i], 1);
        }
        return groups.Values.ToList();
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < _components.Length; i++)
        {
            if (i > 0) sb.Append(" x ");
            sb.Append(_components[i].ToString());
        }
        return sb.ToString();
    }

    public string ToString(string format) =>
        string.Join(" x ", _components.Select(c => string.Create(CultureInfo.InvariantCulture, $"[{c.Lo.ToString(format, CultureInfo.InvariantCulture)}, {c.Hi.ToString(format, CultureInfo.InvariantCulture)}]")));
}
