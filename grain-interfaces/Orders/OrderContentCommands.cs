namespace OrderCluster.GrainInterfaces.Orders;

public sealed record AddNote : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public NoteVisibility Visibility { get; init; } = NoteVisibility.Internal;

    public required string Text { get; init; }
}

/// <summary>Replaces a note's text (and visibility, when given). Only the note's author may.</summary>
public sealed record EditNote : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public required string NoteId { get; init; }

    public required string Text { get; init; }

    public NoteVisibility? Visibility { get; init; }
}

public sealed record LogCommunication : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public CommunicationKind Kind { get; init; }

    public CommunicationDirection Direction { get; init; }

    public required string Party { get; init; }

    public string? Subject { get; init; }

    public required string Summary { get; init; }

    /// <summary>When the exchange happened; now when null. Never in the future.</summary>
    public DateTimeOffset? OccurredAt { get; init; }
}

/// <summary>Attachment metadata; the bytes travel as a separate argument so they are copied as bytes, not as JSON.</summary>
public sealed record AddAttachment : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public required string FileName { get; init; }

    public required string ContentType { get; init; }
}

/// <summary>Removes an attachment from the order; the audit trail keeps its metadata.</summary>
public sealed record RemoveAttachment : IOrderCommand
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public string? IdempotencyKey { get; init; }

    public required string AttachmentId { get; init; }

    public string? Reason { get; init; }
}
