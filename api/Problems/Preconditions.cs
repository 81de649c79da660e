using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderCluster.Api.Orders;

namespace OrderCluster.Api.Problems;

/// <summary>
/// <c>If-Match</c> outside orders. Warehouses, fulfilment, after-sales and reports take the expected version on their
/// commands (<see cref="ReadIfMatch"/>) and refuse a stale one inside the grain's turn, atomically with the change; the
/// refusal maps to 412.
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
}
