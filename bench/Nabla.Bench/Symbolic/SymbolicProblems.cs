using Nabla.Symbolic;

namespace Nabla.Bench.Symbolic;

/// <summary>The benchmark formulas of issue 2, built as expressions.</summary>
public static class SymbolicProblems
{
    public static string[] Vars(int n) => Enumerable.Range(1, n).Select(i => $"x{i}").ToArray();

    /// <summary>Extended Rosenbrock (MGH #21): sum over pairs of 100 (x_{2i} - x_{2i-1}^2)^2 + (1 - x_{2i-1})^2.</summary>
    public static Expr ExtendedRosenbrock(int n)
    {
        var x = Vars(n).Select(Expr.Variable).ToArray();
        var terms = new List<Expr>();
        for (int i = 0; i < n; i += 2)
        {
            terms.Add(100 * Expr.Pow(x[i + 1] - Expr.Pow(x[i], 2), 2));
            terms.Add(Expr.Pow(1 - x[i], 2));
        }
        return Expr.Sum(terms);
    }

    /// <summary>Watson (MGH #20) with m = 31: residuals for t_i = i/29 (i = 1..29), plus x1 and x2 - x1^2 - 1.</summary>
    public static Expr Watson(int n = 6)
    {
        var x = Vars(n).Select(Expr.Variable).ToArray();
        var terms = new List<Expr>();
        for (int i = 1; i <= 29; i++)
        {
            var t = Expr.Number(new Rational(i, 29));
            var s1 = Expr.Sum(Enumerable.Range(2, n - 1).Select(j => (j - 1) * x[j - 1] * Expr.Pow(t, j - 2)));
            var s2 = Expr.Sum(Enumerable.Range(1, n).Select(j => x[j - 1] * Expr.Pow(t, j - 1)));
            terms.Add(Expr.Pow(s1 - Expr.Pow(s2, 2) - 1, 2));
        }
        terms.Add(Expr.Pow(x[0], 2));
        terms.Add(Expr.Pow(x[1] - Expr.Pow(x[0], 2) - 1, 2));
        return Expr.Sum(terms);
    }

    public static Expr Eighth => Expr.Parse("exp(sin(x))/(1+x^2)");
    public static Expr Lecture => Expr.Parse("x*y^3/(x^2+y^2)");

    /// <summary>The Watson function's value, gradient and Hessian written by hand (the baseline for compiled code).</summary>
    public static double WatsonHandWritten(ReadOnlySpan<double> x, Span<double> g, Span<double> h)
    {
        int n = x.Length;
        Span<double> tp = stackalloc double[n + 1];
        Span<double> dr = stackalloc double[n];
        g.Clear();
        h[..(n * n)].Clear();
        double f = 0;
        for (int i = 1; i <= 29; i++)
        {
            double t = i / 29.0;
            tp[0] = 1;
            for (int k = 1; k <= n; k++) tp[k] = tp[k - 1] * t;
            double s1 = 0, s2 = 0;
            for (int j = 2; j <= n; j++) s1 += (j - 1) * x[j - 1] * tp[j - 2];
            for (int j = 1; j <= n; j++) s2 += x[j - 1] * tp[j - 1];
            double r = s1 - s2 * s2 - 1;
            f += r * r;
            for (int j = 1; j <= n; j++) dr[j - 1] = (j >= 2 ? (j - 1) * tp[j - 2] : 0) - 2 * s2 * tp[j - 1];
            for (int j = 0; j < n; j++)
            {
                g[j] += 2 * r * dr[j];
                for (int k = 0; k <= j; k++) h[j * n + k] += 2 * (dr[j] * dr[k] - 2 * r * tp[j] * tp[k]);
            }
        }
        f += x[0] * x[0];
        g[0] += 2 * x[0];
        h[0] += 2;
        double r31 = x[1] - x[0] * x[0] - 1;
        f += r31 * r31;
        g[0] += 2 * r31 * (-2 * x[0]);
        g[1] += 2 * r31;
        h[0] += 2 * (4 * x[0] * x[0] - 2 * r31);
        h[n] += 2 * (-2 * x[0]);
        h[n + 1] += 2;
        for (int j = 0; j < n; j++)
            for (int k = 0; k < j; k++) h[k * n + j] = h[j * n + k];
        return f;
    }
}
