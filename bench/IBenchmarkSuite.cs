namespace OrderCluster.Bench;

/// <summary>
/// One benchmark suite, run as <c>dotnet run -c Release --project bench -- &lt;Name&gt; [options]</c>.
/// A suite prints its figures through <see cref="BenchReport"/>: one <c>name value unit</c> line each,
/// and every goal figure next to a baseline measured in the same run.
/// </summary>
internal interface IBenchmarkSuite
{
    /// <summary>The command-line name of the suite, e.g. <c>runtime</c>.</summary>
    string Name { get; }

    /// <summary>A one-line description shown by <c>--help</c>.</summary>
    string Description { get; }

    /// <summary>Runs the suite; returns the process exit code.</summary>
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
