using Nabla.Learning;

namespace Nabla.Tests.Learning;

internal static class TestData
{
    private static readonly Lazy<DataSet> digits = new(() => DataSets.Digits(DigitsPath));

    /// <summary>The vendored data/digits.csv.gz, found by walking up from the test assembly.</summary>
    public static string DigitsPath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var p = Path.Combine(dir.FullName, "data", "digits.csv.gz");
                if (File.Exists(p)) return p;
            }
            throw new FileNotFoundException("data/digits.csv.gz not found above " + AppContext.BaseDirectory);
        }
    }

    public static DataSet Digits => digits.Value;
}
