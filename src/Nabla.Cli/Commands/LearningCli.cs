using System.Globalization;
using System.Text.Json;
using Nabla.Learning;

namespace Nabla.Cli.Commands;

/// <summary>What train and evaluate share: finding data sets by name, JSON numbers, the progress bar.</summary>
internal static class LearningCli
{
    /// <summary>"digits", "fashion-mnist" or a CSV file (last column = class label).</summary>
    public static DataSet LoadData(string data, string? dataDir)
    {
        switch (data.Trim().ToLowerInvariant())
        {
            case "digits":
                return DataSets.Digits(FindDigits(dataDir));
            case "fashion-mnist" or "fashion_mnist" or "fashionmnist":
                return DataSets.FashionMnist(dataDir ?? DataSets.FashionMnistDefaultDirectory);
            default:
                if (!File.Exists(data))
                    throw new NablaInputException($"--data '{data}': not digits, fashion-mnist or an existing CSV file");
                return CsvDataReader.Read(data);
        }
    }

    /// <summary>The train/test split to use: Fashion-MNIST's official one, otherwise a seeded random split.</summary>
    public static DataSplit? OfficialSplit(DataSet data) =>
        data.Name == "fashion-mnist" && data.Count == 70_000 ? DataSplit.Fixed(70_000, 60_000) : null;

    private static string FindDigits(string? dataDir)
    {
        if (dataDir is not null)
        {
            var p = Path.Combine(dataDir, "digits.csv.gz");
            if (File.Exists(p)) return p;
            throw new NablaInputException($"digits.csv.gz not found in --data-dir '{dataDir}'");
        }
        var env = Environment.GetEnvironmentVariable("NABLA_DATA");
        if (env is not null && File.Exists(Path.Combine(env, "digits.csv.gz"))) return Path.Combine(env, "digits.csv.gz");
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var p = Path.Combine(dir.FullName, "data", "digits.csv.gz");
                if (File.Exists(p)) return p;
            }
        throw new NablaInputException("the digits data set (data/digits.csv.gz) was not found; run from the Nabla checkout, set NABLA_DATA or pass --data-dir");
    }

    /// <summary>Writes a number, or null plus an "error" note when it is not finite.</summary>
    public static void Number(Utf8JsonWriter w, string name, double value, List<string> errors)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else
        {
            w.WriteNull(name);
            errors.Add($"{name} is {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    public static string Percent(double x) => double.IsFinite(x) ? (100 * x).ToString("F2", CultureInfo.InvariantCulture) + "%" : "n/a";

    public static string Fixed(double x, int digits = 4) => double.IsFinite(x) ? x.ToString("F" + digits, CultureInfo.InvariantCulture) : x.ToString(CultureInfo.InvariantCulture);

    /// <summary>A one-line progress bar on stderr, only when stderr is a terminal (never in captured output).</summary>
    public sealed class ProgressBar
    {
        private readonly bool enabled = !Console.IsErrorRedirected;
        private long lastTicks;

        public void Report(TrainingProgress p)
        {
            if (!enabled) return;
            long now = Environment.TickCount64;
            if (now - lastTicks < 100 && p.Batch != p.Batches) return;
            lastTicks = now;
            const int width = 30;
            int filled = (int)Math.Round(width * (double)p.Batch / p.Batches);
            Console.Error.Write($"\r  epoch {p.Epoch,3}/{p.Epochs} [{new string('#', filled)}{new string('.', width - filled)}] {p.Batch}/{p.Batches} loss {Fixed(p.BatchLoss)}   ");
        }

        public void Clear()
        {
            if (enabled) Console.Error.Write("\r" + new string(' ', 90) + "\r");
        }
    }
}
