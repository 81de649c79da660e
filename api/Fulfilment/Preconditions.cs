using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderCluster.Api.Orders;
using OrderCluster.Api.Problems;

namespace OrderCluster.Api.Fulfilment;

/// <summary>
/// <c>If-Match</c> for resources whose grains take no expected version (warehouses, fulfilment, after-sales): the
/// condition is evaluated against the version read just before the command (a stale ETag is a 412), as RFC 9110 asks of
/// a server that sees the header. The read and the command are two grain calls, so a change landing between them is not
/// caught; those grains refuse illegal transitions themselves, which is what keeps them consistent.
/// </summary>
internal static class Preconditions
{
    /// <summary>The problem to answer with (malformed 400, stale 412), or null when there is no condition or it holds.</summary>
    public static async Task<ProblemHttpResult?> CheckAsync(HttpContext http, Func<Task<long>> currentVersion)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0 || ifMatch == "*") return null;
        if (ETags.TryParse(ifMatch) is not { } expected) return ApiProblems.BadRequest("If-Match", "must be the ETag of a read, such as \"3\".");
        var current = await currentVersion();
        return current == expected
            ? null
            : ApiProblems.Create(StatusCodes.Status412PreconditionFailed, "version-conflict", "The entity changed since you read it",
                $"If-Match does not match the current version {current}: read it again and retry.", currentVersion: current);
    }
}
