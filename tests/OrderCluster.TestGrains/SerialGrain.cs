namespace OrderCluster.TestGrains;

/// <summary>Detects overlapping execution: a non-reentrant grain must never run two turns at once.</summary>
public interface ISerialGrain : IGrainWithStringKey
{
    /// <summary>Enters, awaits a few times, leaves; records overlaps and where continuations ran.</summary>
    Task<int> EnterAsync(int sequence);

    [ReadOnly]
    Task<SerialReport> GetReportAsync();

    /// <summary>A read-only method that waits until <paramref name="expected"/> readers are inside at once.</summary>
    [ReadOnly]
    Task<int> ReadTogetherAsync(int expected);

    [AlwaysInterleave]
    Task<int> PeekInsideAsync();
}

public sealed record SerialReport(int Calls, int MaxConcurrent, int ForeignContinuations, int MaxReadersTogether);

public sealed class SerialGrain : Grain, ISerialGrain
{
    private int _inside;
    private int _calls;
    private int _maxConcurrent;
    private int _foreignContinuations;
    private int _readersInside;
    private int _maxReadersTogether;
    private SynchronizationContext? _home;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _home = SynchronizationContext.Current;
        return Task.CompletedTask;
    }

    public async Task<int> EnterAsync(int sequence)
    {
        // Plain (non-interlocked) arithmetic on purpose: only turn-based execution keeps it right.
        _inside++;
        _maxConcurrent = Math.Max(_maxConcurrent, _inside);
        for (var i = 0; i < 3; i++)
        {
            await Task.Yield();
            if (SynchronizationContext.Current != _home || _home is null) _foreignContinuations++;
            await Task.Delay(0);
        }

        _calls++;
        _inside--;
        return sequence;
    }

    public Task<SerialReport> GetReportAsync() =>
        Task.FromResult(new SerialReport(_calls, _maxConcurrent, _foreignContinuations, _maxReadersTogether));

    public async Task<int> ReadTogetherAsync(int expected)
    {
        _readersInside++;
        _maxReadersTogether = Math.Max(_maxReadersTogether, _readersInside);
        var waited = 0;
        while (_maxReadersTogether < expected && waited++ < 2000) await Task.Delay(1);
        _readersInside--;
        return _maxReadersTogether;
    }

    public Task<int> PeekInsideAsync() => Task.FromResult(_inside);
}
