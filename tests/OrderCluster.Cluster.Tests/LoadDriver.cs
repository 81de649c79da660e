using System.Collections.Concurrent;

namespace OrderCluster.Cluster.Tests;

/// <summary>
/// Writers that increment counters through chosen silos until stopped, remembering for each counter the highest value
/// a successful call returned (an acknowledged write) and every failure by type. Failures that mean "not applied"
/// (the call was never delivered, or its state write lost a version race) are retried; anything else is recorded.
/// </summary>
public sealed class LoadDriver(IReadOnlyList<IGrainFactory> entryPoints, IReadOnlyList<string> keys)
{
    private readonly ConcurrentDictionary<string, int> _acknowledged = new();
    private readonly ConcurrentDictionary<string, int> _failures = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _writers = [];
    private long _succeeded;

    public IReadOnlyDictionary<string, int> Acknowledged => _acknowledged;

    /// <summary>Failures a retry does not fix, by exception type.</summary>
    public IReadOnlyDictionary<string, int> Failures => _failures;

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public void Start(int writers)
    {
        for (var w = 0; w < writers; w++)
        {
            var writer = w;
            _writers.Add(Task.Run(async () =>
            {
                var random = new Random(writer);
                while (!_stop.IsCancellationRequested)
                {
                    var key = keys[random.Next(keys.Count)];
                    var grains = entryPoints[writer % entryPoints.Count];
                    try
                    {
                        using (GrainCallContext.WithTimeout(TimeSpan.FromSeconds(15)))
                        {
                            var value = await grains.GetGrain<ICounterGrain>(key).AddAsync(1);
                            _acknowledged.AddOrUpdate(key, value, (_, v) => Math.Max(v, value));
                            Interlocked.Increment(ref _succeeded);
                        }
                    }
                    catch (Exception e) when (e is SiloUnavailableException or InconsistentStateException)
                    {
                        await Task.Delay(20); // not applied: a retry fixes it
                    }
                    catch (Exception e)
                    {
                        _failures.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                        await Task.Delay(20);
                    }
                }
            }));
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_writers);
    }

    /// <summary>Keys whose stored value is below their highest acknowledged value (lost writes).</summary>
    public async Task<List<string>> LostWritesAsync(IGrainFactory reader)
    {
        var lost = new List<string>();
        foreach (var (key, acknowledged) in _acknowledged)
        {
            var stored = await reader.GetGrain<ICounterGrain>(key).GetAsync();
            if (stored < acknowledged) lost.Add($"{key}: acknowledged {acknowledged}, stored {stored}");
        }

        return lost;
    }
}
