using System.Globalization;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Orders;

/// <summary>Reads: the snapshot, allowed actions, pages of notes, communications, audit entries, timeline and events.</summary>
internal sealed partial class OrderGrain
{
    public const int MaxEventsPerRead = 1_000;

    public Task<OrderSnapshot> GetAsync() => Task.FromResult(OrderSnapshots.From(RequireOrder()));

    public async Task<ImmutableArray<AvailableAction>> GetAvailableActionsAsync(Actor actor)
    {
        var order = RequireOrder();
        var errors = new FieldErrors();
        OrderInput.Actor(errors, actor);
        errors.ThrowIfAny();
        var context = await LoadContextAsync(order, Needs.None);
        return
        [
            .. OrderWorkflow.AllowedActions(context.Workflow, order).Select(a => new AvailableAction
            {
                Action = a.Action, TargetStatus = a.Target, Roles = a.Roles, Permitted = OrderWorkflow.MayPerform(actor, a.Roles),
            }),
        ];
    }

    public async Task<AttachmentDownload> DownloadAttachmentAsync(string attachmentId)
    {
        var order = RequireOrder();
        var attachment = OrderContent.FindAttachment(order, attachmentId);
        var content = await attachmentStore.GetAsync(order.TenantId, attachment.Sha256)
                      ?? throw new NotFoundException(ErrorCodes.AttachmentNotFound, $"The content of attachment {attachmentId} is missing from the store.", "attachmentId");
        return new AttachmentDownload(attachment, content);
    }

    public Task<Page<Note>> GetNotesAsync(PageRequest page) =>
        Task.FromResult(SequencePaging.Page(RequireOrder().Notes, n => Number(n.NoteId), page, n => n));

    public Task<Page<CommunicationEntry>> GetCommunicationsAsync(PageRequest page) =>
        Task.FromResult(SequencePaging.Page(RequireOrder().Communications, c => Number(c.CommunicationId), page, c => c));

    public Task<Page<AuditEntry>> GetAuditTrailAsync(PageRequest page) =>
        Task.FromResult(SequencePaging.Page(RequireOrder().Audit, a => a.Sequence, page, a => a));

    public Task<Page<TimelineEntry>> GetTimelineAsync(PageRequest page)
    {
        var order = RequireOrder();
        return Task.FromResult(SequencePaging.Page(order.Events, e => e.Sequence, page, e => OrderTimeline.From(e, order)));
    }

    public Task<ImmutableArray<OrderEvent>> GetEventsAsync(long afterSequence, int maxCount)
    {
        var events = RequireOrder().Events;
        var count = Math.Clamp(maxCount, 1, MaxEventsPerRead);
        // Sequences are 1..N without gaps, so the event after `afterSequence` sits at that index.
        var start = (int)Math.Clamp(afterSequence, 0, events.Count);
        return Task.FromResult(events.GetRange(start, Math.Min(count, events.Count - start)).ToImmutableArray());
    }

    /// <summary>Notes and communications are numbered n1, n2, ... and c1, c2, ...: the number orders them.</summary>
    private static long Number(string id) => long.Parse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture);
}
