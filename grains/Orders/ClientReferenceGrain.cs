using Microsoft.Extensions.Logging;
using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Common;

namespace OrderCluster.Grains.Orders;

public sealed record ClientReferenceState
{
    public int SchemaVersion { get; init; } = 1;

    public string? OrderId { get; init; }

    /// <summary>The content hash of the request that claimed the reference.</summary>
    public string? RequestHash { get; init; }

    /// <summary>False while the order is being created (a retry finishes it).</summary>
    public bool Created { get; init; }

    public DateTimeOffset ClaimedAt { get; init; }
}

/// <summary>
/// Maps one client reference of a tenant to its order, create-if-absent. The reference is claimed (order id and
/// request hash committed) before the order is created, so concurrent and retried requests all reach the same
/// order; a refused request (bad input) releases the claim so a corrected request can use the reference.
/// </summary>
internal sealed partial class ClientReferenceGrain(
    [PersistentState("reference")] IPersistentState<ClientReferenceState> state,
    TimeProvider time,
    ILogger<ClientReferenceGrain> logger) : Grain, IClientReferenceGrain
{
    public async Task<OrderCommandResult> CreateOrderAsync(CreateOrder command)
    {
        var key = TenantKeys.ParseReference(GetPrimaryKeyString());
        if (command.ClientReference != key.Id)
            throw ValidationFailedException.For("clientReference", "mismatch", $"clientReference must be '{key.Id}' for this index entry.");

        var hash = RequestHash.OfContent(command, GrainInterfacesJsonContext.Default.CreateOrder);
        if (state.State.OrderId is { } existing && state.State.RequestHash != hash)
            throw new IdempotencyConflictException(ErrorCodes.ClientReferenceReused,
                $"Client reference '{key.Id}' already belongs to order {existing}, created from a different request.", "clientReference");

        if (state.State.OrderId is null)
        {
            // Order ids sort by creation time (UUID v7 from the injected clock).
            state.State = new ClientReferenceState { OrderId = Guid.CreateVersion7(time.GetUtcNow()).ToString("N"), RequestHash = hash, ClaimedAt = time.GetUtcNow() };
            await state.WriteStateAsync();
        }

        var order = GrainFactory.GetGrain<IOrderGrain>(TenantKeys.For(key.TenantId, state.State.OrderId!));
        OrderCommandResult result;
        try
        {
            result = await order.CreateAsync(command);
        }
        catch (DomainException e) when (!state.State.Created && e.Error.Kind is DomainErrorKind.Validation)
        {
            LogReleased(logger, GetPrimaryKeyString(), e.Code);
            await state.ClearStateAsync();
            throw;
        }

        if (!state.State.Created)
        {
            state.State = state.State with { Created = true };
            await state.WriteStateAsync();
            return result with { Replayed = false };
        }

        return result with { Replayed = true };
    }

    public Task<string?> GetOrderIdAsync() => Task.FromResult(state.State.Created ? state.State.OrderId : null);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "Client reference {ReferenceKey} released: the order was refused ({Code})")]
    private static partial void LogReleased(ILogger logger, string referenceKey, string code);
}
