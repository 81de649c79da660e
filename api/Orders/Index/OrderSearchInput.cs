using Microsoft.AspNetCore.Http.HttpResults;
using OrderCluster.Api.Problems;

namespace OrderCluster.Api.Orders.Index;

/// <summary>
/// What a client gives an order search, checked and normalised in one place for <c>GET /orders</c> and saved searches:
/// the page (<c>limit</c> 1–<see cref="MaxPageSize"/>, an opaque <c>cursor</c>) and the filter (dates in order, tag
/// lower-cased, free text trimmed and at most <see cref="MaxTextLength"/> characters).
/// </summary>
internal static class OrderSearchInput
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;
    public const int MaxTextLength = 200;

    /// <summary>Reads the page; returns the problem to answer with, else null.</summary>
    public static ProblemHttpResult? ReadPage(int? limit, string? cursor, out int pageSize, out OrderCursor? after)
    {
        pageSize = limit ?? DefaultPageSize;
        after = null;
        if (limit is < 1 or > MaxPageSize) return ApiProblems.BadRequest("limit", $"must be between 1 and {MaxPageSize}.");
        if (cursor is not null && (after = OrderCursor.TryDecode(cursor)) is null) return ApiProblems.BadRequest("cursor", "is not a cursor this API returned.");
        return null;
    }

    /// <summary>Checks and normalises a filter as the client sent it; returns the problem to answer with, else null.</summary>
    public static ProblemHttpResult? ReadFilter(OrderFilter given, out OrderFilter filter)
    {
        filter = given with
        {
            Tag = given.Tag?.Trim().ToLowerInvariant(),
            Text = string.IsNullOrWhiteSpace(given.Text) ? null : given.Text.Trim(),
        };
        if (filter.CreatedFrom > filter.CreatedTo) return ApiProblems.BadRequest("createdFrom", "must not be after createdTo.");
        if (filter.Text?.Length > MaxTextLength) return ApiProblems.BadRequest("q", $"has at most {MaxTextLength} characters.");
        return null;
    }
}
