namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>
/// One order, keyed <c>{tenant}/{orderId}</c> (see <see cref="TenantKeys"/>). Every command is a named action: it
/// checks the expected version and the order's status, then commits the new state, one audit entry (whose sequence
/// is the new version) and its events together, and returns the new version. Refusals are
/// <see cref="DomainException"/>s. An order that does not exist (or belongs to another tenant) is not found.
/// </summary>
public interface IOrderGrain : IGrainWithStringKey, IRemindable
{
    Task<OrderCommandResult> CreateAsync(CreateOrder command);

    /// <summary>Creates the order from another system's export, keeping its id, creation time and status; idempotent per source id (see <see cref="Imports.ImportOrder"/>).</summary>
    Task<OrderCommandResult> ImportAsync(Imports.ImportOrder command);

    [ReadOnly]
    Task<OrderSnapshot> GetAsync();

    /// <summary>Workflow actions by name: place, allocate, ship, cancel, hold, resume, ... (approve and reject route to their commands).</summary>
    Task<OrderCommandResult> PerformActionAsync(PerformOrderAction command);

    Task<OrderCommandResult> ApproveAsync(ApproveOrder command);

    Task<OrderCommandResult> RejectAsync(RejectOrder command);

    /// <summary>The actions the current status allows, and which of them <paramref name="actor"/> may perform.</summary>
    [ReadOnly]
    Task<ImmutableArray<AvailableAction>> GetAvailableActionsAsync(Actor actor);

    Task<OrderCommandResult> ChangeLinesAsync(ChangeOrderLines command);

    Task<OrderCommandResult> ChangeFulfilmentAsync(ChangeFulfilment command);

    Task<OrderCommandResult> SetCustomFieldsAsync(SetCustomFields command);

    Task<OrderCommandResult> ChangePriorityAsync(ChangePriority command);

    Task<OrderCommandResult> ChangeTagsAsync(ChangeTags command);

    Task<OrderCommandResult> AddNoteAsync(AddNote command);

    /// <summary>Assigns the order to a user id, or unassigns it (null).</summary>
    Task<OrderCommandResult> AssignAsync(AssignOrder command);

    /// <summary>Starts an approval round no rule asked for (automation's "require approval"); refused unless the order is before fulfilment.</summary>
    Task<OrderCommandResult> RequireApprovalAsync(RequireApproval command);

    /// <summary>Raises an <c>automation.webhook</c> event for the tenant's webhook subscriptions (automation's "call a webhook").</summary>
    Task<OrderCommandResult> RequestAutomationWebhookAsync(RequestAutomationWebhook command);

    /// <summary>Records a step of the order's returns and refunds, reported by the returns grain. Not a public API operation.</summary>
    Task<OrderCommandResult> RecordAfterSalesAsync(RecordAfterSales command);

    Task<OrderCommandResult> EditNoteAsync(EditNote command);

    Task<OrderCommandResult> LogCommunicationAsync(LogCommunication command);

    /// <summary>Adds an attachment; <paramref name="content"/> is checked against the size and content-type limits and stored once per checksum.</summary>
    Task<OrderCommandResult> AddAttachmentAsync(AddAttachment command, byte[] content);

    Task<OrderCommandResult> RemoveAttachmentAsync(RemoveAttachment command);

    /// <summary>Records the fulfilment grain's summary; the status follows the shipments (see <see cref="ApplyFulfilment"/>). Not a public API operation.</summary>
    Task<OrderCommandResult> ApplyFulfilmentAsync(ApplyFulfilment command);

    Task<OrderCommandResult> SplitAsync(SplitOrder command);

    Task<OrderCommandResult> MergeIntoAsync(MergeOrder command);

    /// <summary>The merge target's side of <see cref="MergeIntoAsync"/>, called by the source order. Not a public API operation.</summary>
    Task<OrderCommandResult> AbsorbMergedOrderAsync(AbsorbMergedOrder command);

    /// <summary>Archives an order in a terminal state now (as an archive rule would), with an optional reason; removes the pending rule timer.</summary>
    Task<OrderCommandResult> ArchiveAsync(Archiving.ArchiveOrder command);

    /// <summary>Brings an archived order back; every other command refuses an archived order (<c>order-archived</c>).</summary>
    Task<OrderCommandResult> RestoreAsync(Archiving.RestoreOrder command);

    [ReadOnly]
    Task<AttachmentDownload> DownloadAttachmentAsync(string attachmentId);

    [ReadOnly]
    Task<Page<Note>> GetNotesAsync(PageRequest page);

    [ReadOnly]
    Task<Page<CommunicationEntry>> GetCommunicationsAsync(PageRequest page);

    /// <summary>The field-level audit trail, one entry per version.</summary>
    [ReadOnly]
    Task<Page<AuditEntry>> GetAuditTrailAsync(PageRequest page);

    /// <summary>The tracking timeline: status changes, approvals, notes, communications, attachments, edits and SLA events.</summary>
    [ReadOnly]
    Task<Page<TimelineEntry>> GetTimelineAsync(PageRequest page);

    /// <summary>Events after <paramref name="afterSequence"/>, oldest first, at most <paramref name="maxCount"/> (the outbox, for publishers).</summary>
    [ReadOnly]
    Task<ImmutableArray<OrderEvent>> GetEventsAsync(long afterSequence, int maxCount);
}
