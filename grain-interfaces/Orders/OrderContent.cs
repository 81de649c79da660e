namespace OrderCluster.GrainInterfaces.Orders;

public enum NoteVisibility
{
    /// <summary>Staff only.</summary>
    Internal,

    /// <summary>May be shown to the customer.</summary>
    External,
}

/// <summary>A note on an order. Only its author may edit it; every edit is audited.</summary>
public sealed record Note
{
    public required string NoteId { get; init; }

    public NoteVisibility Visibility { get; init; }

    public required string Text { get; init; }

    public required Actor Author { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? EditedAt { get; init; }

    public int EditCount { get; init; }
}

public enum CommunicationKind
{
    Email,
    Call,
    Message,
}

public enum CommunicationDirection
{
    Inbound,
    Outbound,
}

/// <summary>An e-mail, call or message exchanged about the order, as recorded by staff. Entries are never changed.</summary>
public sealed record CommunicationEntry
{
    public required string CommunicationId { get; init; }

    public CommunicationKind Kind { get; init; }

    public CommunicationDirection Direction { get; init; }

    /// <summary>Who was on the other side: a name, e-mail address or phone number.</summary>
    public required string Party { get; init; }

    public string? Subject { get; init; }

    public required string Summary { get; init; }

    /// <summary>When the exchange happened (may be earlier than it was recorded).</summary>
    public DateTimeOffset OccurredAt { get; init; }

    public required Actor RecordedBy { get; init; }

    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>An attachment's metadata. The content is stored once per tenant and checksum (<see cref="Sha256"/>, lower-case hex).</summary>
public sealed record AttachmentInfo
{
    public required string AttachmentId { get; init; }

    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    public long SizeBytes { get; init; }

    public required string Sha256 { get; init; }

    public required Actor UploadedBy { get; init; }

    public DateTimeOffset UploadedAt { get; init; }
}

/// <summary>
/// An attachment with its bytes. Marked immutable so the bytes are not copied again on the way out: the array
/// is a fresh copy from the content store that no grain keeps.
/// </summary>
[Immutable]
public sealed record AttachmentDownload(AttachmentInfo Info, byte[] Content);
