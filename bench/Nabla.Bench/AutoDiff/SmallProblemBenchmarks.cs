using BenchmarkDotNet.Attributes;
using Nabla.AutoDiff;

namespace Nabla.Bench.AutoDiff;

/// <summary>Per call, tiny problems: f, gradient, HVP and Hessian in each mode against hand-written f and gradient.</summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class AutoDiffSmall
{
    [Params("Rosenbrock", "HelicalValley", "Wood", "ExtRosenbrock100")]
    public string Problem { get; set; } = "Rosenbrock";

    double[] x = [], g = [], h = [], v = [], hv = [];
    TracedFunction<RosenbrockF>? tRosen;
    TracedFunction<HelicalValleyF>? tHelix;
    TracedFunction<WoodF>? tWood;
    TracedFunction<ExtendedRosenbrockF>? tExt;

    [GlobalSetup]
    public void Setup()
    {
        x = Problem switch
        {
            "Rosenbrock" => [-1.2, 1.0],
            "HelicalValley" => [-1.0, 0.0, 0.0],
            "Wood" => [-3.0, -1.0, -3.0, -1.0],
            _ => Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? -1.2 : 1.0).ToArray(),
        };
        if (Problem == "HelicalValley") x[1] = 0.1;   // atan(x2/x1) at x1 = -1, x2 = 0.1
        int n = x.Length;
        g = new double[n];
        h = new double[n * n];
        v = Enumerable.Range(0, n).Select(i => Math.Sin(i + 1)).ToArray();
        hv = new double[n];
        tRosen = Differentiate.Compile(new RosenbrockF(), 2);
        tHelix = Differentiate.Compile(new HelicalValleyF(), 3);
        tWood = Differentiate.Compile(new WoodF(), 4);
        tExt = Differentiate.Compile(new ExtendedRosenbrockF(), 100);
    }

    [Benchmark(Description = "f hand-written double")]
    public double FHand() => Problem switch
    {
        "Rosenbrock" => RosenbrockF.F(x),
        "HelicalValley" => HelicalValleyF.F(x),
        "Wood" => WoodF.F(x),
        _ => ExtendedRosenbrockF.F(x),
    };

    [Benchmark(Description = "f on Real (written once)")]
    public double FReal() => Problem switch
    {
        "Rosenbrock" => Differentiate.Value(new RosenbrockF(), x),
        "HelicalValley" => Differentiate.Value(new HelicalValleyF(), x),
        "Wood" => Differentiate.Value(new WoodF(), x),
        _ => Differentiate.Value(new ExtendedRosenbrockF(), x),
    };

    [Benchmark(Description = "gradient hand-written")]
    public double GradientHand() => Problem switch
    {
        "Rosenbrock" => RosenbrockF.Gradient(x, g),
        "HelicalValley" => HelicalValleyF.Gradient(x, g),
        "Wood" => WoodF.Gradient(x, g),
        _ => ExtendedRosenbrockF.Gradient(x, g),
    };

    [Benchmark(Description = "gradient default (forward n<=8, else tape)")]
    public double Gradient() => Problem switch
    {
        "Rosenbrock" => Differentiate.Gradient(new RosenbrockF(), x, g),
        "HelicalValley" => Differentiate.Gradient(new HelicalValleyF(), x, g),
        "Wood" => Differentiate.Gradient(new WoodF(), x, g),
        _ => Differentiate.Gradient(new ExtendedRosenbrockF(), x, g),
    };

    [Benchmark(Description = "gradient tape")]
    public double GradientTape() => Problem switch
    {
        "Rosenbrock" => Differentiate.GradientReverse(new RosenbrockF(), x, g),
        "HelicalValley" => Differentiate.GradientReverse(new HelicalValleyF(), x, g),
        "Wood" => Differentiate.GradientReverse(new WoodF(), x, g),
        _ => Differentiate.GradientReverse(new ExtendedRosenbrockF(), x, g),
    };

    [Benchmark(Description = "gradient traced+compiled")]
    public double GradientTraced() => Problem switch
    {
        "Rosenbrock" => tRosen!.Gradient(x, g),
        "HelicalValley" => tHelix!.Gradient(x, g),
        "Wood" => tWood!.Gradient(x, g),
        _ => tExt!.Gradient(x, g),
    };

    [Benchmark(Description = "HVP default (HyperDual4 Hessian times v for n<=4, else forward over reverse)")]
    public double Hvp() => Problem switch
    {
        "Rosenbrock" => Differentiate.HessianVectorProduct(new RosenbrockF(), x, v, hv),
        "HelicalValley" => Differentiate.HessianVectorProduct(new HelicalValleyF(), x, v, hv),
        "Wood" => Differentiate.HessianVectorProduct(new WoodF(), x, v, hv),
        _ => Differentiate.HessianVectorProduct(new ExtendedRosenbrockF(), x, v, hv),
    };

    [Benchmark(Description = "HVP traced+compiled")]
    public double HvpTraced() => Problem switch
    {
        "Rosenbrock" => tRosen!.HessianVectorProduct(x, v, hv),
        "HelicalValley" => tHelix!.HessianVectorProduct(x, v, hv),
        "Wood" => tWood!.HessianVectorProduct(x, v, hv),
        _ => tExt!.HessianVectorProduct(x, v, hv),
    };

    [Benchmark(Description = "Hessian default (HyperDual4 n<=4, else chunked forward over reverse)")]
    public double Hessian() => Problem switch
    {
        "Rosenbrock" => Differentiate.Hessian(new RosenbrockF(), x, g, h),
        "HelicalValley" => Differentiate.Hessian(new HelicalValleyF(), x, g, h),
        "Wood" => Differentiate.Hessian(new WoodF(), x, g, h),
        _ => Differentiate.Hessian(new ExtendedRosenbrockF(), x, g, h),
    };

    [Benchmark(Description = "Hessian traced+compiled")]
    public double HessianTraced() => Problem switch
    {
        "Rosenbrock" => tRosen!.Hessian(x, g, h),
        "HelicalValley" => tHelix!.Hessian(x, g, h),
        "Wood" => tWood!.Hessian(x, g, h),
        _ => tExt!.Hessian(x, g, h),
    };
}
