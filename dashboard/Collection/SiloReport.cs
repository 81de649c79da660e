namespace OrderCluster.Dashboard.Collection;

/// <summary>One second of one silo: calls and errors in that second, latency bucket counts, CPU (%), working set and activations.</summary>
public sealed record SiloPoint(long T, double Calls, double Errors, long[] Latency, double Cpu, long Memory, long Activations);

/// <summary>A grain method's calls, errors and latency buckets over the figures window.</summary>
public sealed record MethodFigures(string GrainType, string Method, long Calls, long Errors, long[] Latency);

/// <summary>A storage operation's count, errors, latency and batch-size buckets over the figures window.</summary>
public sealed record StorageFigures(string Operation, long Count, long Errors, long[] Latency, long[] BatchSizes);

/// <summary>Durable timers seen by one silo: in flight now, ticks and lateness over the window, lateness since start.</summary>
public sealed record TimerFigures(long InFlight, long PendingEstimate, long TicksOk, long TicksFailed, long[] Lateness, long[] LatenessSinceStart);

/// <summary>A database connection pool: connections idle and in use, its maximum, and requests waiting for a connection.</summary>
public sealed record PoolFigures(string Pool, long Idle, long Used, long Max, long Pending);

/// <summary>A stream metric of this silo, as the stream runtime reports it (lag, deliveries, failures).</summary>
public sealed record StreamMetric(string Name, IReadOnlyDictionary<string, string> Tags, double Value);

/// <summary>Everything one silo tells the dashboard, refreshed every second.</summary>
public sealed record SiloReport(
    string Silo,
    string Name,
    long Generation,
    DateTimeOffset StartedAt,
    DateTimeOffset At,
    double WindowSeconds,
    double Cpu,
    long WorkingSet,
    long GcHeap,
    long Activations,
    IReadOnlyDictionary<string, long> ActivationsByType,
    long QueueLength,
    SiloPoint Last,
    IReadOnlyList<MethodFigures> Methods,
    IReadOnlyList<StorageFigures> Storage,
    long StorageQueue,
    TimerFigures Timers,
    IReadOnlyList<PoolFigures> Pools,
    IReadOnlyList<StreamMetric> Streams);

/// <summary>A silo's per-second history (oldest first).</summary>
public sealed record SiloHistory(string Silo, IReadOnlyList<SiloPoint> Points);
