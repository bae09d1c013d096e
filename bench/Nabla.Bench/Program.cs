using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "curvature-check") { Nabla.Bench.Curvature.CurvatureWorkload.Check(Console.Out); return; }
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
