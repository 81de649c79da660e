using Microsoft.Extensions.Logging;

namespace OrderCluster.Api;

/// <summary>The API's log messages, event ids 6000–6099.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(6000, LogLevel.Information, "API key rejected (key id {KeyId})")]
    public static partial void KeyRejected(ILogger logger, string keyId);

    [LoggerMessage(6001, LogLevel.Information, "API key {KeyId} created for tenant {TenantId} by {CreatedBy}")]
    public static partial void KeyCreated(ILogger logger, string keyId, string tenantId, string createdBy);

    [LoggerMessage(6002, LogLevel.Information, "API key {KeyId} of tenant {TenantId} revoked")]
    public static partial void KeyRevoked(ILogger logger, string keyId, string tenantId);

    [LoggerMessage(6003, LogLevel.Information, "User {Username} of tenant {TenantId} signed in (session key {KeyId})")]
    public static partial void SignedIn(ILogger logger, string username, string tenantId, string keyId);

    [LoggerMessage(6004, LogLevel.Information, "Sign-in refused for user {Username} of tenant {TenantId}")]
    public static partial void SignInRefused(ILogger logger, string username, string tenantId);

    [LoggerMessage(6005, LogLevel.Information, "User {Username} of tenant {TenantId} {Change} by {Actor}")]
    public static partial void UserChanged(ILogger logger, string username, string tenantId, string change, string actor);

    [LoggerMessage(6010, LogLevel.Debug, "{Method} {Path} refused: {Code}")]
    public static partial void Refused(ILogger logger, string method, string path, string code);

    [LoggerMessage(6011, LogLevel.Warning, "{Method} {Path} could not complete: {Exception}")]
    public static partial void Unavailable(ILogger logger, string method, string path, string exception);

    [LoggerMessage(6012, LogLevel.Error, "{Method} {Path} failed unexpectedly (trace {TraceId})")]
    public static partial void Unexpected(ILogger logger, Exception exception, string method, string path, string traceId);

    [LoggerMessage(6020, LogLevel.Debug, "Idempotency key of tenant {TenantId} replayed for {Method} {Path}")]
    public static partial void IdempotentReplay(ILogger logger, string tenantId, string method, string path);

    [LoggerMessage(6021, LogLevel.Warning, "Idempotency record of tenant {TenantId} could not be completed; a retry runs the request again")]
    public static partial void IdempotencyNotCompleted(ILogger logger, Exception exception, string tenantId);
}
