using System.CommandLine;
using Nabla.Optimization;
using Nabla.Optimization.Problems;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla bench-problems</c>: methods on the Moré-Garbow-Hillstrom problems from the standard starting points.</summary>
internal static class BenchProblemsCommand
{
    public static Command Create(TextWriter output)
    {
        var method = new Option<string[]>("--method") { Description = "method(s) to run (repeatable; default bfgs, lbfgs, trust-region, damped-newton)", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "all 29 problems instead of the 20 of the benchmark" };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var repeat = new Option<int>("--repeat") { Description = "run everything this many times and report each run's fastest time (tiered JIT needs many runs to reach optimised code; docs/performance.md has BenchmarkDotNet's steady state); default 1", DefaultValueFactory = _ => 1 };
        var c = new Command("bench-problems", "Run methods on the Moré-Garbow-Hillstrom test problems (derivatives by AutoDiff) and tabulate status, iterations and evaluations");
        c.Options.Add(method);
        c.Options.Add(all);
        c.Options.Add(json);
        c.Options.Add(repeat);
        c.SetAction(r =>
        {
            var names = r.GetValue(method) is { Length: > 0 } given ? given : ["bfgs", "lbfgs", "trust-region", "damped-newton"];
            var methods = names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(Minimizer.Parse).Distinct().ToList();
            var problems = r.GetValue(all) ? MghProblems.All : MghProblems.Benchmark;
            int times = r.GetValue(repeat);
            if (times is < 1 or > 1000)
                throw new NablaInputException($"--repeat must be between 1 and 1000 (got {times})");
            var runs = ProblemBenchmark.RunFastest(problems, methods, times);
            if (r.GetValue(json))
            {
                var j = new JsonReport();
                j.Writer.WriteStartArray("runs");
                foreach (var run in runs)
                {
                    j.Writer.WriteStartObject();
                    j.Writer.WriteString("problem", run.Problem.Name);
                    j.Writer.WriteNumber("mgh", run.Problem.Number);
                    j.Writer.WriteNumber("n", run.Problem.Dimension);
                    j.Writer.WriteString("method", run.Method);
                    j.Writer.WriteString("status", run.Result.Status.ToName());
                    j.Writer.WriteBoolean("solved", run.Solved);
                    j.Writer.WriteBoolean("false_success", run.FalseSuccess);
                    j.Num("value", run.Result.Value);
                    j.Num("minimum", run.Problem.MinimumValue);
                    j.Writer.WriteNumber("iterations", run.Result.Iterations);
                    j.Writer.WriteNumber("f_evaluations", run.Result.Evaluations.Function);
                    j.Writer.WriteNumber("gradient_evaluations", run.Result.Evaluations.Gradient);
                    j.Writer.WriteNumber("hessian_evaluations", run.Result.Evaluations.Hessian);
                    j.Writer.WriteNumber("hessian_vector_products", run.Result.Evaluations.HessianVector);
                    j.Num("milliseconds", run.Elapsed.TotalMilliseconds);
                    j.Writer.WriteEndObject();
                }
                j.Writer.WriteEndArray();
                j.Writer.WriteStartArray("totals");
                foreach (var g in runs.GroupBy(x => x.Method))
                {
                    j.Writer.WriteStartObject();
                    j.Writer.WriteString("method", g.Key);
                    j.Writer.WriteNumber("solved", g.Count(x => x.Solved));
                    j.Writer.WriteNumber("problems", g.Count());
                    j.Writer.WriteNumber("false_successes", g.Count(x => x.FalseSuccess));
                    j.Writer.WriteNumber("f_evaluations", g.Sum(x => x.Result.Evaluations.Function));
                    j.Num("milliseconds", g.Sum(x => x.Elapsed.TotalMilliseconds));
                    j.Writer.WriteEndObject();
                }
                j.Writer.WriteEndArray();
                output.WriteLine(j.Finish());
                return CliApp.Ok;
            }
            foreach (var g in runs.GroupBy(x => x.Method))
            {
                output.WriteLine($"{g.Key}");
                output.WriteLine($"  {"MGH",3} {"problem",-24} {"n",2} {"status",-20} {"iter",5} {"f-ev",5} {"g-ev",5} {"H-ev",5} {"Hv",5}  {"f",-22} {"solved"}");
                foreach (var run in g)
                {
                    var e = run.Result.Evaluations;
                    string status = run.Result.Status.ToName() + (run.Result.ConvergedBy is { } why ? $" ({why.ToName()})" : "");
                    string solved = run.Solved ? "yes" : run.FalseSuccess ? "NO (false success)" : "no";
                    output.WriteLine($"  {run.Problem.Number,3} {run.Problem.Name,-24} {run.Problem.Dimension,2} {status,-20} {run.Result.Iterations,5} {e.Function,5} {e.Gradient,5} {e.Hessian,5} {e.HessianVector,5}  {Fmt.Num(run.Result.Value),-22} {solved}");
                }
                output.WriteLine($"  total: solved {g.Count(x => x.Solved)}/{g.Count()}, false successes {g.Count(x => x.FalseSuccess)}, f-evaluations {g.Sum(x => x.Result.Evaluations.Function)}, time {g.Sum(x => x.Elapsed.TotalMilliseconds):F1} ms{(times == 1 ? " (a first run includes JIT compilation; use --repeat)" : "")}");
                output.WriteLine();
            }
            return CliApp.Ok;
        });
        return c;
    }
}
