namespace OrderCluster.GrainInterfaces.Common;

/// <summary>
/// A typed refusal raised by a grain: never a bug, always a 4xx. <see cref="Error"/> carries everything a
/// problem detail needs; <see cref="FromError"/> recreates the right subtype from it (for a transport that
/// carries the error as data).
/// </summary>
public abstract class DomainException : Exception
{
    protected DomainException(DomainError error) : base(error.Reason) => Error = error;

    public DomainError Error { get; }

    public string Code => Error.Code;

    public static DomainException FromError(DomainError error) => error.Kind switch
    {
        DomainErrorKind.Validation => new ValidationFailedException(error),
        DomainErrorKind.VersionConflict => new VersionConflictException(error),
        DomainErrorKind.NotFound => new NotFoundException(error),
        DomainErrorKind.Forbidden => new ActionForbiddenException(error),
        DomainErrorKind.IdempotencyConflict => new IdempotencyConflictException(error),
        _ => new OrderRuleViolationException(error),
    };
}

/// <summary>Input that breaks its own rules; <see cref="DomainError.Errors"/> names every offending field.</summary>
public sealed class ValidationFailedException : DomainException
{
    public ValidationFailedException(DomainError error) : base(error)
    {
    }

    public ValidationFailedException(IEnumerable<FieldError> errors, string? reason = null)
        : this(Build(errors.ToImmutableArray(), reason))
    {
    }

    public static ValidationFailedException For(string field, string code, string message) => new([new FieldError(field, code, message)]);

    private static DomainError Build(ImmutableArray<FieldError> errors, string? reason) => new()
    {
        Code = ErrorCodes.ValidationFailed,
        Kind = DomainErrorKind.Validation,
        Reason = reason ?? (errors.Length == 1 ? errors[0].Message : $"{errors.Length} fields are invalid: {string.Join(", ", errors.Select(e => e.Field).Distinct())}."),
        Errors = errors,
    };
}

/// <summary>The order (or a configuration) refuses the command in its current state: an illegal transition, an edit after packing.</summary>
public sealed class OrderRuleViolationException : DomainException
{
    public OrderRuleViolationException(DomainError error) : base(error)
    {
    }

    public OrderRuleViolationException(string code, string reason, long? currentVersion = null,
        IEnumerable<string>? allowedActions = null, IEnumerable<FieldError>? errors = null)
        : this(new DomainError
        {
            Code = code,
            Kind = DomainErrorKind.RuleViolation,
            Reason = reason,
            CurrentVersion = currentVersion,
            AllowedActions = allowedActions?.ToImmutableArray() ?? [],
            Errors = errors?.ToImmutableArray() ?? [],
        })
    {
    }
}

/// <summary>The command was based on a version that is no longer current.</summary>
public sealed class VersionConflictException : DomainException
{
    public VersionConflictException(DomainError error) : base(error)
    {
    }

    public VersionConflictException(string entity, long expectedVersion, long currentVersion)
        : this(new DomainError
        {
            Code = ErrorCodes.VersionConflict,
            Kind = DomainErrorKind.VersionConflict,
            Reason = $"The {entity} is at version {currentVersion}, not {expectedVersion}: reload it and try again.",
            CurrentVersion = currentVersion,
            Errors = [new FieldError("expectedVersion", ErrorCodes.VersionConflict, $"Expected {expectedVersion}, current {currentVersion}.")],
        })
    {
    }

    public long CurrentVersion => Error.CurrentVersion ?? 0;
}

/// <summary>No such entity for this tenant.</summary>
public sealed class NotFoundException : DomainException
{
    public NotFoundException(DomainError error) : base(error)
    {
    }

    public NotFoundException(string code, string reason, string? field = null)
        : this(new DomainError
        {
            Code = code,
            Kind = DomainErrorKind.NotFound,
            Reason = reason,
            Errors = field is null ? [] : [new FieldError(field, code, reason)],
        })
    {
    }
}

/// <summary>The actor lacks the role the action needs (or is not the author of what it edits).</summary>
public sealed class ActionForbiddenException : DomainException
{
    public ActionForbiddenException(DomainError error) : base(error)
    {
    }

    public ActionForbiddenException(string code, string reason, long? currentVersion = null)
        : this(new DomainError { Code = code, Kind = DomainErrorKind.Forbidden, Reason = reason, CurrentVersion = currentVersion })
    {
    }
}

/// <summary>An idempotency key or client reference was reused with a different request body.</summary>
public sealed class IdempotencyConflictException : DomainException
{
    public IdempotencyConflictException(DomainError error) : base(error)
    {
    }

    public IdempotencyConflictException(string code, string reason, string field)
        : this(new DomainError
        {
            Code = code,
            Kind = DomainErrorKind.IdempotencyConflict,
            Reason = reason,
            Errors = [new FieldError(field, code, reason)],
        })
    {
    }
}
