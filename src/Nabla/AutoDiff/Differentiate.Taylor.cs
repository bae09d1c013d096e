using System.Buffers;

namespace Nabla.AutoDiff;

public static partial class Differentiate
{
    /// <summary>Largest total order accepted by <see cref="Partial{TF}"/>.</summary>
    public const int MaxPartialOrder = 40;
    /// <summary>Largest number of Taylor directions <see cref="Partial{TF}"/> may propagate.</summary>
    public const int MaxPartialDirections = 200_000;

    /// <summary>
    /// The Taylor coefficients c_k = (1/k!) dᵏ/dtᵏ f(x + t·v) at t = 0 for k = 0..K, K =
    /// <c>coefficients.Length - 1</c>, in one pass of Taylor arithmetic.
    /// </summary>
    public static void TaylorCoefficients<TF>(TF f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> coefficients) where TF : IScalarFunction
    {
        int n = x.Length;
        CheckLength(v.Length, n, nameof(v));
        if (coefficients.IsEmpty) throw new NablaInputException("'coefficients' must have length K+1 >= 1.");
        var ctx = TaylorContext.Current;
        var saved = ctx.Enter(coefficients.Length - 1);
        var buf = ArrayPool<Taylor>.Shared.Rent(Math.Max(n, 1));
        try
        {
            for (int i = 0; i < n; i++) buf[i] = v[i] == 0 ? Taylor.Constant(x[i]) : Taylor.Line(x[i], v[i]);
            f.Evaluate<Taylor>(buf.AsSpan(0, n)).CopyTo(coefficients);
        }
        finally
        {
            ctx.Exit(saved);
            ArrayPool<Taylor>.Shared.Return(buf);
        }
    }

    /// <summary>The directional derivatives dᵏ/dtᵏ f(x + t·v) at t = 0 for k = 0..K (K = <c>derivatives.Length - 1</c>).</summary>
    public static void DirectionalDerivatives<TF>(TF f, ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> derivatives) where TF : IScalarFunction
    {
        TaylorCoefficients(f, x, v, derivatives);
        double factorial = 1;
        for (int k = 1; k < derivatives.Length; k++) derivatives[k] *= factorial *= k;
    }

    /// <summary>The directional derivative ∇f(x)·v by one forward pass of <see cref="Dual{S}"/>.</summary>
    public static double DirectionalDerivative<TF>(TF f, ReadOnlySpan<double> x, ReadOnlySpan<double> v) where TF : IScalarFunction
    {
        int n = x.Length;
        CheckLength(v.Length, n, nameof(v));
        var buf = ArrayPool<Dual<Real>>.Shared.Rent(Math.Max(n, 1));
        try
        {
            for (int i = 0; i < n; i++) buf[i] = new Dual<Real>(x[i], v[i]);
            return f.Evaluate<Dual<Real>>(buf.AsSpan(0, n)).D.V;
        }
        finally { ArrayPool<Dual<Real>>.Shared.Return(buf); }
    }

    /// <summary>f(x), f'(x), ..., f⁽ᴷ⁾(x) of a univariate function into <paramref name="derivatives"/> (K = length - 1).</summary>
    public static void Derivatives<TU>(TU f, double x, Span<double> derivatives) where TU : IUnivariateFunction
    {
        if (derivatives.IsEmpty) throw new NablaInputException("'derivatives' must have length K+1 >= 1.");
        var ctx = TaylorContext.Current;
        var saved = ctx.Enter(derivatives.Length - 1);
        try { f.Evaluate(Taylor.Line(x, 1)).CopyTo(derivatives); }
        finally { ctx.Exit(saved); }
        double factorial = 1;
        for (int k = 1; k < derivatives.Length; k++) derivatives[k] *= factorial *= k;
    }

    /// <summary>The n-th derivative f⁽ⁿ⁾(x) of a univariate function (n = 1: one dual pass; otherwise Taylor mode).</summary>
    public static double Derivative<TU>(TU f, double x, int order = 1) where TU : IUnivariateFunction
    {
        if (order < 0) throw new NablaInputException($"Derivative order {order} must be >= 0.");
        if (order == 0) return f.Evaluate(new Real(x)).V;
        if (order == 1) return f.Evaluate(new Dual<Real>(x, 1)).D.V;
        Span<double> d = order < 64 ? stackalloc double[order + 1] : new double[order + 1];
        Derivatives(f, x, d);
        return d[order];
    }

    /// <summary>
    /// The derivative of T (any S) inside a function being differentiated: a new perturbation level
    /// <see cref="Dual{S}"/> over the caller's scalar type, so nested derivatives never confuse
    /// their perturbations. <c>d/dx [x · Derivative(y =&gt; x + y, 1)] = 1</c>.
    /// </summary>
    public static T Derivative<T, TU>(TU f, T x) where T : IScalar<T> where TU : IUnivariateFunction
        => f.Evaluate(new Dual<T>(x, T.One)).D;

    /// <summary>
    /// The derivative at x of a lambda over a new perturbation level (for nesting inside a generic
    /// function: the lambda captures the outer variables, lifted with <see cref="Dual{S}.Lift"/>).
    /// </summary>
    public static T Derivative<T>(Func<Dual<T>, Dual<T>> f, T x) where T : IScalar<T> => f(new Dual<T>(x, T.One)).D;

    /// <summary>
    /// The mixed partial derivative ∂^|α| f / ∂x^α for a multi-index α (α_i = how many times by
    /// x_i; length n). Computed exactly from univariate Taylor series of order |α| along integer
    /// directions by the interpolation of Griewank, Utke and Walther (Math. Comp. 69, 2000).
    /// </summary>
    public static double Partial<TF>(TF f, ReadOnlySpan<double> x, ReadOnlySpan<int> multiIndex) where TF : IScalarFunction
    {
        int n = x.Length;
        CheckLength(multiIndex.Length, n, nameof(multiIndex));
        int d = 0;
        var support = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (multiIndex[i] < 0) throw new NablaInputException($"multiIndex[{i}] = {multiIndex[i]} is negative.");
            if (multiIndex[i] > 0) { support.Add(i); d += multiIndex[i]; }
        }
        if (d > MaxPartialOrder) throw new NablaInputException($"Partial derivative order {d} exceeds {MaxPartialOrder}.");
        if (d == 0) return Value(f, x);
        if (d == 1)
        {
            var e = new double[n];
            e[support[0]] = 1;
            return DirectionalDerivative(f, x, e);
        }
        int p = support.Count;
        var alpha = new int[p];
        for (int m = 0; m < p; m++) alpha[m] = multiIndex[support[m]];
        if (p == 1)
        {
            var e = new double[n];
            e[support[0]] = 1;
            var c = new double[d + 1];
            DirectionalDerivatives(f, x, e, c);
            return c[d];
        }
        if (Binomial(p + d - 1, d) > MaxPartialDirections)
            throw new NablaInputException($"Partial derivative of order {d} in {p} variables needs too many Taylor directions (limit {MaxPartialDirections}).");

        var ks = new List<int[]>();
        foreach (var k in Compositions(alpha, 0, new int[p], -1)) ks.Add(k);
        var dir = new double[n];
        var coeff = new double[d + 1];
        double total = 0;
        foreach (var i in Compositions(null, d, new int[p], d))
        {
            double cij = 0;
            foreach (var k in ks)
            {
                int kk = k.Sum();
                if (kk == 0) continue;
                double term = ((d - kk) & 1) == 0 ? 1 : -1;
                for (int m = 0; m < p; m++)
                    term *= Binomial(alpha[m], k[m]) * GeneralBinomial((double)d * k[m] / kk, i[m]);
                cij += term * Math.Pow((double)kk / d, d);
            }
            if (cij == 0) continue;
            Array.Clear(dir);
            for (int m = 0; m < p; m++) dir[support[m]] = i[m];
            TaylorCoefficients(f, x, dir, coeff);
            total += cij * coeff[d];
        }
        return total;
    }

    // All k with 0 <= k <= bound (componentwise) when bound is given, or all k >= 0 with |k| = sum.
    static IEnumerable<int[]> Compositions(int[]? bound, int sum, int[] current, int target)
    {
        int p = current.Length;
        var k = new int[p];
        while (true)
        {
            if (target < 0 || k.Sum() == target) yield return (int[])k.Clone();
            int m = 0;
            while (m < p)
            {
                int limit = bound?[m] ?? sum;
                if (k[m] < limit) { k[m]++; break; }
                k[m] = 0;
                m++;
            }
            if (m == p) yield break;
        }
    }

    static double Binomial(int a, int b)
    {
        if (b < 0 || b > a) return 0;
        double r = 1;
        for (int m = 0; m < b; m++) r = r * (a - m) / (m + 1);
        return r;
    }

    static double GeneralBinomial(double a, int b)
    {
        double r = 1;
        for (int m = 0; m < b; m++) r *= (a - m) / (m + 1);
        return r;
    }
}
