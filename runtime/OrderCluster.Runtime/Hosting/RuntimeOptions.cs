namespace OrderCluster.Runtime.Hosting;

/// <summary>Runtime settings (configuration section <c>Runtime</c>). Every default is documented.</summary>
public sealed class RuntimeOptions
{
    public const string SectionName = "Runtime";

    /// <summary>Deadline of a grain call unless the method, the grain type or the call sets one. Default: 30 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often busy activations are checked for calls past their deadline. Default: 250 ms.</summary>
    public TimeSpan CallTimeoutCheckInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Idle time after which an activation is deactivated. Default: 15 min.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for. Default: 1 min.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per grain type overrides, keyed by grain type name (for example <c>order</c>).</summary>
    public Dictionary<string, GrainTypeOptions> GrainTypes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>On shutdown, how long in-flight requests and deactivations may take. Default: 20 s.</summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>Overrides for one grain type.</summary>
public sealed class GrainTypeOptions
{
    /// <summary>Deadline of calls to this grain type (the method's <see cref="ResponseTimeoutAttribute"/> still wins). Default: unset.</summary>
    public TimeSpan? CallTimeout { get; set; }

    /// <summary>Idle collection age of this grain type (wins over <see cref="CollectionAgeLimitAttribute"/>). Default: unset.</summary>
    public TimeSpan? CollectionAge { get; set; }
}

/// <summary>Group commit of state writes (configuration section <c>Storage:Batching</c>).</summary>
public sealed class StateBatchingOptions
{
    public const string SectionName = "Storage:Batching";

    /// <summary>Most writes sent in one batch (one transaction). Default: 512.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>Batches in flight at once; 1 for SQLite, which has a single writer anyway. Default: 4.</summary>
    public int MaxConcurrentBatches { get; set; } = 4;
}

/// <summary>Durable timer delivery (configuration section <c>Timers</c>).</summary>
public sealed class DurableTimerOptions
{
    public const string SectionName = "Timers";

    /// <summary>How often the due window is read; also how far ahead timers are claimed. Default: 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed tick stays leased to this silo before another may deliver it. Default: 2 min.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Most timers claimed in one read. Default: 2,000.</summary>
    public int ClaimBatchSize { get; set; } = 2000;

    /// <summary>Ticks delivered to grains at once. Default: 512.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 512;

    /// <summary>First retry delay after a handler fails; doubles per attempt. Default: 1 s.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay. Default: 5 min.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromMinutes(5);
}
