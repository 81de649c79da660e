using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderCluster.Api.Orders;
using OrderCluster.Api.Problems;

namespace OrderCluster.Api.Fulfilment;

/// <summary>
/// <c>If-Match</c> outside orders. Warehouses and fulfilment take the expected version on their commands
/// (<see cref="ReadIfMatch"/>) and refuse a stale one inside the grain's turn, atomically with the change; the
/// refusal maps to 412. <see cref="CheckAsync"/> is for grains that take no expected version yet (after-sales): it
/// compares against a version read just before the command, so a change landing between the two calls is not caught.
/// </summary>
internal static class Preconditions
{
    /// <summary>
    /// The version If-Match names (null when absent or <c>*</c>), to hand to the grain as its expected version; a
    /// malformed header is the 400 to answer with.
    /// </summary>
    public static ProblemHttpResult? ReadIfMatch(HttpContext http, out long? expectedVersion)
    {
        expectedVersion = null;
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0 || ifMatch == "*") return null;
        if (ETags.TryParse(ifMatch) is not { } expected) return ApiProblems.BadRequest("If-Match", "must be the ETag of a read, such as \"3\".");
        expectedVersion = expected;
        return null;
    }

    /// <summary>The problem to answer with (malformed 400, stale 412), or null when there is no condition or it holds.</summary>
    public static async Task<ProblemHttpResult?> CheckAsync(HttpContext http, Func<Task<long>> currentVersion)
    {
        if (ReadIfMatch(http, out var expected) is { } malformed) return malformed;
        if (expected is null) return null;
        var current = await currentVersion();
        return current == expected
            ? null
            : ApiProblems.Create(StatusCodes.Status412PreconditionFailed, "version-conflict", "The entity changed since you read it",
                $"If-Match does not match the current version {current}: read it again and retry.", currentVersion: current);
    }
}
