namespace OrderCluster.Runtime;

/// <summary>Per-call settings that flow with the async context of the caller.</summary>
public static class GrainCallContext
{
    private static readonly AsyncLocal<TimeSpan?> CurrentTimeout = new();

    /// <summary>The deadline for calls made in this async context, if one was set.</summary>
    public static TimeSpan? Timeout => CurrentTimeout.Value;

    /// <summary>Sets the deadline of every grain call made until the returned scope is disposed.</summary>
    public static IDisposable WithTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var previous = CurrentTimeout.Value;
        CurrentTimeout.Value = timeout;
        return new Scope(previous);
    }

    private sealed class Scope(TimeSpan? previous) : IDisposable
    {
        public void Dispose() => CurrentTimeout.Value = previous;
    }
}
