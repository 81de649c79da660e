using System.ComponentModel;

namespace OrderCluster.Runtime.CodeGeneration;

/// <summary>Sends requests to one grain. Base class of the generated proxies.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainReference(GrainId grainId, IGrainCallInvoker invoker)
{
    /// <summary>The grain this reference calls.</summary>
    public GrainId GrainId { get; } = grainId;

    /// <summary>Sends <paramref name="request"/> and returns the caller's task.</summary>
    protected Task<TResult> InvokeAsync<TResult>(GrainRequest<TResult> request)
    {
        var task = request.CreateCallerTask();
        invoker.Invoke(GrainId, request);
        return task;
    }

    public override string ToString() => GrainId.ToString();

    public override bool Equals(object? obj) => obj is GrainReference other && other.GrainId == GrainId;

    public override int GetHashCode() => GrainId.GetHashCode();
}

/// <summary>The runtime's entry for outgoing calls: delivers a request to a grain, locally or remotely.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainCallInvoker
{
    /// <summary>Delivers <paramref name="request"/>; its outcome (or a failure) completes the caller's task.</summary>
    void Invoke(GrainId target, GrainRequest request);
}
