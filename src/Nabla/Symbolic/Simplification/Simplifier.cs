using System.Diagnostics;
using Nabla.Symbolic.Polynomials;

namespace Nabla.Symbolic.Simplification;

/// <summary>
/// Simplification to a textbook form: every maximal rational part of an expression (sums,
/// products, integer powers) is normalized to one fraction in lowest terms over its generators
/// (variables, and non-polynomial subterms such as sin(x), exp(x), sqrt(x^2 + 1), simplified
/// recursively inside), then written with the content and common monomial factor pulled out and
/// the denominator as a product of powers of square-free factors:
/// <c>y^3*(y^2 - x^2)/(x^2 + y^2)^2</c>. Bounded in time (<see cref="SimplifyOptions.Budget"/>)
/// and size; never throws on a valid expression; never changes the value where the input is
/// defined, though it may extend the domain (x/x becomes 1: see docs/symbolic.md, Simplification).
/// </summary>
public static class Simplifier
{
    /// <summary>Returns an equivalent, simpler expression within the budget of <paramref name="options"/>.</summary>
    public static Expr Simplify(Expr expr, SimplifyOptions? options = null) => TrySimplify(expr, options).Expression;

    /// <summary>
    /// Simplifies several expressions (a gradient, a Hessian's entries) in one run with one
    /// budget: subexpressions they share are normalized once. On budget, all are returned unchanged.
    /// </summary>
    public static Expr[] Simplify(IReadOnlyList<Expr> exprs, SimplifyOptions? options = null) => TrySimplifyAll(exprs, options).Expressions;

    /// <summary>Like <see cref="Simplify(IReadOnlyList{Expr}, SimplifyOptions?)"/>, with the status.</summary>
    public static (Expr[] Expressions, SimplifyStatus Status, TimeSpan Elapsed) TrySimplifyAll(IReadOnlyList<Expr> exprs, SimplifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(exprs);
        options ??= SimplifyOptions.Default;
        var watch = Stopwatch.StartNew();
        var budget = new Budget(options.Budget, options.CancellationToken);
        var run = new SimplifierRun(options, budget);
        try
        {
            using var scope = budget.Enter();
            var result = run.Run(exprs);
            return (result, run.SizeLimited ? SimplifyStatus.SizeLimited : SimplifyStatus.Complete, watch.Elapsed);
        }
        catch (BudgetExceededException)
        {
            return (exprs.Select(e => BestSoFar(run, e)).ToArray(), SimplifyStatus.BudgetExceeded, watch.Elapsed);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (exprs.ToArray(), SimplifyStatus.Failed, watch.Elapsed);
        }
    }

    private static Expr BestSoFar(SimplifierRun run, Expr expr)
    {
        try { return run.BestSoFar(expr); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { return expr; }
    }

    /// <summary>Like <see cref="Simplify(Expr, SimplifyOptions?)"/>, and says whether the budget or the size limit cut it short.</summary>
    public static SimplifyResult TrySimplify(Expr expr, SimplifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(expr);
        options ??= SimplifyOptions.Default;
        var watch = Stopwatch.StartNew();
        var budget = new Budget(options.Budget, options.CancellationToken);
        var run = new SimplifierRun(options, budget);
        try
        {
            using var scope = budget.Enter();
            var result = run.Run(expr);
            return new SimplifyResult(result, run.SizeLimited ? SimplifyStatus.SizeLimited : SimplifyStatus.Complete, watch.Elapsed);
        }
        catch (BudgetExceededException)
        {
            var best = BestSoFar(run, expr);
            return new SimplifyResult(best, SimplifyStatus.BudgetExceeded, watch.Elapsed,
                ReferenceEquals(best, expr) ? "the time budget ran out; the input is returned unchanged"
                                            : "the time budget ran out; the parts simplified so far are substituted");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new SimplifyResult(expr, SimplifyStatus.Failed, watch.Elapsed, ex.Message);
        }
    }
}
