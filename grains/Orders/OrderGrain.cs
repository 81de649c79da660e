using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Attachments;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Orders;

/// <summary>
/// One order, keyed <c>{tenant}/{orderId}</c>. This file holds the command pipeline: envelope checks (actor,
/// idempotency key, expected version), the context a command reads, and the commit of the next state with its
/// SLA timers. The commands, SLA ticks, queries and side effects live in the other parts of this partial class.
/// </summary>
internal sealed partial class OrderGrain(
    [PersistentState("order")] IPersistentState<OrderState> state,
    TimeProvider time,
    IOptions<OrderOptions> orderOptions,
    IOptions<AttachmentOptions> attachmentOptions,
    IAttachmentContentStore attachmentStore,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain
{
    private static readonly CustomFieldSchema EmptySchema = new();

    private TenantKey? _key;
    private WorkflowDefinition? _workflow;
    private SlaPolicy? _slaPolicy;

    /// <summary>What a command reads besides the order itself.</summary>
    [Flags]
    private enum Needs
    {
        None = 0,

        /// <summary>The customer's approval profile, if the workflow action evaluates approval.</summary>
        ApprovalForAction = 1,

        /// <summary>The customer's approval profile, if a content edit re-evaluates approval.</summary>
        ApprovalForEdit = 2,

        /// <summary>The tenant's current custom-field schema.</summary>
        Schema = 4,
    }

    private TenantKey Key => _key ??= TenantKeys.Parse(GetPrimaryKeyString(), "orderId");

    private OrderOptions Options => orderOptions.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Side effects a previous activation committed but could not deliver go out now (receivers deduplicate).
        if (state.State.Exists) await FlushPendingAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Runs a command: envelope checks, <paramref name="prepare"/> (async work such as storing attachment bytes),
    /// then <paramref name="apply"/> on a change, then the commit. Returns the stored result for a repeated
    /// idempotency key, and the unchanged version when the command changed nothing.
    /// </summary>
    private async Task<OrderCommandResult> ExecuteAsync<TCommand>(TCommand command, JsonTypeInfo<TCommand> json, string action, Needs needs,
        Func<OrderChange, string?> apply, Func<Task>? prepare = null, string? contentHash = null)
        where TCommand : class, IOrderCommand
    {
        try
        {
            var order = RequireOrder();
            if (order.ArchivedAt is not null && action is not (RestoreAction or ArchiveAction)) // archive refuses with its own reason, after a replay
                throw new OrderRuleViolationException(FulfilmentErrorCodes.OrderArchived,
                    $"Order {order.OrderId} is archived (since {order.ArchivedAt:O}); restore it first.", order.Version, [RestoreAction]);
            CheckEnvelope(command);
            var requestHash = command.IdempotencyKey is null ? null : RequestHash.OfContent(command, json, contentHash);
            if (command.IdempotencyKey is { } key && Replay(order, key, requestHash!) is { } replayed) return replayed;
            if (command.ExpectedVersion is { } expected && expected != order.Version)
                throw new VersionConflictException("order", expected, order.Version);

            var context = await LoadContextAsync(order, needs, action);
            if (prepare is not null) await prepare();
            var change = new OrderChange(order, command.Actor, action, time.GetUtcNow(), context);
            var createdId = apply(change);
            if (OrderChangeCompletion.Complete(change) is not { } next) return OrderSnapshots.Result(order, replayed: true);

            var result = OrderSnapshots.Result(next, createdId);
            await CommitAsync(order, Remember(next, command.IdempotencyKey, requestHash, result, change.Now), action);
            return result;
        }
        catch (DomainException e)
        {
            OrderLog.Refused(logger, GetPrimaryKeyString(), action, e.Code, e.Message);
            throw;
        }
    }

    /// <summary>
    /// Commits <paramref name="next"/>: new or moved SLA timers first (a tick without its deadline in state is a no-op),
    /// then the state with its events (also published to the order's stream) and audit entry, then the removal of timers of ended deadlines. If anything
    /// before the state write fails, the activation goes away, so the next call starts from what storage holds.
    /// </summary>
    private async Task CommitAsync(OrderState before, OrderState next, string action)
    {
        var timers = SlaTimers.Between(before, next);
        state.State = next;
        try
        {
            foreach (var (name, dueAt) in timers.Register) await RegisterOrUpdateTimerAsync(name, dueAt);
            await ScheduleArchiveAsync(before, next);
            // The change's events go to the order's stream in the same transaction as the state (the state keeps them too).
            await state.WriteStateAsync([.. next.Events.Where(e => e.Sequence > before.LastEventSequence).Select(e => OrderStreams.ToStreamEvent(GetPrimaryKeyString(), e))]);
        }
        catch (Exception e)
        {
            OrderLog.CommitFailed(logger, e, GetPrimaryKeyString(), action);
            state.State = before;
            DeactivateOnIdle();
            throw;
        }

        foreach (var name in timers.Unregister)
        {
            try
            {
                await UnregisterTimerAsync(name);
            }
            catch (Exception e)
            {
                OrderLog.TimerRemovalFailed(logger, e, GetPrimaryKeyString(), name);
            }
        }

        await FlushPendingAsync(timeout: null);
    }

    private OrderState RequireOrder()
    {
        var key = Key;
        if (!state.State.Exists) throw new NotFoundException(ErrorCodes.OrderNotFound, $"Order {key.Id} was not found.", "orderId");
        return state.State;
    }

    private static void CheckEnvelope(IOrderCommand command)
    {
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        if (command.IdempotencyKey is not null) errors.Add(TenantKeys.CheckReference(command.IdempotencyKey, "idempotencyKey"));
        errors.ThrowIfAny();
    }

    private OrderCommandResult? Replay(OrderState order, string key, string requestHash)
    {
        var record = order.IdempotencyKeys.FirstOrDefault(r => r.Key == key);
        if (record is null || record.RecordedAt < time.GetUtcNow() - Options.IdempotencyRetention) return null;
        if (record.RequestHash != requestHash)
            throw new IdempotencyConflictException(ErrorCodes.IdempotencyKeyReused,
                $"Idempotency key '{key}' was used for a different request on this order.", "idempotencyKey");
        return record.Result with { Replayed = true };
    }

    /// <summary>Keeps the key with its result, and forgets keys past the retention or beyond the count limit.</summary>
    private OrderState Remember(OrderState next, string? key, string? requestHash, OrderCommandResult result, DateTimeOffset now)
    {
        var keys = next.IdempotencyKeys;
        var expired = 0;
        while (expired < keys.Count && keys[expired].RecordedAt < now - Options.IdempotencyRetention) expired++;
        keys = keys.RemoveRange(0, expired);
        if (key is not null && Options.MaxIdempotencyKeys > 0)
        {
            keys = keys.Add(new IdempotencyRecord { Key = key, RequestHash = requestHash!, Result = result, RecordedAt = now });
            if (keys.Count > Options.MaxIdempotencyKeys) keys = keys.RemoveRange(0, keys.Count - Options.MaxIdempotencyKeys);
        }

        return ReferenceEquals(keys, next.IdempotencyKeys) ? next : next with { IdempotencyKeys = keys };
    }

    private async Task<OrderContext> LoadContextAsync(OrderState order, Needs needs, string? action = null)
    {
        var tenant = TenantKeys.ForTenant(Key.TenantId);
        _workflow ??= await GrainFactory.GetGrain<IWorkflowDefinitionsGrain>(tenant).GetVersionAsync(order.WorkflowVersion);
        _slaPolicy ??= await GrainFactory.GetGrain<ISlaPoliciesGrain>(tenant).GetVersionAsync(order.SlaPolicyVersion);
        var evaluatesApproval = ((needs & Needs.ApprovalForAction) != 0 && OrderWorkflow.ActionEvaluatesApproval(_workflow, order, action))
                                || ((needs & Needs.ApprovalForEdit) != 0 && OrderWorkflow.EditEvaluatesApproval(_workflow, order));
        var customer = evaluatesApproval && order.Customer is { } c
            ? await GrainFactory.GetGrain<ICustomerGrain>(TenantKeys.For(Key.TenantId, c.CustomerId)).GetApprovalProfileAsync()
            : null;
        var schema = (needs & Needs.Schema) != 0
            ? await GrainFactory.GetGrain<ICustomFieldSchemaGrain>(tenant).GetCurrentAsync()
            : EmptySchema;
        return new OrderContext(_workflow, _slaPolicy, customer, schema, Options);
    }
}
