using System.CommandLine;

using Nabla.Cli.Commands;

namespace Nabla.Cli;

/// <summary>
/// Builds the command tree and runs it with the exit-code contract: 0 success, 2 bad input (one
/// line on stderr, no stack trace), 1 internal error.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int InternalError = 1;
    public const int BadInput = 2;

    public static RootCommand BuildRoot(TextWriter output)
    {
        var root = new RootCommand("nabla: derivatives of any order and what they are for (gradients, Hessians, critical points, matrix calculus, optimization, curvature).");
        foreach (var command in CommandCatalog.All(output))
            root.Subcommands.Add(command);
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var root = BuildRoot(output);
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var e in parse.Errors)
                    error.WriteLine($"nabla: {e.Message}");
                return BadInput;
            }
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (NablaInputException e)
        {
            error.WriteLine($"nabla: {e.Message}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("nabla: cancelled");
            return InternalError;
        }
        catch (Exception e)
        {
            error.WriteLine($"nabla: internal error: {e.GetType().Name}: {e.Message}");
            return InternalError;
        }
    }
}
