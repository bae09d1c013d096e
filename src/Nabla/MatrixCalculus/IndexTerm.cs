namespace Nabla.MatrixCalculus;

/// <summary>
/// One indexed factor of a term in index (Einstein) notation: a matrix <c>M_ab</c> (both
/// indices) or a column vector <c>v_a</c> (<see cref="B"/> null). The node is held at the current
/// point: it does not carry the differential.
/// </summary>
public sealed record IndexFactor(Node Node, int A, int? B)
{
    public bool IsVector => B is null;
}

/// <summary>
/// A product in index notation: coefficient × scalar factors × indexed factors × Kronecker deltas,
/// summed over every index that is not free (Einstein convention). A derivative term also has the
/// differential slot <see cref="Dx"/>: the indices where <c>dX_ab</c> sits. Immutable.
/// </summary>
public sealed class IndexTerm
{
    public double Coef { get; }
    public IReadOnlyList<Node> Scalars { get; }
    public IReadOnlyList<IndexFactor> Factors { get; }
    public IReadOnlyList<(int A, int B)> Deltas { get; }
    /// <summary>Where dX sits (row index, column index; null for a dimension of size 1), or null for a constant term.</summary>
    public (int? A, int? B)? Dx { get; }

    public IndexTerm(double coef, IReadOnlyList<Node> scalars, IReadOnlyList<IndexFactor> factors, IReadOnlyList<(int, int)> deltas, (int?, int?)? dx)
    {
        Coef = coef; Scalars = scalars; Factors = factors; Deltas = deltas; Dx = dx;
    }

    public static readonly IndexTerm One = new(1, [], [], [], null);

    public static IndexTerm Differential(int? a, int? b) => new(1, [], [], [], (a, b));

    public IndexTerm Times(IndexTerm o) =>
        new(Coef * o.Coef, [.. Scalars, .. o.Scalars], [.. Factors, .. o.Factors], [.. Deltas, .. o.Deltas], Dx ?? o.Dx);

    public IndexTerm Scale(double c) => new(Coef * c, Scalars, Factors, Deltas, Dx);
    public IndexTerm WithScalar(Node s) => s.Kind == NodeKind.Number ? Scale(s.Value) : new(Coef, [.. Scalars, s], Factors, Deltas, Dx);
    public IndexTerm WithFactor(IndexFactor f) => new(Coef, Scalars, [.. Factors, f], Deltas, Dx);
    public IndexTerm WithDelta(int a, int b) => new(Coef, Scalars, Factors, [.. Deltas, (a, b)], Dx);

    /// <summary>Renames index <paramref name="from"/> to <paramref name="to"/> everywhere.</summary>
    public IndexTerm Rename(int from, int to)
    {
        int R(int i) => i == from ? to : i;
        int? RN(int? i) => i == from ? to : i;
        return new IndexTerm(Coef, Scalars,
            [.. Factors.Select(f => new IndexFactor(f.Node, R(f.A), RN(f.B)))],
            [.. Deltas.Select(d => (R(d.A), R(d.B)))],
            Dx is { } dx ? (RN(dx.A), RN(dx.B)) : null);
    }
}
