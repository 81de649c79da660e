using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OrderCluster.Runtime.CodeGeneration;

/// <summary>A request whose method returns <typeparamref name="TResult"/> (<see cref="VoidResult"/> for none).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainRequest<TResult> : GrainRequest
{
    private TaskCompletionSource<TResult>? _completion;
    private TResult? _result;
    private Exception? _exception;
    private bool _resultFromWire;

    public sealed override Exception? OutcomeException => _exception;

    public sealed override bool IsCallerCompleted =>
        Route is not null ? Volatile.Read(ref RouteCompleted) != 0 : _completion is { Task.IsCompleted: true };

    /// <summary>
    /// Creates the task the caller awaits. Called once, by the proxy, before the request is sent.
    /// Continuations may run inline when it completes: the runtime completes it outside any grain's
    /// context, so a caller that is itself a grain is resumed through its own context, and any other
    /// caller simply continues on the completing thread (one thread hop fewer per call).
    /// </summary>
    public Task<TResult> CreateCallerTask()
    {
        _completion = new TaskCompletionSource<TResult>();
        return _completion.Task;
    }

    /// <summary>Calls the grain method (generated).</summary>
    protected abstract ValueTask<TResult> InvokeMethodAsync(object grain);

    /// <summary>Copies a mutable result (generated override; results of immutable types are shared).</summary>
    protected virtual TResult CopyResult(TResult result, JsonSerializerOptions options) => result;

    public sealed override ValueTask InvokeAsync(object grain)
    {
        ValueTask<TResult> pending;
        try
        {
            pending = InvokeMethodAsync(grain);
        }
        catch (Exception e)
        {
            _exception = e;
            return default;
        }

        if (pending.IsCompletedSuccessfully)
        {
            _result = pending.Result;
            return default;
        }

        return AwaitOutcomeAsync(pending);
    }

    // Awaits in the current (activation) context: continuations stay inside the activation.
    private async ValueTask AwaitOutcomeAsync(ValueTask<TResult> pending)
    {
        try
        {
            _result = await pending;
        }
        catch (Exception e)
        {
            _exception = e;
        }
    }

    public sealed override void CompleteFromOutcome(JsonSerializerOptions options)
    {
        if (Route is { } route)
        {
            if (Interlocked.Exchange(ref RouteCompleted, 1) == 0) route.Complete(this, null);
            return;
        }

        var completion = CallerCompletion;
        if (_exception is not null)
        {
            completion.TrySetException(_exception);
            return;
        }

        TResult result;
        try
        {
            result = _resultFromWire ? _result! : CopyResult(_result!, options);
        }
        catch (Exception e)
        {
            completion.TrySetException(e);
            return;
        }

        completion.TrySetResult(result);
    }

    public sealed override bool TryFail(Exception exception)
    {
        if (Route is not { } route) return CallerCompletion.TrySetException(exception);
        if (Interlocked.Exchange(ref RouteCompleted, 1) != 0) return false;
        route.Complete(this, exception);
        return true;
    }

    public sealed override void WriteResult(Utf8JsonWriter writer, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, _result!, (JsonTypeInfo<TResult>)options.GetTypeInfo(typeof(TResult)));

    public sealed override void ReadResult(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        _result = JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<TResult>)options.GetTypeInfo(typeof(TResult)));
        _exception = null;
        _resultFromWire = true;
    }

    private TaskCompletionSource<TResult> CallerCompletion =>
        _completion ?? throw new InvalidOperationException($"{Method.DisplayName}: the caller's task was never created.");
}
