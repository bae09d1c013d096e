namespace Nabla.MatrixCalculus;

/// <summary>One declared symbol: its dimension names (or sizes) and whether it is symmetric.</summary>
public sealed record Declaration(string Name, string Rows, string Cols, bool Symmetric);

/// <summary>
/// Shape declarations, written <c>"X:n*m, a:m, C:n*n:sym, c:scalar"</c>: a matrix is
/// <c>rows*cols</c> (or <c>rows×cols</c>), a vector is one dimension, a scalar is <c>scalar</c>;
/// <c>:sym</c> declares a square matrix symmetric (then X' = X). Dimensions are names or sizes.
/// </summary>
public sealed class Declarations
{
    public static readonly Declarations None = new([]);
    private readonly Dictionary<string, Declaration> _byName;

    public Declarations(IEnumerable<Declaration> items) => _byName = items.ToDictionary(d => d.Name);

    public IReadOnlyCollection<Declaration> Items => _byName.Values;
    public Declaration? Find(string name) => _byName.GetValueOrDefault(name);

    public static Declarations Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return None;
        var list = new List<Declaration>();
        int column = 1;
        foreach (var raw in text.Split(','))
        {
            var item = raw.Trim();
            if (item.Length > 0)
            {
                var parts = item.Split(':', StringSplitOptions.TrimEntries);
                if (parts.Length < 2 || parts.Length > 3 || !IsName(parts[0]))
                    throw new MatrixInputException($"bad declaration '{item}' in --dims: write name:rows*cols, name:n or name:scalar", column);
                bool sym = parts.Length == 3 && (parts[2] is "sym" or "symmetric" ? true
                    : throw new MatrixInputException($"unknown attribute '{parts[2]}' in --dims (only 'sym')", column));
                var dims = parts[1].Split(['*', '×'], StringSplitOptions.TrimEntries);
                if (parts[1] == "scalar") list.Add(new Declaration(parts[0], "1", "1", false));
                else if (dims.Length == 1 && IsDim(dims[0])) list.Add(new Declaration(parts[0], dims[0], "1", false));
                else if (dims.Length == 2 && IsDim(dims[0]) && IsDim(dims[1]))
                {
                    if (sym && dims[0] != dims[1]) throw new MatrixInputException($"'{parts[0]}' is declared symmetric but is not square", column);
                    list.Add(new Declaration(parts[0], dims[0], dims[1], sym));
                }
                else throw new MatrixInputException($"bad shape '{parts[1]}' for '{parts[0]}' in --dims", column);
                if (list.Count(d => d.Name == parts[0]) > 1) throw new MatrixInputException($"'{parts[0]}' declared twice in --dims", column);
            }
            column += raw.Length + 1;
        }
        return new Declarations(list);
    }

    private static bool IsName(string s) => s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_');
    private static bool IsDim(string s) => s.Contains('·') ? s.Split('·').All(IsDim) // a kron product dimension n·m
        : IsName(s) || s.Length > 0 && s.All(char.IsAsciiDigit) && s.Length < 7 && int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) > 0;
}
