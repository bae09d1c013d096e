using System.Globalization;
using System.IO.Compression;

namespace Nabla.Learning;

/// <summary>
/// Reads a numeric CSV (comma, semicolon, tab or space separated; optional header row; .gz
/// transparently) whose last column (or <c>labelColumn</c>) is an integer class label.
/// </summary>
public static class CsvDataReader
{
    public const int MaxColumns = 100_000;

    public static DataSet Read(string path, int labelColumn = -1, string? name = null)
    {
        if (!File.Exists(path)) throw new NablaInputException($"data file '{path}' does not exist");
        try
        {
            using var file = File.OpenRead(path);
            using Stream s = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(s);
            return Read(reader, labelColumn, name ?? Path.GetFileName(path), path);
        }
        catch (InvalidDataException e) { throw new NablaInputException($"'{path}': not a valid gzip file ({e.Message})", e); }
        catch (IOException e) { throw new NablaInputException($"cannot read '{path}': {e.Message}", e); }
    }

    public static DataSet Read(TextReader reader, int labelColumn = -1, string name = "csv", string source = "csv")
    {
        var x = new List<double>();
        var y = new List<int>();
        int columns = -1;
        int lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            var cells = Split(line);
            if (cells.Length > MaxColumns) throw new NablaInputException($"'{source}' line {lineNo}: more than {MaxColumns} columns");
            var values = new double[cells.Length];
            bool numeric = true;
            for (int j = 0; j < cells.Length && numeric; j++)
                numeric = double.TryParse(cells[j], NumberStyles.Float, CultureInfo.InvariantCulture, out values[j]);
            if (!numeric)
            {
                if (y.Count == 0 && columns < 0) { columns = -2; continue; } // header row
                throw new NablaInputException($"'{source}' line {lineNo}: a value is not a number");
            }
            if (columns < 0) columns = cells.Length;
            else if (cells.Length != columns) throw new NablaInputException($"'{source}' line {lineNo}: {cells.Length} columns, expected {columns}");
            if (columns < 2) throw new NablaInputException($"'{source}' line {lineNo}: needs at least one feature and a label");
            int lc = labelColumn < 0 ? columns + labelColumn : labelColumn;
            if ((uint)lc >= (uint)columns) throw new NablaInputException($"'{source}': label column {labelColumn} is outside the {columns} columns");
            double label = values[lc];
            if (label != Math.Floor(label) || label < 0 || label > 100_000)
                throw new NablaInputException($"'{source}' line {lineNo}: label {label} is not a class number 0, 1, 2, ...");
            for (int j = 0; j < columns; j++)
                if (j != lc)
                {
                    if (!double.IsFinite(values[j])) throw new NablaInputException($"'{source}' line {lineNo}: value {values[j]} is not finite");
                    x.Add(values[j]);
                }
            y.Add((int)label);
            if ((long)x.Count > DataSet.MaxValues) throw new NablaInputException($"'{source}': more than {DataSet.MaxValues} values");
        }
        if (y.Count == 0) throw new NablaInputException($"'{source}': no data rows");
        return new DataSet(name, x.ToArray(), y.ToArray(), columns - 1);
    }

    private static string[] Split(string line)
    {
        char sep = line.Contains(',') ? ',' : line.Contains(';') ? ';' : line.Contains('\t') ? '\t' : ' ';
        var cells = line.Split(sep, sep == ' ' ? StringSplitOptions.RemoveEmptyEntries : StringSplitOptions.None);
        for (int i = 0; i < cells.Length; i++) cells[i] = cells[i].Trim().Trim('"');
        return cells;
    }
}
