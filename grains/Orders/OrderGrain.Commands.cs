using System.Security.Cryptography;
using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Orders;

/// <summary>The commands: each names its action and hands the domain code a change to work on.</summary>
internal sealed partial class OrderGrain
{
    private static GrainInterfacesJsonContext Json => GrainInterfacesJsonContext.Default;

    public async Task<OrderCommandResult> CreateAsync(CreateOrder command)
    {
        var key = Key;
        var hash = RequestHash.OfContent(command, Json.CreateOrder);
        if (state.State.Exists)
        {
            if (state.State.CreateRequestHash == hash && state.State.CreationResult is { } first) return first with { Replayed = true };
            throw new OrderRuleViolationException(ErrorCodes.OrderAlreadyExists,
                $"Order {key.Id} already exists (version {state.State.Version}) and was created from a different request.", state.State.Version);
        }

        try
        {
            CheckEnvelope(command);
            if (command.ExpectedVersion is > 0 and var expected) throw new VersionConflictException("order", expected, 0);

            var tenant = TenantKeys.ForTenant(key.TenantId);
            _workflow = await GrainFactory.GetGrain<IWorkflowDefinitionsGrain>(tenant).GetCurrentAsync();
            _slaPolicy = await GrainFactory.GetGrain<ISlaPoliciesGrain>(tenant).GetCurrentAsync();
            var schema = await GrainFactory.GetGrain<ICustomFieldSchemaGrain>(tenant).GetCurrentAsync();
            var customer = command.Customer is { } c && TenantKeys.CheckId(c.CustomerId, "customer.customerId") is null
                ? await GrainFactory.GetGrain<ICustomerGrain>(TenantKeys.For(key.TenantId, c.CustomerId)).GetApprovalProfileAsync()
                : CustomerApprovalProfile.Unknown;

            var before = state.State;
            var change = new OrderChange(before, command.Actor, OrderCreation.Action, time.GetUtcNow(),
                new OrderContext(_workflow, _slaPolicy, customer, schema, Options));
            OrderCreation.Create(change, command, key, hash);
            var next = OrderChangeCompletion.Complete(change)!;
            var result = OrderSnapshots.Result(next);
            next = Remember(next with { CreationResult = result }, command.IdempotencyKey, hash, result, change.Now);
            await CommitAsync(before, next, OrderCreation.Action);
            OrderLog.Created(logger, GetPrimaryKeyString(), command.Channel.Kind.ToString(), next.Status);
            return result;
        }
        catch (DomainException e)
        {
            OrderLog.Refused(logger, GetPrimaryKeyString(), OrderCreation.Action, e.Code, e.Message);
            _workflow = null;
            _slaPolicy = null;
            throw;
        }
    }

    public Task<OrderCommandResult> PerformActionAsync(PerformOrderAction command) =>
        ExecuteAsync(command, Json.PerformOrderAction, command.Action ?? "", Needs.ApprovalForAction, change =>
        {
            if (string.IsNullOrWhiteSpace(command.Action)) throw ValidationFailedException.For("action", "required", "action is required.");
            OrderWorkflow.Perform(change, command.Action, command.Reason);
            return null;
        });

    public Task<OrderCommandResult> ApproveAsync(ApproveOrder command) =>
        ExecuteAsync(command, Json.ApproveOrder, DefaultWorkflowNames.Approve, Needs.None, change =>
        {
            OrderWorkflow.Approve(change, command.Level, command.Comment);
            return null;
        });

    public Task<OrderCommandResult> RejectAsync(RejectOrder command) =>
        ExecuteAsync(command, Json.RejectOrder, DefaultWorkflowNames.Reject, Needs.None, change =>
        {
            OrderWorkflow.Reject(change, command.Reason);
            return null;
        });

    public Task<OrderCommandResult> ChangeLinesAsync(ChangeOrderLines command) =>
        ExecuteAsync(command, Json.ChangeOrderLines, "change-lines", Needs.ApprovalForEdit, change =>
        {
            OrderEditing.ChangeLines(change, command);
            return null;
        });

    public Task<OrderCommandResult> ChangeFulfilmentAsync(ChangeFulfilment command) =>
        ExecuteAsync(command, Json.ChangeFulfilment, "change-fulfilment", Needs.ApprovalForEdit, change =>
        {
            OrderEditing.ChangeFulfilment(change, command);
            return null;
        });

    public Task<OrderCommandResult> SetCustomFieldsAsync(SetCustomFields command) =>
        ExecuteAsync(command, Json.SetCustomFields, "set-custom-fields", Needs.ApprovalForEdit | Needs.Schema, change =>
        {
            OrderEditing.SetCustomFields(change, command);
            return null;
        });

    public Task<OrderCommandResult> ChangePriorityAsync(ChangePriority command) =>
        ExecuteAsync(command, Json.ChangePriority, "change-priority", Needs.None, change =>
        {
            OrderEditing.ChangePriority(change, command.Priority, command.Reason);
            return null;
        });

    public Task<OrderCommandResult> ChangeTagsAsync(ChangeTags command) =>
        ExecuteAsync(command, Json.ChangeTags, "change-tags", Needs.None, change =>
        {
            OrderEditing.ChangeTags(change, command.Add, command.Remove);
            return null;
        });

    public Task<OrderCommandResult> AddNoteAsync(AddNote command) =>
        ExecuteAsync(command, Json.AddNote, "add-note", Needs.None, change => OrderContent.AddNote(change, command.Visibility, command.Text));

    public Task<OrderCommandResult> EditNoteAsync(EditNote command) =>
        ExecuteAsync(command, Json.EditNote, "edit-note", Needs.None, change =>
        {
            OrderContent.EditNote(change, command.NoteId, command.Text, command.Visibility);
            return null;
        });

    public Task<OrderCommandResult> LogCommunicationAsync(LogCommunication command) =>
        ExecuteAsync(command, Json.LogCommunication, "log-communication", Needs.None, change => OrderContent.LogCommunication(change, command));

    public Task<OrderCommandResult> AddAttachmentAsync(AddAttachment command, byte[] content)
    {
        var options = attachmentOptions.Value;
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content ?? []));
        string? mediaType = null;
        return ExecuteAsync(command, Json.AddAttachment, "add-attachment", Needs.None,
            change => OrderContent.AddAttachment(change, command.FileName.Trim(), mediaType!, content!.Length, sha256, options.MaxPerOrder),
            prepare: async () =>
            {
                mediaType = OrderContent.CheckFile(command.FileName, command.ContentType, content?.LongLength ?? 0, options);
                if (state.State.Attachments.Length >= options.MaxPerOrder)
                    throw new OrderRuleViolationException(ErrorCodes.LimitReached,
                        $"The order has the most attachments allowed ({options.MaxPerOrder}).", state.State.Version);
                // Stored before the order commits: if the commit fails, the bytes wait, unreferenced, for a retry.
                await attachmentStore.PutAsync(Key.TenantId, sha256, content!);
            },
            contentHash: sha256);
    }

    public Task<OrderCommandResult> ApplyFulfilmentAsync(ApplyFulfilment command) =>
        ExecuteAsync(command, Json.ApplyFulfilment, OrderFulfilmentSync.Action, Needs.None, change =>
        {
            OrderFulfilmentSync.Apply(change, command);
            return null;
        });

    public Task<OrderCommandResult> RemoveAttachmentAsync(RemoveAttachment command) =>
        ExecuteAsync(command, Json.RemoveAttachment, "remove-attachment", Needs.None, change =>
        {
            OrderContent.RemoveAttachment(change, command.AttachmentId, command.Reason);
            return null;
        });
}
