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

        // Matrix calculus

        // Optimization
        yield return MinimizeCommand.Create(output);
        yield return LstsqCommand.Create(output);
        yield return BenchProblemsCommand.Create(output);

        // Learning

        // Curvature

        yield break;
    }
}
