using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Imports;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Imports;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Orders;

/// <summary>Migration import: creates the order from another system's export (see <see cref="OrderImport"/>).</summary>
internal sealed partial class OrderGrain
{
    public async Task<OrderCommandResult> ImportAsync(ImportOrder command)
    {
        var key = Key;
        var hash = RequestHash.OfContent(command, ImportsJsonContext.Default.ImportOrder);
        try
        {
            if (state.State.Exists)
            {
                // Idempotent per source id: the same content again answers the order as it is now; anything else is a conflict.
                if (state.State.Import is not null && state.State.CreateRequestHash == hash) return OrderSnapshots.Result(state.State, replayed: true);
                throw new OrderRuleViolationException(ImportErrorCodes.SourceIdConflict, state.State.Import is null
                    ? $"Order {key.Id} already exists and was not imported; an import never replaces it."
                    : $"Order {key.Id} was imported from {state.State.Import.SourceSystem} with other content; an import never changes an order.",
                    state.State.Version);
            }

            CheckEnvelope(command);
            if (command.ExpectedVersion is > 0 and var expected) throw new VersionConflictException("order", expected, 0);

            var tenant = TenantKeys.ForTenant(key.TenantId);
            _workflow = await GrainFactory.GetGrain<IWorkflowDefinitionsGrain>(tenant).GetCurrentAsync();
            _slaPolicy = await GrainFactory.GetGrain<ISlaPoliciesGrain>(tenant).GetCurrentAsync();
            var before = state.State;
            var change = new OrderChange(before, command.Actor, OrderImport.Action, time.GetUtcNow(),
                new OrderContext(_workflow, _slaPolicy, CustomerApprovalProfile.Unknown, EmptySchema, Options));
            OrderImport.Import(change, command, key, hash);
            var next = OrderChangeCompletion.Complete(change)!;
            var result = OrderSnapshots.Result(next);
            next = Remember(next with { CreationResult = result }, command.IdempotencyKey, hash, result, change.Now);
            await CommitAsync(before, next, OrderImport.Action);
            OrderLog.Created(logger, GetPrimaryKeyString(), command.Channel.Kind.ToString(), next.Status);
            return result;
        }
        catch (DomainException e)
        {
            OrderLog.Refused(logger, GetPrimaryKeyString(), OrderImport.Action, e.Code, e.Message);
            if (!state.State.Exists)
            {
                _workflow = null;
                _slaPolicy = null;
            }

            throw;
        }
    }
}
