using System.CommandLine;
using System.Text.Json;
using Nabla.Learning;
using Nabla.Tensors;

namespace Nabla.Cli.Commands;

/// <summary><c>nabla evaluate</c>: loss and accuracy of a saved model on the split it recorded.</summary>
internal static class EvaluateCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "model file written by nabla train", Required = true };
        var data = new Option<string>("--data") { Description = "digits, fashion-mnist, or a CSV file (the data set the model was trained on)", Required = true };
        var split = new Option<string>("--split") { Description = "test, train or all", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("test", "train", "all");
        var dataDir = new Option<string?>("--data-dir") { Description = "directory holding the data files" };
        var json = new Option<bool>("--json") { Description = "print one JSON object" };
        var command = new Command("evaluate", "Evaluate a saved model (mean cross-entropy and accuracy) on its recorded train/test split.")
        {
            model, data, split, dataDir, json,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(model)!;
            var classifier = ModelFile.Load(path);
            var set = LearningCli.LoadData(parse.GetValue(data)!, parse.GetValue(dataDir));
            string which = parse.GetValue(split)!;
            var rows = classifier.Rows(set, which);
            var (loss, accuracy) = classifier.Evaluate(set, rows);
            if (parse.GetValue(json))
            {
                var errors = new List<string>();
                using var stream = new MemoryStream();
                using (var w = new Utf8JsonWriter(stream))
                {
                    w.WriteStartObject();
                    w.WriteString("model", path);
                    w.WriteString("data", set.Name);
                    w.WriteString("split", which);
                    LearningCli.Number(w, "loss", loss, errors);
                    LearningCli.Number(w, "accuracy", accuracy, errors);
                    w.WriteNumber("samples", rows.Length);
                    if (errors.Count > 0) w.WriteString("error", string.Join("; ", errors));
                    w.WriteEndObject();
                }
                output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            }
            else
            {
                var info = classifier.Info;
                output.WriteLine($"model     {path} ({string.Join("-", info.Layers)} {Activations.Name(info.Activation)}, {classifier.Precision}, trained on {info.Data})");
                output.WriteLine($"split     {which} ({rows.Length} rows)");
                output.WriteLine($"loss      {LearningCli.Fixed(loss)}");
                output.WriteLine($"accuracy  {LearningCli.Percent(accuracy)}");
            }
            return CliApp.Ok;
        });
        return command;
    }
}
