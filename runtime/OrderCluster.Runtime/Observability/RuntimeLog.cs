using Microsoft.Extensions.Logging;

namespace OrderCluster.Runtime.Observability;

/// <summary>The runtime's structured log messages; event ids are stable (1000-1999).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1000, LogLevel.Information, "Silo runtime started in {ElapsedMs} ms with {GrainTypes} grain types")]
    public static partial void RuntimeStarted(ILogger logger, long elapsedMs, int grainTypes);

    [LoggerMessage(1001, LogLevel.Information, "Silo runtime stopping: draining {Activations} activations")]
    public static partial void RuntimeStopping(ILogger logger, int activations);

    [LoggerMessage(1002, LogLevel.Information, "Silo runtime stopped in {ElapsedMs} ms")]
    public static partial void RuntimeStopped(ILogger logger, long elapsedMs);

    [LoggerMessage(1003, LogLevel.Warning, "Shutdown drain timed out with {Pending} requests still running")]
    public static partial void DrainTimedOut(ILogger logger, int pending);

    [LoggerMessage(1010, LogLevel.Warning, "Activation of {GrainId} failed")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(1011, LogLevel.Warning, "OnDeactivateAsync of {GrainId} failed ({Reason})")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(1012, LogLevel.Information, "{GrainId} lost a state version race on '{StateName}'; deactivating it")]
    public static partial void StateConflict(ILogger logger, GrainId grainId, string stateName);

    [LoggerMessage(1014, LogLevel.Error, "Unhandled exception in {GrainId} (from an async void method?)")]
    public static partial void UnhandledGrainException(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(1013, LogLevel.Debug, "Collected {Count} idle activations")]
    public static partial void IdleCollected(ILogger logger, int count);

    [LoggerMessage(1020, LogLevel.Warning, "Call {Method} to {GrainId} timed out after {Timeout}")]
    public static partial void CallTimedOut(ILogger logger, string method, GrainId grainId, TimeSpan timeout);

    [LoggerMessage(1030, LogLevel.Error, "Storage batch of {Count} writes failed")]
    public static partial void StorageBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(1040, LogLevel.Warning, "Durable timer '{Name}' of {GrainId} failed (attempt {Attempt}); retrying at {RetryAt}")]
    public static partial void TimerDeliveryFailed(ILogger logger, Exception exception, string name, GrainId grainId, int attempt, DateTimeOffset retryAt);

    [LoggerMessage(1041, LogLevel.Error, "Durable timer poll failed")]
    public static partial void TimerPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(1042, LogLevel.Debug, "Claimed {Count} due durable timers")]
    public static partial void TimersClaimed(ILogger logger, int count);

    [LoggerMessage(1043, LogLevel.Error, "Acknowledging {Count} durable timer ticks failed; they will be delivered again")]
    public static partial void TimerAckFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(1050, LogLevel.Information, "Lifecycle stage {Stage} ({Participant}) {Action} in {ElapsedMs} ms")]
    public static partial void LifecycleStep(ILogger logger, int stage, string participant, string action, long elapsedMs);

    [LoggerMessage(1051, LogLevel.Error, "Lifecycle stage {Stage} ({Participant}) failed to {Action}")]
    public static partial void LifecycleFailed(ILogger logger, Exception exception, int stage, string participant, string action);
}
