using System.Buffers;
using System.Text.Json;
using OrderCluster.Runtime.Cluster.Transport.Wire;
using OrderCluster.Runtime.CodeGeneration;
using OrderCluster.Runtime.Messaging;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Cluster.Messaging;

/// <summary>Something sent to another silo that waits for an answer: a call or a probe.</summary>
internal abstract class PendingOperation(SiloAddress target, long deadlineTimestamp)
{
    public SiloAddress Target { get; } = target;

    public long DeadlineTimestamp { get; } = deadlineTimestamp;

    /// <summary>The answer arrived (the body is valid only during the call).</summary>
    public abstract void OnResponse(Envelope header, ReadOnlySequence<byte> body);

    /// <summary>It never left this silo (safe to send again).</summary>
    public abstract void OnUnsent(Exception reason);

    /// <summary>Its deadline passed without an answer.</summary>
    public abstract void OnTimeout();

    /// <summary>Its target was declared dead after it was sent: it may or may not have run.</summary>
    public abstract void OnTargetDead();
}

/// <summary>A grain call waiting for its response.</summary>
internal sealed class PendingCall(GrainRequest request, SiloAddress target, RemoteCallSender sender, JsonSerializerOptions json)
    : PendingOperation(target, request.DeadlineTimestamp)
{
    public GrainRequest Request => request;

    public override void OnResponse(Envelope header, ReadOnlySequence<byte> body)
    {
        switch (header.Status)
        {
            case ResponseStatus.Ok:
                try
                {
                    var reader = new Utf8JsonReader(body);
                    request.ReadResult(ref reader, json);
                }
                catch (Exception e) when (e is JsonException or NotSupportedException)
                {
                    CompleteLater(new InvalidOperationException($"The result of {request.Method.DisplayName} could not be read: {e.Message}", e));
                    return;
                }

                CompleteLater(null);
                break;
            case ResponseStatus.Rejected:
                sender.Resend(request, ExceptionCodec.Decode(header.Error));
                break;
            default:
                CompleteLater(ExceptionCodec.Decode(header.Error));
                break;
        }
    }

    public override void OnUnsent(Exception reason) => sender.Resend(request, reason);

    public override void OnTimeout() => request.TryFail(CallDeadlines.TimeoutFor(request));

    public override void OnTargetDead() => request.TryFail(new GrainCallOutcomeUnknownException(
        $"{request.Method.DisplayName} on {request.Target} was sent to silo {Target}, which died before answering; it may have run."));

    // Off the connection's read loop: a caller that continues inline must not hold up the connection.
    private void CompleteLater(Exception? failure) =>
        ThreadPool.UnsafeQueueUserWorkItem(static s =>
        {
            if (s.failure is null) s.request.CompleteFromOutcome(s.json);
            else s.request.TryFail(s.failure);
        }, (request, failure, json), preferLocal: false);
}

/// <summary>A probe waiting for its pong.</summary>
internal sealed class PendingPing(SiloAddress target, long deadlineTimestamp) : PendingOperation(target, deadlineTimestamp)
{
    private readonly TaskCompletionSource<bool> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<bool> Answered => _answered.Task;

    public override void OnResponse(Envelope header, ReadOnlySequence<byte> body) => _answered.TrySetResult(true);

    public override void OnUnsent(Exception reason) => _answered.TrySetResult(false);

    public override void OnTimeout() => _answered.TrySetResult(false);

    public override void OnTargetDead() => _answered.TrySetResult(false);
}
