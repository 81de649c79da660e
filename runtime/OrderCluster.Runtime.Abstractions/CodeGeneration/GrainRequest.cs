using System.ComponentModel;
using System.Text.Json;

namespace OrderCluster.Runtime.CodeGeneration;

/// <summary>
/// One call to a grain method: its arguments (generated fields), and, once invoked, its outcome.
/// The same object is the caller's promise (for a local call it is also what the grain runs);
/// a remote silo recreates it from <see cref="GrainMethod.CreateRequest"/> and the serialized arguments.
/// Generated per method; not for hand-written code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest
{
    /// <summary>The method this request calls.</summary>
    public abstract GrainMethod Method { get; }

    // The runtime's envelope of the call: set when it is sent.
    internal GrainId Target;
    internal long CorrelationId;
    internal TimeSpan Timeout;
    internal long DeadlineTimestamp;
    internal long SentTimestamp;
    internal bool HasWaited;

    // A request that arrived from another silo answers through its route instead of a local caller's task.
    internal ResponseRoute? Route;
    internal int RouteCompleted;
    internal byte ForwardCount;
    internal byte ResendCount;

    /// <summary>The exception the grain method threw, after <see cref="InvokeAsync"/>.</summary>
    public abstract Exception? OutcomeException { get; }

    /// <summary>Whether the caller's task has completed (with a result, an exception or a timeout).</summary>
    public abstract bool IsCallerCompleted { get; }

    /// <summary>Runs the method on <paramref name="grain"/> and stores its outcome here. Never throws.</summary>
    public abstract ValueTask InvokeAsync(object grain);

    /// <summary>Copies mutable arguments, so that the caller and the grain never share an object.</summary>
    public virtual void CopyArguments(JsonSerializerOptions options)
    {
    }

    /// <summary>Completes the caller's task from the stored outcome of a local invocation (copying a mutable result).</summary>
    public abstract void CompleteFromOutcome(JsonSerializerOptions options);

    /// <summary>Fails the caller's task; false if it had already completed.</summary>
    public abstract bool TryFail(Exception exception);

    /// <summary>Writes the arguments as a JSON array.</summary>
    public abstract void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options);

    /// <summary>Reads the arguments written by <see cref="WriteArguments"/>.</summary>
    public abstract void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options);

    /// <summary>Writes the stored successful result as JSON.</summary>
    public abstract void WriteResult(Utf8JsonWriter writer, JsonSerializerOptions options);

    /// <summary>
    /// Stores a result read from JSON (the response to a remote call) as the outcome; <see cref="CompleteFromOutcome"/>
    /// then completes the caller with it (without copying: nobody else holds it).
    /// </summary>
    public abstract void ReadResult(ref Utf8JsonReader reader, JsonSerializerOptions options);

    public override string ToString() => Method.DisplayName;
}

/// <summary>Where the outcome of a request that came from another silo goes (the runtime sends it back).</summary>
internal abstract class ResponseRoute
{
    /// <summary>Sends the request's stored outcome (<paramref name="failure"/> null) or a failure. Called once.</summary>
    public abstract void Complete(GrainRequest request, Exception? failure);
}
