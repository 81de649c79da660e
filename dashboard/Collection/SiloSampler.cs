using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Runtime.Diagnostics;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Lifecycle;

namespace OrderCluster.Dashboard.Collection;

/// <summary>
/// The dashboard's collection on this silo: once a second, whoever watches (nobody, or many), it reads the silo's metrics,
/// appends a point to the bounded history and prepares the silo's report. Nothing runs per call.
/// </summary>
internal sealed class SiloSampler : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WindowStep = TimeSpan.FromSeconds(5);

    private readonly MetricsReader _reader;
    private readonly IClusterDiagnostics _cluster;
    private readonly SiloIdentity _identity;
    private readonly SiloStatus _status;
    private readonly TimeProvider _time;
    private readonly ILogger<SiloSampler> _logger;
    private readonly TimeSpan _window;
    private readonly Queue<(DateTimeOffset At, MetricTotals Totals)> _windowStarts = new();
    private (DateTimeOffset At, MetricTotals Totals, TimeSpan Cpu)? _previous;
    private volatile SiloReport? _latest;

    public SiloSampler(MetricsReader reader, IClusterDiagnostics cluster, SiloIdentity identity, SiloStatus status, TimeProvider time,
        IOptions<DashboardOptions> options, ILogger<SiloSampler> logger)
    {
        _reader = reader;
        _cluster = cluster;
        _identity = identity;
        _status = status;
        _time = time;
        _logger = logger;
        _window = options.Value.FiguresWindow;
        History = new PointHistory((int)Math.Max(60, options.Value.HistoryLength.TotalSeconds));
    }

    public PointHistory History { get; }

    /// <summary>The report of the last sample (a first one is taken on demand before the loop produced any).</summary>
    public SiloReport Latest => _latest ?? SampleOnce();

    /// <summary>Samples taken so far.</summary>
    public long Samples { get; private set; }

    /// <summary>While true the loop takes no samples (the benchmark's baseline slices measure the silo without collection).</summary>
    internal bool Paused { get; set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        try
        {
            do
            {
                try
                {
                    if (!Paused) SampleOnce();
                }
                catch (Exception e)
                {
                    DashboardLog.SampleFailed(_logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal SiloReport SampleOnce()
    {
        lock (_windowStarts)
        {
            var now = _time.GetUtcNow();
            var readings = _reader.Read();
            var totals = MetricTotals.From(readings);
            var cpuTime = Environment.CpuUsage.TotalTime;
            var gauges = GaugeReadings.From(readings);

            var point = NextPoint(now, totals, cpuTime, gauges.Activations);
            if (point is not null) History.Add(point);
            _previous = (now, totals, cpuTime);

            var windowStart = AdvanceWindow(now, totals);
            var report = new SiloReport(_cluster.LocalSilo.ToString(), _identity.Name, _cluster.LocalSilo.Generation, _status.StartedAt, now,
                Math.Max(1, (now - windowStart.At).TotalSeconds), point?.Cpu ?? 0, Environment.WorkingSet, GC.GetGCMemoryInfo().HeapSizeBytes,
                gauges.Activations, gauges.ActivationsByType, gauges.QueueLength,
                point ?? new SiloPoint(now.ToUnixTimeSeconds(), 0, 0, new long[Buckets.SecondsBounds.Length + 1], 0, Environment.WorkingSet, gauges.Activations),
                Methods(totals, windowStart.Totals), Storage(totals, windowStart.Totals), gauges.StorageQueue,
                new TimerFigures(gauges.TimersInFlight, gauges.TimersPending, (long)(totals.TicksOk - windowStart.Totals.TicksOk),
                    (long)(totals.TicksFailed - windowStart.Totals.TicksFailed), totals.Lateness.Since(windowStart.Totals.Lateness), totals.Lateness.Counts),
                gauges.Pools, gauges.Streams);
            _latest = report;
            Samples++;
            return report;
        }
    }

    private SiloPoint? NextPoint(DateTimeOffset now, MetricTotals totals, TimeSpan cpuTime, long activations)
    {
        if (_previous is not { } previous) return null;
        var seconds = Math.Max(0.001, (now - previous.At).TotalSeconds);
        var cpu = (cpuTime - previous.Cpu).TotalSeconds / (seconds * Environment.ProcessorCount) * 100;
        var latency = totals.Calls.Since(previous.Totals.Calls);
        return new SiloPoint(now.ToUnixTimeSeconds(), latency.Sum() / seconds, Math.Max(0, totals.Errors - previous.Totals.Errors) / seconds,
            latency, Math.Round(Math.Clamp(cpu, 0, 100), 1), Environment.WorkingSet, activations);
    }

    /// <summary>Keeps a start point every few seconds and returns the oldest within the window.</summary>
    private (DateTimeOffset At, MetricTotals Totals) AdvanceWindow(DateTimeOffset now, MetricTotals totals)
    {
        if (_windowStarts.Count == 0 || now - _windowStarts.Last().At >= WindowStep) _windowStarts.Enqueue((now, totals));
        while (_windowStarts.Count > 1 && now - _windowStarts.ElementAt(1).At >= _window) _windowStarts.Dequeue();
        return _windowStarts.Peek();
    }

    private static List<MethodFigures> Methods(MetricTotals now, MetricTotals start)
    {
        var methods = new List<MethodFigures>();
        foreach (var (key, buckets) in now.Methods)
        {
            var latency = buckets.Since(start.Methods.GetValueOrDefault(key));
            var calls = latency.Sum();
            var errors = (long)(now.MethodErrors.GetValueOrDefault(key) - start.MethodErrors.GetValueOrDefault(key));
            if (calls == 0 && errors <= 0) continue;
            var (grainType, method) = MetricTotals.SplitMethodKey(key);
            methods.Add(new MethodFigures(grainType, method, calls, Math.Max(0, errors), latency));
        }

        return methods;
    }

    private static List<StorageFigures> Storage(MetricTotals now, MetricTotals start)
    {
        var operations = new List<StorageFigures>();
        foreach (var (operation, buckets) in now.StorageLatency)
        {
            var latency = buckets.Since(start.StorageLatency.GetValueOrDefault(operation));
            var batches = now.StorageBatches.TryGetValue(operation, out var b) ? b.Since(start.StorageBatches.GetValueOrDefault(operation)) : [];
            var errors = (long)(now.StorageErrorCounts.GetValueOrDefault(operation) - start.StorageErrorCounts.GetValueOrDefault(operation));
            operations.Add(new StorageFigures(operation, latency.Sum(), Math.Max(0, errors), latency, batches));
        }

        return operations.OrderBy(o => o.Operation, StringComparer.Ordinal).ToList();
    }
}
