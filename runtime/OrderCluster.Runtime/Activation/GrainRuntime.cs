using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Observability;
using OrderCluster.Runtime.State;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Activation;

/// <summary>The silo-wide services every activation uses, gathered once so an activation holds one reference.</summary>
internal sealed class GrainRuntime(
    IServiceProvider services,
    RuntimeMetrics metrics,
    GrainJsonOptions json,
    TimeProvider timeProvider,
    ILogger<GrainRuntime> logger,
    GrainWriteBatcher writes,
    IGrainStateStore stateStore,
    IDurableTimerStore timerStore,
    Streams.StreamAppender streams)
{
    private readonly CancellationTokenSource _stopping = new();
    private IGrainFactory? _grainFactory;
    private Catalog? _catalog;
    private Messaging.MessageRouter? _router;

    public IServiceProvider Services => services;

    public IGrainFactory GrainFactory => _grainFactory ??= services.GetRequiredService<IGrainFactory>();

    public Catalog Catalog => _catalog ??= services.GetRequiredService<Catalog>();

    public Messaging.MessageRouter Router => _router ??= services.GetRequiredService<Messaging.MessageRouter>();

    public RuntimeMetrics Metrics => metrics;

    public JsonSerializerOptions JsonOptions => json.Options;

    public TimeProvider TimeProvider => timeProvider;

    public ILogger Logger => logger;

    public GrainWriteBatcher Writes => writes;

    public IGrainStateStore StateStore => stateStore;

    public IDurableTimerStore TimerStore => timerStore;

    /// <summary>Serializes events for a grain write (partition, payload JSON, creation time).</summary>
    public IReadOnlyList<StreamAppend> StreamAppends(IReadOnlyList<StreamEventData> events) => streams.ToAppends(events);

    /// <summary>Wakes the local readers of the partitions just appended to.</summary>
    public void StreamsAppended(IReadOnlyList<StreamAppend> events) => streams.Appended(events);

    /// <summary>Cancelled when the silo stops waiting for a graceful shutdown.</summary>
    public CancellationToken StoppingToken => _stopping.Token;

    public void CancelStopping() => _stopping.Cancel();
}
