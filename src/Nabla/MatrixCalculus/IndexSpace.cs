namespace Nabla.MatrixCalculus;

/// <summary>The indices of one derivation and the dimension each one ranges over.</summary>
public sealed class IndexSpace
{
    private readonly List<Dim> _dims = [];
    public Dim DimOf(int index) => _dims[index];
    public int Count => _dims.Count;

    /// <summary>A fresh index over <paramref name="d"/>, or null when d is 1 (no index needed).</summary>
    public int? New(Dim d)
    {
        if (d.IsOne) return null;
        _dims.Add(d);
        return _dims.Count - 1;
    }
}
