namespace Nabla.MatrixCalculus;

/// <summary>Bad matrix-calculus input, with the 1-based column in the expression (0 when not tied to one).</summary>
public class MatrixInputException : NablaInputException
{
    public int Column { get; }

    public MatrixInputException(string message, int column)
        : base(column > 0 ? $"{message} (column {column})" : message) => Column = column;
}

/// <summary>The text does not parse: unexpected character or token, unbalanced parenthesis, unknown function.</summary>
public sealed class MatrixSyntaxException(string message, int column) : MatrixInputException(message, column);

/// <summary>Shapes do not fit: names the subexpression and both shapes.</summary>
public sealed class MatrixShapeException(string message, int column, string subexpression, string leftShape, string rightShape)
    : MatrixInputException(message, column)
{
    public string Subexpression { get; } = subexpression;
    public string LeftShape { get; } = leftShape;
    public string RightShape { get; } = rightShape;
}

/// <summary>An input limit was exceeded (nesting depth, length, number of terms).</summary>
public sealed class MatrixLimitException(string message, int column) : MatrixInputException(message, column);

/// <summary>The request is well formed but outside what the engine supports (e.g. differentiating through kron).</summary>
public sealed class MatrixUnsupportedException(string message) : MatrixInputException(message, 0);
