namespace OrderCluster.GrainInterfaces.Common;

/// <summary>What kind of refusal an error is; the API maps each to one HTTP status.</summary>
public enum DomainErrorKind
{
    /// <summary>The input breaks a rule of its own (a field is missing, too long, of the wrong type): 422.</summary>
    Validation,

    /// <summary>The order (or configuration) in its current state refuses the command, e.g. an illegal transition: 409.</summary>
    RuleViolation,

    /// <summary>The command expected another version: 412 with If-Match, else 409 with the current version.</summary>
    VersionConflict,

    /// <summary>No such entity for this tenant (another tenant's ids are not found either): 404.</summary>
    NotFound,

    /// <summary>The actor lacks the role the action needs: 403.</summary>
    Forbidden,

    /// <summary>An idempotency key or client reference was reused with a different request: 422.</summary>
    IdempotencyConflict,
}

/// <summary>One problem with one input field. <see cref="Field"/> is a path such as <c>lines[2].quantity</c>.</summary>
public sealed record FieldError(string Field, string Code, string Message);

/// <summary>
/// A refusal as data: a stable <see cref="Code"/> (see <see cref="ErrorCodes"/>), a human <see cref="Reason"/>,
/// the offending fields, and what a client needs to recover (the current version, the allowed actions).
/// Maps one to one onto an RFC 9457 problem detail.
/// </summary>
public sealed record DomainError
{
    public required string Code { get; init; }

    public required DomainErrorKind Kind { get; init; }

    public required string Reason { get; init; }

    public ImmutableArray<FieldError> Errors { get; init; } = [];

    /// <summary>The entity's current version, on version conflicts and rule violations.</summary>
    public long? CurrentVersion { get; init; }

    /// <summary>The actions the order allows now, on an illegal transition.</summary>
    public ImmutableArray<string> AllowedActions { get; init; } = [];

    /// <summary>The names of the offending fields (the <c>errors</c> member of a problem detail).</summary>
    public IEnumerable<string> FieldNames => Errors.Select(e => e.Field).Distinct();
}

/// <summary>Stable error codes: clients and problem-detail <c>type</c> URIs depend on them, so they never change.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation-failed";
    public const string VersionConflict = "version-conflict";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string ClientReferenceReused = "client-reference-reused";

    public const string OrderNotFound = "order-not-found";
    public const string OrderAlreadyExists = "order-already-exists";
    public const string TransitionNotAllowed = "transition-not-allowed";
    public const string ActionForbidden = "action-forbidden";
    public const string ApprovalNotPending = "approval-not-pending";
    public const string ApprovalLevelNotCurrent = "approval-level-not-current";
    public const string ApproverAlreadyApproved = "approver-already-approved";
    public const string OrderNotEditable = "order-not-editable";
    public const string NoteNotFound = "note-not-found";
    public const string NotNoteAuthor = "not-note-author";
    public const string AttachmentNotFound = "attachment-not-found";
    public const string LimitReached = "limit-reached";

    public const string CustomerNotFound = "customer-not-found";
    public const string DraftNotFound = "draft-not-found";
    public const string DraftClosed = "draft-closed";
    public const string DraftStepNotReached = "draft-step-not-reached";
    public const string DraftIncomplete = "draft-incomplete";
    public const string TemplateNotFound = "template-not-found";
    public const string ConfigurationVersionNotFound = "configuration-version-not-found";
}
