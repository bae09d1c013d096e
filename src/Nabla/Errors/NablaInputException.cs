namespace Nabla;

/// <summary>
/// Bad input from a person or a file: a formula that does not parse, shapes that do not match, a
/// point with the wrong number of coordinates, a corrupted model file. The message names what is
/// wrong and where, in words a student understands. The CLI turns it into exit code 2.
/// </summary>
public class NablaInputException : Exception
{
    public NablaInputException(string message) : base(message) { }
    public NablaInputException(string message, Exception inner) : base(message, inner) { }
}
