using System.Text.Json;
using System.Text.Json.Nodes;
using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Orders;
using OrderCluster.Runtime.State;

namespace OrderCluster.Grains.Tests.Json;

/// <summary>
/// PostgreSQL's jsonb stores object keys sorted by length, so a type discriminator ("type") need not come first
/// when state is read back. The runtime's options and the contracts' own options read them anyway.
/// </summary>
public sealed class PolymorphicJsonTests
{
    private static readonly JsonSerializerOptions Options = new GrainJsonOptions([GrainInterfacesJsonContext.Default, GrainsJsonContext.Default]).Options;

    private static readonly OrderState State = new()
    {
        TenantId = "acme",
        OrderId = "o-1",
        Version = 3,
        Events =
        [
            new NoteAdded { Sequence = 1, NoteId = "n1", Visibility = NoteVisibility.External },
            new SlaBreached { Sequence = 2, DeadlineId = "approval-2", Kind = "approval", DueAt = DateTimeOffset.UnixEpoch, EscalatedTo = OrderPriority.High },
            new OrderStatusChanged { Sequence = 3, From = "draft", To = "placed", Transition = "place" },
        ],
    };

    [Fact]
    public void Order_state_reads_back_after_its_keys_were_reordered_the_way_jsonb_does()
    {
        var json = JsonSerializer.Serialize(State, Options);

        var read = JsonSerializer.Deserialize<OrderState>(AsJsonb(json), Options)!;

        Assert.Equal([typeof(NoteAdded), typeof(SlaBreached), typeof(OrderStatusChanged)], read.Events.Select(e => e.GetType()));
        Assert.Equal(JsonSerializer.Serialize(State, Options), JsonSerializer.Serialize(read, Options));
    }

    [Fact]
    public void Events_read_through_the_contracts_own_options_after_jsonb_reordered_them()
    {
        // Stream consumers read payloads with GrainInterfacesJsonContext alone, not the runtime's options.
        var json = JsonSerializer.Serialize<OrderEvent>(State.Events[2], Options);

        var read = JsonSerializer.Deserialize(AsJsonb(json), GrainInterfacesJsonContext.Default.OrderEvent);

        Assert.Equal(("draft", "placed"), (((OrderStatusChanged)read!).From, ((OrderStatusChanged)read).To));
        Assert.True(AsJsonb(json).IndexOf("\"to\"", StringComparison.Ordinal) < AsJsonb(json).IndexOf("\"type\"", StringComparison.Ordinal));
    }

    /// <summary>Rewrites every object with its keys ordered as jsonb orders them: by length, then bytewise.</summary>
    private static string AsJsonb(string json) => Reorder(JsonNode.Parse(json))!.ToJsonString();

    private static JsonNode? Reorder(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Reorder(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray([.. a.Select(i => Reorder(i?.DeepClone()))]),
        _ => node?.DeepClone(),
    };
}
