using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Runtime.Activation;
using OrderCluster.Runtime.CodeGeneration;
using OrderCluster.Runtime.Grains;
using OrderCluster.Runtime.Messaging;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Cluster.Tests;

/// <summary>
/// During ring churn one grain can briefly have an activation on two silos. Versioned state makes that safe: one of
/// two racing writes is refused (InconsistentStateException), its activation reloads, and no acknowledged update is
/// ever lost. The duplicate is forced here by delivering calls straight into two silos' catalogs.
/// </summary>
public sealed class DuplicateActivationTests
{
    [Fact]
    public async Task Two_activations_of_one_grain_writing_concurrently_never_lose_an_acknowledged_update()
    {
        await using var cluster = await TestClusters.StartAsync(2);
        var grainId = new GrainId("counter", "duplicated");
        var onFirst = PinnedTo(cluster.Silos[0], grainId);
        var onSecond = PinnedTo(cluster.Silos[1], grainId);
        await onFirst.GetAsync();
        await onSecond.GetAsync();
        Assert.True(cluster.Silos[0].HasActivation(grainId) && cluster.Silos[1].HasActivation(grainId), "both silos hold an activation");

        var acknowledged = 0;
        var conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var grain = w % 2 == 0 ? onFirst : onSecond;
            for (var i = 0; i < 100; i++)
            {
                try
                {
                    await grain.AddAsync(1);
                    Interlocked.Increment(ref acknowledged);
                }
                catch (InconsistentStateException)
                {
                    Interlocked.Increment(ref conflicts); // refused, not applied
                }
            }
        })));

        var stored = await cluster.Silos[0].Services.GetRequiredService<IGrainStateStore>().ReadStateAsync(grainId, "counter", default);
        var value = JsonDocument.Parse(stored!.Payload!).RootElement.GetProperty("value").GetInt32();
        Assert.True(conflicts > 0, "the two activations did race");
        Assert.Equal(acknowledged, value);
        Assert.Equal(acknowledged, stored.Version);
    }

    private static ICounterGrain PinnedTo(TestClusterSilo silo, GrainId grainId)
    {
        var services = silo.Services;
        var invoker = new CatalogInvoker(services.GetRequiredService<Catalog>(), services.GetRequiredService<CallDeadlines>());
        return (ICounterGrain)services.GetRequiredService<GrainTypeRegistry>().GetProxyFactory(typeof(ICounterGrain))(grainId, invoker);
    }

    /// <summary>Delivers calls to one silo's catalog, whatever the ring says.</summary>
    private sealed class CatalogInvoker(Catalog catalog, CallDeadlines deadlines) : IGrainCallInvoker
    {
        public void Invoke(GrainId target, GrainRequest request)
        {
            try
            {
                request.Target = target;
                request.Timeout = TimeSpan.FromSeconds(30);
                deadlines.Stamp(request);
                catalog.Deliver(request);
            }
            catch (Exception e)
            {
                request.TryFail(e);
            }
        }
    }
}
