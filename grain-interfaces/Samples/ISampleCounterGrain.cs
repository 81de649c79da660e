namespace OrderCluster.GrainInterfaces.Samples;

/// <summary>A sample persisted counter: the smallest grain that shows state, versions and the API path.</summary>
public interface ISampleCounterGrain : IGrainWithStringKey
{
    Task<SampleCounter> IncrementAsync(int by);

    [ReadOnly]
    Task<SampleCounter> GetAsync();
}

public sealed record SampleCounter(string Key, long Value, long Version);
