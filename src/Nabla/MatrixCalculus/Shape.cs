namespace Nabla.MatrixCalculus;

/// <summary>A dimension: a symbol such as <c>n</c> or a fixed size such as <c>1</c> or <c>3</c>.</summary>
public readonly record struct Dim(string Name)
{
    public static readonly Dim One = new("1");
    public bool IsOne => Name == "1";
    public bool IsFixed => Name.Length > 0 && Name.All(char.IsAsciiDigit);
    public static Dim Fixed(int n) => new(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
    /// <summary>A product of dimensions (from a Kronecker product), named n·m.</summary>
    public bool IsProduct => Name.Contains('·');
    public override string ToString() => Name;

    /// <summary>The size, given the sizes of named dimensions; products multiply.</summary>
    public int Size(Func<string, int> named)
    {
        if (IsFixed) return int.Parse(Name, System.Globalization.CultureInfo.InvariantCulture);
        if (IsProduct) return Name.Split('·').Aggregate(1, (p, part) => p * new Dim(part).Size(named));
        return named(Name);
    }
}

/// <summary>Rows × columns. Vectors are columns (n×1), scalars are 1×1.</summary>
public readonly record struct Shape(Dim Rows, Dim Cols)
{
    public static readonly Shape Scalar = new(Dim.One, Dim.One);
    public static Shape Vector(Dim n) => new(n, Dim.One);
    public bool IsScalar => Rows.IsOne && Cols.IsOne;
    public bool IsColumn => Cols.IsOne && !Rows.IsOne;
    public bool IsRow => Rows.IsOne && !Cols.IsOne;
    public bool IsSquare => Rows == Cols;
    public Shape Transposed => new(Cols, Rows);

    /// <summary>People's notation: <c>scalar</c>, <c>n</c> for a vector, <c>n×m</c>, <c>1×n</c> for a row.</summary>
    public override string ToString() => IsScalar ? "scalar" : IsColumn ? Rows.Name : $"{Rows}×{Cols}";
}
