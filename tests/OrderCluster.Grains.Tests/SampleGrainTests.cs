using OrderCluster.GrainInterfaces.Samples;

namespace OrderCluster.Grains.Tests;

public sealed class SampleGrainTests
{
    [Fact]
    public async Task The_sample_counter_persists_its_value_and_version()
    {
        await using var silo = await DomainTestSilo.StartAsync();
        var counter = silo.Grains.GetGrain<ISampleCounterGrain>("a");

        await counter.IncrementAsync(2);
        var result = await counter.IncrementAsync(3);

        Assert.Equal(new SampleCounter("a", 5, 2), result);
    }
}
