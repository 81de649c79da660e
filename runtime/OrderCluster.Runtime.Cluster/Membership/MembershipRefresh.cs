namespace OrderCluster.Runtime.Cluster.Membership;

/// <summary>A request to read the membership table now rather than at the next interval.</summary>
internal sealed class MembershipRefresh
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Request()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // already requested
        }
    }

    /// <summary>Waits for a request or the interval, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken) =>
        Task.WhenAny(_signal.WaitAsync(cancellationToken), Task.Delay(interval, time, cancellationToken));
}
