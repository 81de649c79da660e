namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>
/// The index entry of one client reference of a tenant, keyed <c>{tenant}/{clientReference}</c>: maps the
/// reference to the order created for it, create-if-absent. One grain per reference (rather than one per tenant)
/// keeps concurrent integrations from queueing behind each other and keeps every state document small.
/// </summary>
public interface IClientReferenceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the order for this reference, or returns the order already created for it when the request is the
    /// same (<see cref="OrderCommandResult.Replayed"/>). The same reference with a different request is refused
    /// with <see cref="ErrorCodes.ClientReferenceReused"/>. <see cref="CreateOrder.ClientReference"/> must equal the key's reference.
    /// </summary>
    Task<OrderCommandResult> CreateOrderAsync(CreateOrder command);

    /// <summary>The order id this reference maps to, or null.</summary>
    [ReadOnly]
    Task<string?> GetOrderIdAsync();
}
