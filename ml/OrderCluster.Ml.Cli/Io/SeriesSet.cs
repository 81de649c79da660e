namespace OrderCluster.Ml.Cli.Io;

/// <summary>Named series read from a file, oldest value first, NaN for missing values.</summary>
internal sealed record SeriesSet(IReadOnlyList<string> Ids, IReadOnlyList<double[]> Values);
