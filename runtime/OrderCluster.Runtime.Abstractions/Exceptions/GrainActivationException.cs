namespace OrderCluster.Runtime;

/// <summary>A grain failed to activate (its state could not be read or <c>OnActivateAsync</c> threw).
/// The failed activation is discarded; the next call tries again.</summary>
public sealed class GrainActivationException : Exception
{
    public GrainActivationException(string message) : base(message)
    {
    }

    public GrainActivationException(GrainId grainId, Exception inner)
        : base($"Activation of {grainId} failed: {inner.GetType().Name}: {inner.Message}", inner)
    {
        GrainId = grainId;
    }

    public GrainId GrainId { get; }
}
