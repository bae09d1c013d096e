namespace Nabla.Symbolic;

/// <summary>A formula that does not parse: the message says what was expected and where (1-based column).</summary>
public sealed class ParseException : NablaInputException
{
    public ParseException(string message, int column)
        : base(message.Contains("column", StringComparison.Ordinal) ? message : $"{message} at column {column}")
    {
        Column = column;
    }

    /// <summary>1-based column of the offending character.</summary>
    public int Column { get; }
}
