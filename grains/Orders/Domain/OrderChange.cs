using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>
/// One change in the making: the order before, the working state the intent methods replace step by step, and
/// the events they raise. <see cref="OrderChangeCompletion"/> turns it into the next committed state (version,
/// event sequence numbers, audit entry). Nothing here touches storage.
/// </summary>
internal sealed class OrderChange(OrderState before, Actor actor, string action, DateTimeOffset now, OrderContext context)
{
    private readonly List<OrderEvent> _events = [];

    public OrderState Before { get; } = before;

    /// <summary>The working state; intent methods replace it.</summary>
    public OrderState State { get; set; } = before;

    public Actor Actor { get; } = actor;

    /// <summary>The named action of the change, recorded on its audit entry and events.</summary>
    public string Action { get; } = action;

    public DateTimeOffset Now { get; } = now;

    public OrderContext Context { get; } = context;

    public IReadOnlyList<OrderEvent> Events => _events;

    /// <summary>Whether the change did anything (a no-op command commits nothing).</summary>
    public bool HasEffect => _events.Count > 0 || !ReferenceEquals(State, Before);

    public void Raise(OrderEvent e) => _events.Add(e);

    public void Update(Func<OrderState, OrderState> update) => State = update(State);
}
