using CsCheck;
using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

/// <summary>100 000 random and mutated formulas: each parses or throws ParseException, nothing else.</summary>
public class ParserFuzzTests
{
    private const string Alphabet = "xyz0123456789.eE+-*/^(),<>=!&| \t_abcdefghijklmnopqrstuvwxyzαβπ·−#$'\"\\{}[]∞\u0000";
    private static readonly string[] Pieces =
        ["sin(", "atan2(", "if(", "pow(", "min(", ")", "(", ",", "^", "**", "-", "1e-3", "0.5", ".", "e", "pi", "&&", "||", "!", "<=", "==", "x", "2x", "3(", "1e99999", "9^9^9^9", "((((", "))))"];

    private static string Mutate(Random rng, string s)
    {
        int n = rng.Next(1, 5);
        for (int k = 0; k < n; k++)
        {
            int at = s.Length == 0 ? 0 : rng.Next(s.Length + 1);
            switch (rng.Next(6))
            {
                case 0: if (s.Length > 0 && at < s.Length) s = s.Remove(at, 1); break;
                case 1: s = s.Insert(at, Alphabet[rng.Next(Alphabet.Length)].ToString()); break;
                case 2: s = s.Insert(at, Pieces[rng.Next(Pieces.Length)]); break;
                case 3: s = s[..at]; break;
                case 4: if (s.Length > 1) { int a = rng.Next(s.Length), b = rng.Next(s.Length); var c = s.ToCharArray(); (c[a], c[b]) = (c[b], c[a]); s = new string(c); } break;
                default: { int len = rng.Next(0, Math.Max(1, s.Length - at)); s = s.Insert(at, s.Substring(at, Math.Min(len, s.Length - at))); break; }
            }
        }
        return s;
    }

    private static string Random(Random rng)
    {
        int len = rng.Next(0, 40);
        var c = new char[len];
        for (int i = 0; i < len; i++) c[i] = Alphabet[rng.Next(Alphabet.Length)];
        return new string(c);
    }

    [Fact]
    public void RandomAndMutatedFormulasParseOrThrowParseException()
    {
        int parsed = 0, rejected = 0;
        // 2 000 random formulas, each mutated many ways (generating a fresh formula per case is the slow part).
        var bases = new string[2000];
        for (int i = 0; i < bases.Length; i++) bases[i] = ExprGenerators.Build(new Random(i), 5, ExprGenerators.DefaultVariables).ToString();
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            string s = rng.Next(4) == 0 ? Random(rng) : Mutate(rng, bases[rng.Next(bases.Length)]);
            try
            {
                var r = Expr.Parse(s);
                Assert.NotNull(r);
                Interlocked.Increment(ref parsed);
            }
            catch (ParseException ex)
            {
                Assert.InRange(ex.Column, 1, s.Length + 1);
                Interlocked.Increment(ref rejected);
            }
        }, iter: 100_000);
        Assert.Equal(100_000, parsed + rejected);
        Assert.True(parsed > 1000 && rejected > 1000, $"parsed {parsed}, rejected {rejected}");
    }

    [Fact]
    public void LimitsGiveClearErrors()
    {
        var tooLong = string.Join("+", Enumerable.Repeat("x", 60_000));
        Assert.Contains("longer than 100000", Assert.Throws<ParseException>(() => Expr.Parse(tooLong)).Message);
        var deep = new string('(', 10_001) + "x" + new string(')', 10_001);
        Assert.Contains("nests deeper than 10000", Assert.Throws<ParseException>(() => Expr.Parse(deep)).Message);
        var deepCalls = string.Concat(Enumerable.Repeat("sin(", 10_001)) + "x" + new string(')', 10_001);
        Assert.Throws<ParseException>(() => Expr.Parse(deepCalls));
        var ok = string.Concat(Enumerable.Repeat("sin(", 9_999)) + "x" + new string(')', 9_999);
        Assert.Equal(10_000, Expr.Parse(ok).NodeCount);
        Assert.Throws<ParseException>(() => Expr.Parse(new string('-', 50_000) + "x"));
        Assert.Equal("x", Expr.Parse(new string('-', 5_000) + "x").ToString());
    }
}
