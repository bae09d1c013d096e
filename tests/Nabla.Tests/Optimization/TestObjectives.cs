using Nabla.Optimization;

namespace Nabla.Tests.Optimization;

/// <summary>Objectives with hand-written derivatives, independent of AutoDiff.</summary>
internal static class TestObjectives
{
    public static Objective Rosenbrock(Bounds? bounds = null) => new(2,
        value: x => 100 * Sq(x[1] - x[0] * x[0]) + Sq(1 - x[0]),
        valueAndGradient: (x, g) =>
        {
            double a = x[1] - x[0] * x[0];
            g[0] = -400 * x[0] * a - 2 * (1 - x[0]);
            g[1] = 200 * a;
            return 100 * a * a + Sq(1 - x[0]);
        },
        hessian: (x, h) =>
        {
            h[0] = 1200 * x[0] * x[0] - 400 * x[1] + 2;
            h[1] = h[2] = -400 * x[0];
            h[3] = 200;
        },
        bounds: bounds);

    /// <summary>f(x) = ½xᵀAx − bᵀx with A symmetric positive definite (row-major).</summary>
    public static Objective Quadratic(double[] a, double[] b)
    {
        int n = b.Length;
        return new Objective(n,
            valueAndGradient: (x, g) =>
            {
                double f = 0;
                for (int i = 0; i < n; i++)
                {
                    double ax = 0;
                    for (int j = 0; j < n; j++)
                        ax += a[i * n + j] * x[j];
                    g[i] = ax - b[i];
                    f += 0.5 * x[i] * ax - b[i] * x[i];
                }
                return f;
            },
            hessian: (x, h) => a.CopyTo(h),
            hessianVector: (x, v, hv) =>
            {
                for (int i = 0; i < n; i++)
                {
                    double s = 0;
                    for (int j = 0; j < n; j++)
                        s += a[i * n + j] * v[j];
                    hv[i] = s;
                }
            });
    }

    /// <summary>f(x) = √(1 + x²): pure Newton gives x ← −x³.</summary>
    public static Objective SqrtOnePlusSquare() => new(1,
        valueAndGradient: (x, g) =>
        {
            double r = Math.Sqrt(1 + x[0] * x[0]);
            g[0] = x[0] / r;
            return r;
        },
        hessian: (x, h) => h[0] = Math.Pow(1 + x[0] * x[0], -1.5));

    /// <summary>f(x) = x·atan(x) − ½·log(1 + x²): f' = atan x, f'' = 1/(1 + x²).</summary>
    public static Objective XAtanX() => new(1,
        valueAndGradient: (x, g) =>
        {
            g[0] = Math.Atan(x[0]);
            return x[0] * Math.Atan(x[0]) - 0.5 * Math.Log(1 + x[0] * x[0]);
        },
        hessian: (x, h) => h[0] = 1 / (1 + x[0] * x[0]));

    public static double Sq(double v) => v * v;

    /// <summary>Least-squares Rosenbrock: r = (10(x2 − x1²), 1 − x1).</summary>
    public static Objective RosenbrockResiduals() => Objective.LeastSquares(2, 2,
        (x, r) => { r[0] = 10 * (x[1] - x[0] * x[0]); r[1] = 1 - x[0]; },
        (x, r, j) =>
        {
            r[0] = 10 * (x[1] - x[0] * x[0]); r[1] = 1 - x[0];
            j[0] = -20 * x[0]; j[1] = 10; j[2] = -1; j[3] = 0;
        });
}
