using System.Diagnostics;
using System.Globalization;

namespace OrderCluster.Bench.Load;

/// <summary>
/// The live view of a run: every interval one plain line on stderr (elapsed, acknowledged orders, commands and reads, the
/// interval's rates and p99, errors so far by type) and, with <c>--timeline FILE</c>, one CSV row. No cursor tricks: it runs
/// in CI logs and under scripts.
/// </summary>
internal sealed class LoadProgress(LoadMetrics metrics, TimeSpan interval, string? timelinePath) : IDisposable
{
    private const string Header = "elapsed_s,orders_acked,commands_acked,reads,orders_per_s,commands_per_s,reads_per_s,p50_ms,p99_ms,errors";
    private readonly StreamWriter? _timeline = timelinePath is null ? null : new StreamWriter(timelinePath, append: false) { AutoFlush = true };
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private LoadMetrics.Tick _last = new(0, 0, 0, 0, double.NaN, double.NaN, new Dictionary<string, long>());
    private TimeSpan _lastAt;

    /// <summary>Prints a line every interval until <paramref name="stopping"/>, then the last one.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        _timeline?.WriteLine(Header);
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping)) Print();
        }
        catch (OperationCanceledException)
        {
            // the run is over
        }
    }

    /// <summary>One line and row for the time since the previous one (also called once more after the actors stop).</summary>
    public void Print()
    {
        var now = _watch.Elapsed;
        var tick = metrics.TakeTick();
        var seconds = Math.Max((now - _lastAt).TotalSeconds, 0.001);
        var orders = (tick.Orders - _last.Orders) / seconds;
        var commands = (tick.Commands - _last.Commands) / seconds;
        var reads = (tick.Reads - _last.Reads) / seconds;
        var errors = tick.Errors - _last.Errors;
        var worst = string.Join(", ", tick.ErrorsByType.OrderByDescending(e => e.Value).Take(4).Select(e => $"{e.Key} ×{e.Value}"));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{now.TotalSeconds,6:0.0}s] acked {tick.Orders} orders, {tick.Commands} commands, {tick.Reads} reads | "
            + $"{orders:0.0} orders/s, {commands:0.0} commands/s, {reads:0.0} reads/s, p99 {tick.P99Ms:0.0} ms | "
            + $"errors {tick.Errors}{(worst.Length > 0 ? $" ({worst})" : "")}"));
        _timeline?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{now.TotalSeconds:0.0},{tick.Orders},{tick.Commands},{tick.Reads},{orders:0.##},{commands:0.##},{reads:0.##},{Ms(tick.P50Ms)},{Ms(tick.P99Ms)},{errors}"));
        _last = tick;
        _lastAt = now;
    }

    /// <summary>An interval without requests has no percentile: an empty cell, not NaN.</summary>
    private static string Ms(double value) => double.IsNaN(value) ? "" : value.ToString("0.###", CultureInfo.InvariantCulture);

    public void Dispose() => _timeline?.Dispose();
}
