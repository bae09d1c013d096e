namespace Nabla.Learning;

/// <summary>
/// A classification data set held in memory: <see cref="Count"/> rows of <see cref="Features"/>
/// values (row-major, raw units) and an integer label 0..<see cref="Classes"/>-1 per row.
/// </summary>
public sealed class DataSet
{
    /// <summary>Largest number of values a data set may hold.</summary>
    public const long MaxValues = 1L << 30;

    public DataSet(string name, double[] features, int[] labels, int featureCount, int classes = 0)
    {
        if (featureCount <= 0) throw new NablaInputException($"data set '{name}': needs at least one feature");
        if (labels.Length == 0) throw new NablaInputException($"data set '{name}': has no rows");
        if ((long)labels.Length * featureCount != features.Length)
            throw new NablaInputException($"data set '{name}': {features.Length} values do not make {labels.Length} rows of {featureCount}");
        int maxLabel = -1;
        foreach (var l in labels)
        {
            if (l < 0) throw new NablaInputException($"data set '{name}': negative label {l}");
            maxLabel = Math.Max(maxLabel, l);
        }
        if (classes == 0) classes = maxLabel + 1;
        if (maxLabel >= classes) throw new NablaInputException($"data set '{name}': label {maxLabel} but only {classes} classes");
        Name = name;
        X = features;
        Labels = labels;
        Features = featureCount;
        Classes = classes;
    }

    public string Name { get; }
    public int Count => Labels.Length;
    public int Features { get; }
    public int Classes { get; }

    /// <summary>Row-major feature values [Count, Features].</summary>
    public double[] X { get; }

    public int[] Labels { get; }

    public ReadOnlySpan<double> Row(int i) => X.AsSpan(i * Features, Features);

    /// <summary>The rows at <paramref name="indices"/>, in that order (a copy).</summary>
    public DataSet Subset(ReadOnlySpan<int> indices, string? name = null)
    {
        var x = new double[indices.Length * Features];
        var y = new int[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            if ((uint)i >= (uint)Count) throw new NablaInputException($"data set '{Name}': row {i} is outside 0..{Count - 1}");
            Row(i).CopyTo(x.AsSpan(k * Features, Features));
            y[k] = Labels[i];
        }
        return new DataSet(name ?? Name, x, y, Features, Classes);
    }

    /// <summary>This data set followed by <paramref name="other"/> (same features and classes).</summary>
    public DataSet Concat(DataSet other, string? name = null)
    {
        if (other.Features != Features) throw new NablaInputException($"cannot join '{Name}' ({Features} features) and '{other.Name}' ({other.Features})");
        return new DataSet(name ?? Name, [.. X, .. other.X], [.. Labels, .. other.Labels], Features, Math.Max(Classes, other.Classes));
    }
}
