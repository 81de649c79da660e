using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrderCluster.Runtime.CodeGeneration;

namespace OrderCluster.Runtime.Observability;

/// <summary>
/// The runtime's instruments (meter <c>OrderCluster.Runtime</c>). Tags stay low-cardinality:
/// grain type, method, operation, outcome; never a grain key.
/// </summary>
internal sealed class RuntimeMetrics : IDisposable
{
    public const string MeterName = "OrderCluster.Runtime";

    private readonly Meter _meter;
    private readonly Counter<long> _callErrors;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _activationsCreated;
    private readonly Counter<long> _activationFailures;
    private readonly Counter<long> _deactivations;
    private readonly Histogram<double> _timerLateness;
    private readonly Counter<long> _timerTicks;
    private readonly Histogram<double> _storageDuration;
    private readonly Histogram<long> _storageBatchSize;
    private readonly Counter<long> _storageErrors;
    private readonly Counter<long> _stateConflicts;

    public RuntimeMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _callErrors = _meter.CreateCounter<long>("ordercluster.grain.call.errors", "{call}", "Grain calls that ended with an exception.");
        // One histogram carries both latency and the call count (its _count series): one measurement per call.
        _callDuration = _meter.CreateHistogram<double>("ordercluster.grain.call.duration", "s",
            "Grain calls, per grain type and method: time from sending the call to its completion (the _count is the number of calls).");
        _activationsCreated = _meter.CreateCounter<long>("ordercluster.activations.created", "{activation}", "Activations created.");
        _activationFailures = _meter.CreateCounter<long>("ordercluster.activations.failed", "{activation}", "Activations whose state load or OnActivateAsync failed.");
        _deactivations = _meter.CreateCounter<long>("ordercluster.activations.deactivated", "{activation}", "Activations deactivated, per reason.");
        _timerLateness = _meter.CreateHistogram<double>("ordercluster.timer.lateness", "s", "Delay between a durable timer's scheduled time and its delivery.");
        _timerTicks = _meter.CreateCounter<long>("ordercluster.timer.ticks", "{tick}", "Durable timer deliveries, per outcome.");
        _storageDuration = _meter.CreateHistogram<double>("ordercluster.storage.duration", "s", "Storage operation latency, per operation.");
        _storageBatchSize = _meter.CreateHistogram<long>("ordercluster.storage.batch.size", "{write}", "Writes per storage batch (group commit).");
        _storageErrors = _meter.CreateCounter<long>("ordercluster.storage.errors", "{operation}", "Storage operations that failed.");
        _stateConflicts = _meter.CreateCounter<long>("ordercluster.state.conflicts", "{write}", "State writes refused because another writer changed the version.");
    }

    public Meter Meter => _meter;

    public void CallCompleted(string grainType, GrainMethod method, long startTimestamp, Exception? failure)
    {
        if (!_callDuration.Enabled && failure is null) return;
        var tags = new TagList { { "grain_type", grainType }, { "method", method.DisplayName } };
        _callDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tags);
        if (failure is not null) _callErrors.Add(1, tags);
    }

    public void ActivationCreated(string grainType) => _activationsCreated.Add(1, new KeyValuePair<string, object?>("grain_type", grainType));

    public void ActivationFailed(string grainType) => _activationFailures.Add(1, new KeyValuePair<string, object?>("grain_type", grainType));

    public void Deactivated(string grainType, DeactivationReasonCode reason) =>
        _deactivations.Add(1, new KeyValuePair<string, object?>("grain_type", grainType), new KeyValuePair<string, object?>("reason", reason.ToString()));

    public void TimerDelivered(TimeSpan lateness, bool succeeded)
    {
        _timerLateness.Record(Math.Max(0, lateness.TotalSeconds));
        _timerTicks.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "ok" : "failed"));
    }

    public void StorageOperation(string operation, long startTimestamp, int batchSize, bool failed)
    {
        var tag = new KeyValuePair<string, object?>("operation", operation);
        _storageDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tag);
        if (batchSize > 0) _storageBatchSize.Record(batchSize, tag);
        if (failed) _storageErrors.Add(1, tag);
    }

    public void StateConflict(string grainType) => _stateConflicts.Add(1, new KeyValuePair<string, object?>("grain_type", grainType));

    public void Dispose() => _meter.Dispose();
}
