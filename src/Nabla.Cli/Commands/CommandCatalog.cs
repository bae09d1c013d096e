using System.CommandLine;

namespace Nabla.Cli.Commands;

/// <summary>Every subcommand of <c>nabla</c>, one file each; add a line here for a new one.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All(TextWriter output)
    {
        // Symbolic
        yield return DiffCommand.Create(output);
        yield return GradCommand.Create(output);
        yield return HessianCommand.Create(output);
        yield return EvalCommand.Create(output);
        yield return AnalyzeCommand.Create(output);

        // Analysis
        yield return MixedCommand.Create(output);
        yield return ClassifyCommand.Create(output);
        yield return CriticalCommand.Create(output);
        yield return PlotCommand.Create(output);

        // Matrix calculus
        yield return MatdiffCommand.Create(output);
        yield return MatevalCommand.Create(output);
        yield return MatrixTableCommand.Create(output);

        // Optimization
        yield return MinimizeCommand.Create(output);
        yield return LstsqCommand.Create(output);
        yield return BenchProblemsCommand.Create(output);

        // Learning
        yield return TrainCommand.Create(output);
        yield return EvaluateCommand.Create(output);

        // Curvature
        yield return SharpnessCommand.Create(output);
        yield return ExperimentCommand.Create(output);

        yield break;
    }
}
