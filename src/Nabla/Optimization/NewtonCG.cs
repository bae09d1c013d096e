namespace Nabla.Optimization;

/// <summary>
/// Hessian-free Newton: a trust-region method whose subproblem is solved approximately by
/// conjugate gradients using only Hessian-vector products (Steihaug 1983, Toint 1981; Nocedal and
/// Wright, Algorithm 7.2). CG stops at the trust boundary, on negative curvature (following it to
/// the boundary), or when ‖r‖ ≤ min(0.5, √‖g‖)·‖g‖ (superlinear convergence). Needs no n×n matrix.
/// </summary>
public static class NewtonCG
{
    public const string Name = "newton-cg";

    public static OptimizationResult Minimize(Objective objective, ReadOnlySpan<double> x0, OptimizerOptions? options = null)
    {
        options ??= new OptimizerOptions();
        LineSearchDriver.RejectBounds(Name, objective);
        int n = objective.Dimension;
        var z = new double[n];
        var r = new double[n];
        var d = new double[n];
        var hd = new double[n];
        var hz = new double[n];
        return TrustRegionDriver.Run(Name, objective, x0, options, (ReadOnlySpan<double> x, ReadOnlySpan<double> g, double delta, Span<double> p, out double stepNorm, out double newtonDecrement) =>
        {
            stepNorm = 0;
            newtonDecrement = double.NaN;
            var result = Subproblem(x, g, delta, p);
            stepNorm = Dense.Norm2(p);
            return result;
        });

        double Subproblem(ReadOnlySpan<double> x, ReadOnlySpan<double> g, double delta, Span<double> p)
        {
            double gNorm = Dense.Norm2(g);
            double tolerance = Math.Min(0.5, Math.Sqrt(gNorm)) * gNorm;
            Array.Clear(z);
            Array.Clear(hz);
            g.CopyTo(r);
            for (int i = 0; i < n; i++)
                d[i] = -r[i];
            double rr = Dense.Dot(r, r);
            for (int j = 0; j < 2 * n + 10; j++)
            {
                objective.HessianVector(x, d, hd);
                double dHd = Dense.Dot(d, hd);
                if (!double.IsFinite(dHd))
                    return double.NaN;
                if (dHd <= 0)
                    return ToBoundary(g, delta, p); // negative curvature: follow d to the boundary
                double alpha = rr / dHd;
                double zNorm2 = 0;
                for (int i = 0; i < n; i++)
                {
                    double zi = z[i] + alpha * d[i];
                    zNorm2 += zi * zi;
                }
                if (Math.Sqrt(zNorm2) >= delta)
                    return ToBoundary(g, delta, p);
                for (int i = 0; i < n; i++)
                {
                    z[i] += alpha * d[i];
                    hz[i] += alpha * hd[i];
                    r[i] += alpha * hd[i];
                }
                double rrNew = Dense.Dot(r, r);
                if (Math.Sqrt(rrNew) <= tolerance)
                    break;
                double beta = rrNew / rr;
                rr = rrNew;
                for (int i = 0; i < n; i++)
                    d[i] = -r[i] + beta * d[i];
            }
            z.CopyTo(p);
            return -(Dense.Dot(g, p) + 0.5 * Dense.Dot(p, hz));
        }

        // p = z + τ·d with τ ≥ 0 and ‖p‖ = Δ; H·p = H·z + τ·H·d.
        double ToBoundary(ReadOnlySpan<double> g, double delta, Span<double> p)
        {
            double dd = Dense.Dot(d, d), zd = Dense.Dot(z, d), zz = Dense.Dot(z, z);
            double tau = (-zd + Math.Sqrt(Math.Max(0, zd * zd + dd * (delta * delta - zz)))) / dd;
            double model = 0;
            for (int i = 0; i < n; i++)
            {
                p[i] = z[i] + tau * d[i];
                model += g[i] * p[i] + 0.5 * p[i] * (hz[i] + tau * hd[i]);
            }
            return -model;
        }
    }
}
