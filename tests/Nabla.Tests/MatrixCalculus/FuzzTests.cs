using CsCheck;

using Nabla.MatrixCalculus;

namespace Nabla.Tests.MatrixCalculus;

/// <summary>Any input either parses (and differentiates) or raises a typed input error: never anything else.</summary>
public class FuzzTests
{
    private static readonly string[] Tokens =
        ["X", "A", "x", "a", "c", "(", ")", "'", "*", "+", "-", "/", "^", ".*", "./", ".^", "⊙", "⊗", ",", ";", "2", "0.5", "-1",
         "tr(", "det(", "logdet(", "inv(", "norm2(", "norm1(", "sum(", "diag(", "exp(", "log(", "eye(n)", "ones(n)", "vector(", "matrix(", "kron(", " "];

    [Fact]
    public void RandomTokenSequencesNeverCrash()
    {
        Gen.Int[0, Tokens.Length - 1].Array[1, 25].Sample(ids =>
        {
            var text = string.Concat(ids.Select(i => Tokens[i]));
            try
            {
                var e = MatrixExpression.Parse(text);
                var again = MatrixExpression.Parse(e.Root.Key, e.DimsText); // printing round-trips
                Assert.Equal(e.Root.Key, again.Root.Key);
                foreach (var v in e.Root.Variables())
                    _ = MatrixDifferentiation.Differentiate(e, v.Name).Text;
            }
            catch (NablaInputException) { }
        }, iter: 20_000);
    }
}
