using System.Text.Json;
using Nabla.Cli;

namespace Nabla.Tests;

/// <summary>Runs the <c>nabla</c> command in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>Runs with <c>--json</c>, requires exit code 0, and parses the output.</summary>
    public static JsonElement Json(params string[] args)
    {
        var (code, o, err) = Run([.. args, "--json"]);
        Assert.True(code == 0, err);
        return JsonDocument.Parse(o).RootElement;
    }
}
