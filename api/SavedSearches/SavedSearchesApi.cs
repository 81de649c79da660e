using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Hosting;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Orders;
using OrderCluster.Api.Orders.Index;
using OrderCluster.Api.Problems;
using OrderCluster.Api.Tenants;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.SavedSearches;

/// <summary>Named order searches per tenant: save (create or replace), list, read, delete, and run with cursor pagination.</summary>
public static class SavedSearchesApi
{
    public static RouteGroupBuilder MapSavedSearchesApi(this RouteGroupBuilder api)
    {
        var searches = api.MapGroup("/saved-searches").WithTags("Saved searches");
        searches.MapGet("", ListAsync).WithName("ListSavedSearches").RequireAuthorization(ApiScopes.OrdersRead);
        searches.MapGet("/{name}", GetAsync).WithName("GetSavedSearch").RequireAuthorization(ApiScopes.OrdersRead);
        searches.MapPut("/{name}", SaveAsync).WithName("SaveSearch").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        searches.MapDelete("/{name}", RemoveAsync).WithName("RemoveSavedSearch").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        searches.MapGet("/{name}/orders", RunAsync).WithName("RunSavedSearch").RequireAuthorization(ApiScopes.OrdersRead);
        return searches;
    }

    /// <summary>The filters of <c>GET /orders</c>, as a body (checked and normalised by <see cref="OrderSearchInput"/>, like the query).</summary>
    public sealed record SaveSearchRequest
    {
        public string? Status { get; init; }

        public ChannelKind? Channel { get; init; }

        public string? CustomerId { get; init; }

        public string? Tag { get; init; }

        public OrderPriority? Priority { get; init; }

        public DateTimeOffset? CreatedFrom { get; init; }

        public DateTimeOffset? CreatedTo { get; init; }

        public decimal? MinTotal { get; init; }

        public decimal? MaxTotal { get; init; }

        public string? Q { get; init; }

        /// <summary>Custom fields that must equal these values (as <c>cf.{name}</c> in <c>GET /orders</c>).</summary>
        public ImmutableSortedDictionary<string, string>? CustomFields { get; init; }

        public string? Assignee { get; init; }

        public bool? Archived { get; init; }
    }

    private static async Task<Ok<ImmutableArray<SavedSearch>>> ListAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Grain(http, grains).ListAsync());

    private static async Task<Results<Ok<SavedSearch>, ProblemHttpResult>> GetAsync(string name, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        await Grain(http, grains).GetAsync(name) is { } search ? TypedResults.Ok(search) : NotFound(name);

    private static async Task<Results<Ok<SavedSearch>, ProblemHttpResult>> SaveAsync(
        string name, JsonBody<SaveSearchRequest> body, HttpContext http, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        if (TenantKeys.CheckId(name, "name") is { } bad) return ApiProblems.BadRequest("name", bad.Message);
        var request = body.Value;
        var given = new OrderFilter
        {
            Status = request.Status, Channel = request.Channel, CustomerId = request.CustomerId, Tag = request.Tag, Priority = request.Priority,
            CreatedFrom = request.CreatedFrom, CreatedTo = request.CreatedTo, MinTotal = request.MinTotal, MaxTotal = request.MaxTotal, Text = request.Q,
            CustomFields = request.CustomFields, Assignee = request.Assignee, Archived = request.Archived,
        };
        if (OrderSearchInput.ReadFilter(given, out var filter) is { } badFilter) return badFilter;
        var caller = ApiCaller.From(http.User);
        return TypedResults.Ok(await Grain(http, grains).SaveAsync(new SavedSearch { Name = name, Filter = filter, SavedBy = caller.KeyId, SavedAt = time.GetUtcNow() }));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string name, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        await Grain(http, grains).RemoveAsync(name) ? TypedResults.NoContent() : NotFound(name);

    private static async Task<Results<Ok<OrderPage>, ProblemHttpResult>> RunAsync(
        string name, HttpContext http, IGrainFactory grains, OrderSearch search, CancellationToken cancellationToken,
        int? limit = null, string? cursor = null)
    {
        if (OrderSearchInput.ReadPage(limit, cursor, out var pageSize, out var after) is { } badPage) return badPage;
        if (await Grain(http, grains).GetAsync(name) is not { } saved) return NotFound(name);
        var tenant = ApiCaller.From(http.User).TenantId;
        return TypedResults.Ok(await search.SearchAsync(tenant, saved.Filter, pageSize, after, cancellationToken));
    }

    private static ISavedSearchesGrain Grain(HttpContext http, IGrainFactory grains) =>
        TenantGrains.Of<ISavedSearchesGrain>(http, grains);

    private static ProblemHttpResult NotFound(string name) => ApiProblems.NotFound("saved-search-not-found", $"There is no saved search '{name}'.");
}
