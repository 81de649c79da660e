using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Problems;

namespace OrderCluster.Api.Orders;

/// <summary>
/// What every command sent from HTTP carries: the caller's actor, the expected version (from <c>If-Match</c>, else from
/// the body's <c>expectedVersion</c>) and the <c>Idempotency-Key</c>, which the grain keeps too.
/// </summary>
public sealed record CommandEnvelope(ApiCaller Caller, long? ExpectedVersion, string? IdempotencyKey)
{
    public Actor Actor => Caller.Actor;

    /// <summary>Reads the envelope; returns the problem to answer with when If-Match is malformed, else null.</summary>
    public static ProblemHttpResult? Read(HttpContext http, long? bodyVersion, out CommandEnvelope envelope)
    {
        var caller = ApiCaller.From(http.User);
        var key = http.Request.Headers[IdempotencyMiddleware.HeaderName].ToString() is { Length: > 0 } k ? k : null;
        envelope = new CommandEnvelope(caller, bodyVersion, key);
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0 || ifMatch == "*") return null;
        if (ETags.TryParse(ifMatch) is not { } version) return ApiProblems.BadRequest("If-Match", "must be the ETag of a read, such as \"3\".");
        envelope = envelope with { ExpectedVersion = version };
        return null;
    }
}

/// <summary>ETags are the entity version in quotes: <c>"3"</c>.</summary>
public static class ETags
{
    public static string Of(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static long? TryParse(string value)
    {
        var text = value.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal)) text = text[2..];
        text = text.Trim('"');
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 0 ? version : null;
    }

    public static void Set(HttpContext http, long version) => http.Response.Headers.ETag = Of(version);
}
