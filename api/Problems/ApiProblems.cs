using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace OrderCluster.Api.Problems;

/// <summary>
/// RFC 9457 problem details of the API: a stable <c>type</c> (<c>https://ordercluster.dev/problems/{code}</c>), a
/// title, the status, and where they apply <c>errors</c> (field path → messages), <c>code</c>, <c>currentVersion</c>
/// and <c>allowedActions</c>. Never a stack trace.
/// </summary>
public static class ApiProblems
{
    public const string TypeBase = "https://ordercluster.dev/problems/";

    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null,
        IReadOnlyDictionary<string, string[]>? errors = null, long? currentVersion = null, IEnumerable<string>? allowedActions = null)
    {
        var problem = new ProblemDetails { Type = TypeBase + code, Title = title, Status = status, Detail = detail };
        problem.Extensions["code"] = code;
        if (errors is { Count: > 0 }) problem.Extensions["errors"] = errors;
        if (currentVersion is not null) problem.Extensions["currentVersion"] = currentVersion;
        if (allowedActions?.ToArray() is { Length: > 0 } actions) problem.Extensions["allowedActions"] = actions;
        return TypedResults.Problem(problem);
    }

    /// <summary>
    /// The answer to a <see cref="TransientFailure"/> (a grain call that timed out, whose outcome is unknown, or whose silo
    /// is leaving or just died, or a transient database error): 503 with Retry-After,
    /// since the same request (with its Idempotency-Key) succeeds moments later. Never a 500: none of them is a bug of the API.
    /// </summary>
    public static ProblemHttpResult TemporarilyUnavailable(HttpResponse response)
    {
        response.Headers.RetryAfter = "1";
        return Create(StatusCodes.Status503ServiceUnavailable, "temporarily-unavailable", "The cluster could not complete the call",
            "The outcome may be unknown: retry with the same Idempotency-Key.");
    }

    public static ProblemHttpResult BadRequest(string field, string message) =>
        Create(StatusCodes.Status400BadRequest, "invalid-request", "The request is invalid", message, Errors(field, message));

    public static ProblemHttpResult BadRequest(IReadOnlyDictionary<string, string[]> errors, string detail) =>
        Create(StatusCodes.Status400BadRequest, "invalid-request", "The request is invalid", detail, errors);

    public static ProblemHttpResult NotFound(string code, string detail) =>
        Create(StatusCodes.Status404NotFound, code, "Not found", detail);

    public static ProblemHttpResult Unauthorized() =>
        Create(StatusCodes.Status401Unauthorized, "unauthenticated", "An API key is required",
            "Send a valid, unrevoked API key as 'Authorization: Bearer {key}' or 'X-Api-Key: {key}'.");

    public static ProblemHttpResult MissingScope() =>
        Create(StatusCodes.Status403Forbidden, "missing-scope", "The API key lacks the scope this operation needs");

    public static ProblemHttpResult TooLarge(long limit) =>
        Create(StatusCodes.Status413PayloadTooLarge, "body-too-large", "The request body is too large", $"The limit is {limit} bytes.");

    public static ProblemHttpResult UnsupportedMediaType(string expected) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported content type", $"Send {expected}.");

    public static ProblemHttpResult PreconditionFailed(long currentVersion) =>
        Create(StatusCodes.Status412PreconditionFailed, "version-conflict", "The order changed since you read it",
            $"If-Match does not match the current version {currentVersion}: read it again and retry.", currentVersion: currentVersion);

    /// <summary>Maps a grain's typed refusal: validation 422, rule violation 409, version conflict 412 (with If-Match) or 409, not found 404, forbidden 403, idempotency conflict 422.</summary>
    public static ProblemHttpResult FromDomain(DomainError error, bool ifMatchUsed)
    {
        var status = error.Kind switch
        {
            DomainErrorKind.Validation => StatusCodes.Status422UnprocessableEntity,
            DomainErrorKind.RuleViolation => StatusCodes.Status409Conflict,
            DomainErrorKind.VersionConflict => ifMatchUsed ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict,
            DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
            DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            DomainErrorKind.IdempotencyConflict => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status409Conflict,
        };
        var errors = error.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return Create(status, error.Code, TitleOf(error.Kind), error.Reason, errors, error.CurrentVersion, error.AllowedActions.IsDefault ? null : error.AllowedActions);
    }

    public static Dictionary<string, string[]> Errors(string field, string message) => new() { [field] = [message] };

    private static string TitleOf(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.Validation => "The request breaks a rule",
        DomainErrorKind.RuleViolation => "Not allowed in the current state",
        DomainErrorKind.VersionConflict => "The entity changed since you read it",
        DomainErrorKind.NotFound => "Not found",
        DomainErrorKind.Forbidden => "Not permitted for this actor",
        DomainErrorKind.IdempotencyConflict => "Reused with a different request",
        _ => "Refused",
    };
}
