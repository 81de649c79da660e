using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Common;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>Notes, the communications log and attachment metadata.</summary>
internal static class OrderContent
{
    public const int MaxFileNameLength = 255;
    public const int MaxPartyLength = 200;
    public const int MaxSubjectLength = 300;

    /// <summary>Clock skew tolerated for a communication's time (it cannot lie in the future).</summary>
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    public static string AddNote(OrderChange change, NoteVisibility visibility, string text)
    {
        var options = change.Context.Options;
        var errors = new FieldErrors();
        errors.Text("text", text, options.MaxNoteLength, multiline: true);
        if (!Enum.IsDefined(visibility)) errors.Add("visibility", "unknown-value", "visibility is Internal or External.");
        errors.ThrowIfAny();
        if (change.State.Notes.Count >= options.MaxNotes)
            throw new OrderRuleViolationException(ErrorCodes.LimitReached, $"The order has the most notes allowed ({options.MaxNotes}).", change.Before.Version);

        // Notes are never removed, so the count numbers them.
        var note = new Note
        {
            NoteId = $"n{change.State.Notes.Count + 1}", Visibility = visibility, Text = text, Author = change.Actor, CreatedAt = change.Now,
        };
        change.Update(s => s with { Notes = s.Notes.Add(note) });
        change.Raise(new NoteAdded { NoteId = note.NoteId, Visibility = visibility });
        return note.NoteId;
    }

    public static void EditNote(OrderChange change, string noteId, string text, NoteVisibility? visibility)
    {
        var errors = new FieldErrors();
        errors.Text("text", text, change.Context.Options.MaxNoteLength, multiline: true);
        if (visibility is { } v && !Enum.IsDefined(v)) errors.Add("visibility", "unknown-value", "visibility is Internal or External.");
        errors.ThrowIfAny();
        var note = change.State.Notes.FirstOrDefault(n => n.NoteId == noteId)
                   ?? throw new NotFoundException(ErrorCodes.NoteNotFound, $"The order has no note '{noteId}'.", "noteId");
        if (!note.Author.IsSameUserAs(change.Actor))
            throw new ActionForbiddenException(ErrorCodes.NotNoteAuthor,
                $"Only the author ({note.Author.UserId}) may edit note {noteId}.", change.Before.Version);
        var edited = note with { Text = text, Visibility = visibility ?? note.Visibility };
        if (edited == note) return;
        edited = edited with { EditedAt = change.Now, EditCount = note.EditCount + 1 };
        change.Update(s => s with { Notes = s.Notes.Replace(note, edited) });
        change.Raise(new NoteEdited { NoteId = noteId, Visibility = edited.Visibility });
    }

    public static string LogCommunication(OrderChange change, LogCommunication command)
    {
        var options = change.Context.Options;
        var errors = new FieldErrors();
        if (!Enum.IsDefined(command.Kind)) errors.Add("kind", "unknown-value", "kind is Email, Call or Message.");
        if (!Enum.IsDefined(command.Direction)) errors.Add("direction", "unknown-value", "direction is Inbound or Outbound.");
        errors.Text("party", command.Party, MaxPartyLength);
        errors.Text("subject", command.Subject, MaxSubjectLength, required: false);
        errors.Text("summary", command.Summary, options.MaxNoteLength, multiline: true);
        if (command.OccurredAt > change.Now + AllowedSkew) errors.Add("occurredAt", "in-future", "occurredAt cannot lie in the future.");
        errors.ThrowIfAny();
        if (change.State.Communications.Count >= options.MaxCommunications)
            throw new OrderRuleViolationException(ErrorCodes.LimitReached,
                $"The order has the most communications allowed ({options.MaxCommunications}).", change.Before.Version);

        var entry = new CommunicationEntry
        {
            CommunicationId = $"c{change.State.Communications.Count + 1}",
            Kind = command.Kind,
            Direction = command.Direction,
            Party = command.Party,
            Subject = command.Subject,
            Summary = command.Summary,
            OccurredAt = command.OccurredAt ?? change.Now,
            RecordedBy = change.Actor,
            RecordedAt = change.Now,
        };
        change.Update(s => s with { Communications = s.Communications.Add(entry) });
        change.Raise(new CommunicationLogged
        {
            CommunicationId = entry.CommunicationId, Kind = entry.Kind, Direction = entry.Direction, Party = entry.Party, Subject = entry.Subject,
        });
        return entry.CommunicationId;
    }

    /// <summary>Records an attachment whose bytes the grain has already checked and stored.</summary>
    public static string AddAttachment(OrderChange change, string fileName, string contentType, long size, string sha256, int maxPerOrder)
    {
        if (change.State.Attachments.Length >= maxPerOrder)
            throw new OrderRuleViolationException(ErrorCodes.LimitReached, $"The order has the most attachments allowed ({maxPerOrder}).", change.Before.Version);
        var number = change.State.AttachmentsIssued + 1;
        var attachment = new AttachmentInfo
        {
            AttachmentId = $"a{number}",
            FileName = fileName,
            ContentType = contentType,
            SizeBytes = size,
            Sha256 = sha256,
            UploadedBy = change.Actor,
            UploadedAt = change.Now,
        };
        change.Update(s => s with { Attachments = s.Attachments.Add(attachment), AttachmentsIssued = number });
        change.Raise(new AttachmentAdded
        {
            AttachmentId = attachment.AttachmentId, FileName = fileName, ContentType = contentType, SizeBytes = size, Sha256 = sha256,
        });
        return attachment.AttachmentId;
    }

    public static void RemoveAttachment(OrderChange change, string attachmentId, string? reason)
    {
        var errors = new FieldErrors();
        errors.Text("reason", reason, OrderInput.MaxReasonLength, required: false);
        errors.ThrowIfAny();
        var attachment = FindAttachment(change.State, attachmentId);
        change.Update(s => s with { Attachments = s.Attachments.Remove(attachment) });
        change.Raise(new AttachmentRemoved { AttachmentId = attachmentId, FileName = attachment.FileName, Reason = reason });
    }

    public static AttachmentInfo FindAttachment(OrderState order, string attachmentId) =>
        order.Attachments.FirstOrDefault(a => a.AttachmentId == attachmentId)
        ?? throw new NotFoundException(ErrorCodes.AttachmentNotFound, $"The order has no attachment '{attachmentId}'.", "attachmentId");

    /// <summary>Checks a file name (no paths, no control characters) and returns the media type without parameters, lower case.</summary>
    public static string CheckFile(string fileName, string contentType, long size, Attachments.AttachmentOptions options)
    {
        var errors = new FieldErrors();
        errors.Text("fileName", fileName, MaxFileNameLength);
        if (fileName?.IndexOfAny(['/', '\\']) >= 0) errors.Add("fileName", "invalid-characters", "fileName is a name, not a path.");
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType.Length == 0) errors.Add("contentType", "required", "contentType is required.");
        else if (!options.EffectiveContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            errors.Add("contentType", "not-allowed", $"Content type {mediaType} is not accepted; allowed: {string.Join(", ", options.EffectiveContentTypes)}.");
        if (size == 0) errors.Add("content", "empty", "An attachment cannot be empty.");
        if (size > options.MaxSizeBytes) errors.Add("content", "too-large", $"An attachment has at most {options.MaxSizeBytes} bytes; this one has {size}.");
        errors.ThrowIfAny();
        return mediaType;
    }
}
