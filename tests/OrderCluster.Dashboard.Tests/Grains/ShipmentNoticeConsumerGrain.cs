using System.Collections.Concurrent;

namespace OrderCluster.Dashboard.Tests.Grains;

public sealed record ShipmentNotice(string Carrier);

/// <summary>Consumes "notices" streams and refuses every event until its key is healed: what puts a dead letter on the Streams tab.</summary>
public interface IShipmentNoticeConsumerGrain : IGrainWithStringKey, IStreamConsumer
{
    Task HealAsync();

    [ReadOnly]
    Task<int> GetHandledAsync();
}

[ImplicitStreamSubscription("notices")]
public sealed class ShipmentNoticeConsumerGrain : Grain, IShipmentNoticeConsumerGrain
{
    // Static: the test heals a key and the next activation (on any silo of the in-process cluster) must see it.
    private static readonly ConcurrentDictionary<string, int> Handled = new();
    private static readonly ConcurrentDictionary<string, bool> Healed = new();

    public Task OnStreamEventsAsync(StreamEventBatch batch)
    {
        if (!Healed.ContainsKey(GetPrimaryKeyString())) throw new InvalidOperationException("the carrier system is down");
        Handled.AddOrUpdate(GetPrimaryKeyString(), batch.Events.Count, (_, n) => n + batch.Events.Count);
        return Task.CompletedTask;
    }

    public Task HealAsync()
    {
        Healed[GetPrimaryKeyString()] = true;
        return Task.CompletedTask;
    }

    public Task<int> GetHandledAsync() => Task.FromResult(Handled.GetValueOrDefault(GetPrimaryKeyString()));
}
