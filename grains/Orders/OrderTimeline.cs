using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Orders;

/// <summary>Reads an order's events as timeline entries for people: what happened, in words, with the changed fields.</summary>
internal static class OrderTimeline
{
    public static TimelineEntry From(OrderEvent e, OrderState order)
    {
        var (category, title, detail, fields) = Describe(e, order);
        return new TimelineEntry
        {
            Sequence = e.Sequence,
            At = e.OccurredAt,
            Actor = e.Actor,
            Category = category,
            EventType = e.EventType,
            Title = title,
            Detail = detail,
            Fields = fields,
        };
    }

    private static (TimelineCategory, string, string?, ImmutableArray<string>) Describe(OrderEvent e, OrderState order) => e switch
    {
        OrderCreated c => (TimelineCategory.Created, $"Order created ({c.Channel}{(c.MarketplaceName is { } m ? $", {m}" : "")})",
            $"{c.LineCount} line(s), total {c.Total}, priority {c.Priority}", []),
        OrderStatusChanged s => (TimelineCategory.Status, s.From is null ? $"Status {s.To}" : $"Status {s.From} → {s.To}",
            s.Reason is null ? $"by {s.Transition}" : $"by {s.Transition}: {s.Reason}", ["status"]),
        ApprovalRequested a => (TimelineCategory.Approval, $"Approval requested: {string.Join(", then ", a.Levels)}",
            string.Join("; ", a.Reasons), []),
        ApprovalGranted a => (TimelineCategory.Approval, $"Approved at level {a.Level}",
            a.RemainingLevels.IsEmpty ? a.Comment : $"{a.Comment} (waiting for {string.Join(", ", a.RemainingLevels)})".Trim(), []),
        ApprovalRejected a => (TimelineCategory.Approval, $"Rejected at level {a.Level}", a.Reason, []),
        OrderEdited edit => (TimelineCategory.Edit, $"Edited ({e.Action})",
            edit.Total is { } total ? $"total {total}" : null, edit.Fields),
        PriorityChanged p => (TimelineCategory.Priority, $"Priority {p.From} → {p.To}", p.Reason, ["priority"]),
        TagsChanged t => (TimelineCategory.Tags, "Tags changed",
            string.Join("; ", new[] { Listed("added", t.Added), Listed("removed", t.Removed) }.Where(x => x is not null)), ["tags"]),
        NoteAdded n => (TimelineCategory.Note, $"{n.Visibility} note added", NoteText(order, n.NoteId), [$"notes[{n.NoteId}]"]),
        NoteEdited n => (TimelineCategory.Note, $"Note {n.NoteId} edited", NoteText(order, n.NoteId), [$"notes[{n.NoteId}].text"]),
        CommunicationLogged c => (TimelineCategory.Communication, $"{c.Kind} {c.Direction.ToString().ToLowerInvariant()} ({c.Party})", c.Subject, []),
        AttachmentAdded a => (TimelineCategory.Attachment, $"Attachment added: {a.FileName}", $"{a.ContentType}, {a.SizeBytes} bytes", []),
        AttachmentRemoved a => (TimelineCategory.Attachment, $"Attachment removed: {a.FileName}", a.Reason, []),
        SlaDeadlineStarted s => (TimelineCategory.Sla, $"SLA {s.Kind} started", $"due {AuditText(s.DueAt)}, warning at {AuditText(s.WarnAt)}", []),
        SlaDeadlineRescheduled s => (TimelineCategory.Sla, $"SLA {s.Kind} rescheduled", $"due {AuditText(s.DueAt)} (was {AuditText(s.PreviousDueAt)})", []),
        SlaDeadlineMet s => (TimelineCategory.Sla, $"SLA {s.Kind} met", $"at {AuditText(s.MetAt)}, due {AuditText(s.DueAt)}", []),
        SlaDeadlineCancelled s => (TimelineCategory.Sla, $"SLA {s.Kind} no longer applies", null, []),
        SlaWarningRaised s => (TimelineCategory.Sla, $"SLA {s.Kind} warning", $"due {AuditText(s.DueAt)}", []),
        SlaBreached s => (TimelineCategory.Sla, $"SLA {s.Kind} breached",
            s.EscalatedTo is { } p ? $"due {AuditText(s.DueAt)}; escalated to {p}" : $"due {AuditText(s.DueAt)}", []),
        OrderAssigned a => (TimelineCategory.Assignment, a.To is null ? $"Unassigned (was {a.From})" : a.From is null ? $"Assigned to {a.To}" : $"Assigned to {a.To} (was {a.From})",
            a.Reason, ["assignee"]),
        AfterSalesEvent a => (TimelineCategory.AfterSales, AfterSalesTitle(a), a.Detail, ["afterSales"]),
        AutomationWebhookRequested w => (TimelineCategory.Automation, $"Webhook {w.Topic} requested by automation rule {w.RuleName}",
            $"after {w.TriggerEventType} #{w.TriggerSequence}", []),
        NotificationRequested n => (TimelineCategory.Notification, $"Notification to {n.AudienceRole}", n.Subject, []),
        _ => (TimelineCategory.Edit, e.EventType, null, []),
    };

    private static string AfterSalesTitle(AfterSalesEvent e) => e switch
    {
        ReturnRequestedEvent => $"Return {e.ReturnId} requested ({e.Units} unit(s))",
        ReturnApprovedEvent => $"Return {e.ReturnId} approved",
        ReturnRejectedEvent => $"Return {e.ReturnId} rejected",
        ReturnReceivedEvent => $"Return {e.ReturnId} received ({e.Units} unit(s))",
        RefundRequestedEvent => $"Refund {e.RefundId} of {AuditText(e.Amount)} waits for approval",
        RefundIssuedEvent => $"Refund {e.RefundId} of {AuditText(e.Amount)} paid",
        RefundRejectedEvent => $"Refund {e.RefundId} rejected",
        _ => e.EventType,
    };

    private static string AuditText(decimal amount) => Domain.AuditValues.Of(amount);

    private static string? Listed(string what, ImmutableArray<string> tags) => tags.IsEmpty ? null : $"{what} {string.Join(", ", tags)}";

    private static string? NoteText(OrderState order, string noteId) => order.Notes.FirstOrDefault(n => n.NoteId == noteId)?.Text;

    private static string AuditText(DateTimeOffset time) => Domain.AuditValues.Of(time);
}
