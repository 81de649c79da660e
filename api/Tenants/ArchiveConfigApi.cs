using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Orders.Index;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Archiving;
using OrderCluster.GrainInterfaces.Search;

namespace OrderCluster.Api.Tenants;

/// <summary>
/// The tenant's archive rules (versioned; an order in a status a rule names for the rule's period is archived) and
/// the search of archived orders, served by the order search read model (kept from the order streams, so an order shows
/// up there, or leaves on restore, once the projection has caught up). Rules: read <c>config:read</c>, publish
/// <c>admin</c>; the archive: <c>orders:read</c>.
/// Restoring an order is the order action <c>restore</c>.
/// </summary>
public static class ArchiveConfigApi
{
    public const int MaxLimit = 200;
    public const int MaxTextLength = 200;

    public static RouteGroupBuilder MapArchiveConfigApi(this RouteGroupBuilder api)
    {
        var config = api.MapGroup("/config").WithTags("Configuration");
        config.MapGet("/archive-rules", (HttpContext http, IGrainFactory g) => TenantGrains.ReadAsync(http, g, (IArchiveRulesGrain r) => r.GetCurrentAsync()))
            .WithName("GetArchiveRules").RequireAuthorization(ApiScopes.ConfigRead);
        config.MapPut("/archive-rules", PublishAsync).WithName("PublishArchiveRules").RequireAuthorization(ApiScopes.Admin).Idempotent();
        api.MapGet("/archive", SearchAsync).WithTags("Orders").WithName("SearchArchivedOrders").RequireAuthorization(ApiScopes.OrdersRead);
        return config;
    }

    public sealed record PublishArchiveRulesRequest
    {
        /// <summary>The whole new set; the first rule naming an order's status applies (an empty list archives nothing).</summary>
        public required ImmutableArray<ArchiveRule> Rules { get; init; }

        /// <summary>The version this one is based on; refused (409) when another was published since.</summary>
        public int? ExpectedVersion { get; init; }
    }

    /// <summary>Archived orders, most recently archived first, then by id; <c>nextCursor</c> (null on the last page) fetches the next <c>limit</c>.</summary>
    public sealed record ArchivedOrdersPage(ImmutableArray<ArchivedOrder> Items, string? NextCursor);

    private static async Task<Ok<ArchiveRules>> PublishAsync(JsonBody<PublishArchiveRulesRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await TenantGrains.Of<IArchiveRulesGrain>(http, grains).PublishAsync(
            new PublishArchiveRules(ApiCaller.From(http.User).Actor, body.Value.Rules, body.Value.ExpectedVersion)));

    private static async Task<Results<Ok<ArchivedOrdersPage>, ProblemHttpResult>> SearchAsync(
        HttpContext http, IOrderSearchStore store, CancellationToken cancellationToken,
        string? customerId = null, string? status = null, string? q = null, DateTimeOffset? archivedFrom = null, DateTimeOffset? archivedTo = null, int? limit = null,
        string? cursor = null)
    {
        ArchiveCursor.Position? after = null;
        if (cursor is not null && (after = ArchiveCursor.Read(cursor)) is null) return ApiProblems.BadRequest("cursor", "is not a cursor of this search; pass nextCursor as it came.");
        if (limit is < 1 or > MaxLimit) return ApiProblems.BadRequest("limit", $"must be between 1 and {MaxLimit}.");
        if (q is { Length: > MaxTextLength }) return ApiProblems.BadRequest("q", $"must be at most {MaxTextLength} characters.");
        if (OrderSearchInput.RefuseNul(("customerId", customerId), ("status", status), ("q", q)) is { } nul) return nul;
        if (archivedFrom is { } from && archivedTo is { } to && from > to) return ApiProblems.BadRequest("archivedTo", "must not be before archivedFrom.");
        var pageSize = limit ?? 50;
        var query = new OrderSearchQuery
        {
            Archived = true, Sort = OrderSearchSort.RecentlyArchived, CustomerId = Blank(customerId), Status = Blank(status), Text = Blank(q),
            ArchivedFrom = archivedFrom, ArchivedTo = archivedTo,
            Limit = pageSize + 1, // one more than the page: whether another page follows
            AfterArchived = after is null ? null : new OrderArchivePosition(after.ArchivedAt, after.OrderId),
        };
        var found = await store.SearchAsync(ApiCaller.From(http.User).TenantId, query, cancellationToken);
        var page = found.Take(pageSize).Select(ArchivedOrderOf).ToImmutableArray();
        return TypedResults.Ok(new ArchivedOrdersPage(page, found.Length > page.Length ? ArchiveCursor.Write(page[^1]) : null));
    }

    /// <summary>The archive's view of a read-model row (the search only asks for archived rows, which have an archive time).</summary>
    private static ArchivedOrder ArchivedOrderOf(OrderSearchRow r) => new()
    {
        OrderId = r.OrderId, CustomerId = r.CustomerId, Status = r.Status, Total = new Money(r.Total, r.Currency), ClientReference = r.ClientReference,
        Tags = r.Tags, CreatedAt = r.CreatedAt, ArchivedAt = r.ArchivedAt ?? r.UpdatedAt,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
