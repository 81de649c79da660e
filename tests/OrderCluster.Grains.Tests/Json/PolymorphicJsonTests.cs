using System.Text.Json;
using System.Text.Json.Nodes;
using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Orders;
using OrderCluster.Grains.Tenants;
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

    [Fact]
    public void Nested_approval_conditions_read_back_with_their_discriminators_last()
    {
        var rule = DefaultWorkflow.Definition.Approval.Rules[0] with
        {
            When = new AllOf { Conditions = [new TotalAbove { Amount = 10m }, new AnyOf { Conditions = [new NoneOf { Conditions = [new CustomerRiskAtLeast()] }] }] },
        };
        var definitions = new WorkflowDefinitionsState { Published = [DefaultWorkflow.Definition with { Approval = DefaultWorkflow.Definition.Approval with { Rules = [rule] } }] };
        var json = JsonSerializer.Serialize(definitions, Options);

        // jsonb puts "type" (4 characters) before every key of these conditions; any order must read, so put it last.
        var reordered = Reorder(JsonNode.Parse(json), keys => keys.OrderBy(k => k == "type"))!.ToJsonString();
        Assert.Contains("{\"amount\":10,\"currency\":null,\"type\":\"total-above\"}", reordered, StringComparison.Ordinal);

        var read = JsonSerializer.Deserialize<WorkflowDefinitionsState>(reordered, Options)!;

        Assert.Equal(json, JsonSerializer.Serialize(read, Options));
        Assert.IsType<CustomerRiskAtLeast>(((NoneOf)((AnyOf)((AllOf)read.Published[0].Approval.Rules[0].When).Conditions[1]).Conditions[0]).Conditions[0]);
    }

    /// <summary>Rewrites every object with its keys ordered as jsonb orders them: by length, then bytewise.</summary>
    private static string AsJsonb(string json) =>
        Reorder(JsonNode.Parse(json), keys => keys.OrderBy(k => k.Length).ThenBy(k => k, StringComparer.Ordinal))!.ToJsonString();

    private static JsonNode? Reorder(JsonNode? node, Func<IEnumerable<string>, IEnumerable<string>> order) => node switch
    {
        JsonObject o => new JsonObject(order(o.Select(p => p.Key)).Select(k => KeyValuePair.Create(k, Reorder(o[k]?.DeepClone(), order)))),
        JsonArray a => new JsonArray([.. a.Select(i => Reorder(i?.DeepClone(), order))]),
        _ => node?.DeepClone(),
    };
}
