namespace Graph.Core.Generation;

/// <summary>
/// Samples ranks 0..n-1 with probability proportional to 1/(rank+1)^s, by binary search in the CDF: a few prolific
/// experts and popular claims and a long tail, as in real debates. Deterministic for a given <see cref="Random"/>.
/// </summary>
public sealed class ZipfSampler
{
    private readonly double[] _cdf;

    public ZipfSampler(int n, double s)
    {
        _cdf = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++) _cdf[i] = sum += 1.0 / Math.Pow(i + 1, s);
        for (var i = 0; i < n; i++) _cdf[i] /= sum;
    }

    public int Sample(Random random)
    {
        var index = Array.BinarySearch(_cdf, random.NextDouble());
        return Math.Min(index >= 0 ? index : ~index, _cdf.Length - 1);
    }
}
