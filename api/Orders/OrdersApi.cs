using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Hosting;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Orders.Index;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Orders;

/// <summary>Orders: one-shot create, read (ETag = version), and list/search with cursor pagination.</summary>
public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApi(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");
        orders.MapPost("", CreateAsync).WithName("CreateOrder").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        orders.MapGet("", ListAsync).WithName("ListOrders").RequireAuthorization(ApiScopes.OrdersRead);
        orders.MapGet("/{orderId}", GetAsync).WithName("GetOrder").RequireAuthorization(ApiScopes.OrdersRead);
        return orders;
    }

    private static async Task<Results<Created<OrderCommandResult>, Ok<OrderCommandResult>, ProblemHttpResult>> CreateAsync(
        JsonBody<CreateOrderRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (CommandEnvelope.Read(http, null, out var envelope) is { } problem) return problem;
        var request = body.Value;
        var command = new CreateOrder
        {
            Actor = envelope.Actor, IdempotencyKey = envelope.IdempotencyKey, Customer = request.Customer, Channel = request.Channel,
            Currency = request.Currency, Lines = request.Lines, ShippingAddress = request.ShippingAddress, BillingAddress = request.BillingAddress,
            Shipping = request.Shipping, CustomFields = request.CustomFields ?? ImmutableSortedDictionary<string, CustomFieldValue>.Empty,
            Tags = request.Tags, Priority = request.Priority, ClientReference = request.ClientReference, Place = request.Place, Note = request.Note,
        };
        var tenant = envelope.Caller.TenantId;
        var result = request.ClientReference is { } reference
            ? await grains.GetGrain<IClientReferenceGrain>(TenantKeys.ForReference(tenant, reference)).CreateOrderAsync(command)
            : await grains.GetGrain<IOrderGrain>(TenantKeys.For(tenant, NewOrderId(tenant, envelope.IdempotencyKey), "orderId")).CreateAsync(command);
        ETags.Set(http, result.Version);
        var location = $"/api/v1/orders/{result.OrderId}";
        if (result.Replayed)
        {
            http.Response.Headers.Location = location;
            return TypedResults.Ok(result);
        }

        return TypedResults.Created(location, result);
    }

    private static async Task<Results<Ok<OrderSnapshot>, ProblemHttpResult>> GetAsync(string orderId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (OrderGrains.Find(http, grains, orderId, out var order) is { } notFound) return notFound;
        var snapshot = await order.GetAsync();
        ETags.Set(http, snapshot.Version);
        return TypedResults.Ok(snapshot);
    }

    private static async Task<Results<Ok<OrderPage>, ProblemHttpResult>> ListAsync(
        HttpContext http, OrderSearch search, CancellationToken cancellationToken,
        string? status = null, string? channel = null, string? customerId = null, string? tag = null, string? priority = null,
        DateTimeOffset? createdFrom = null, DateTimeOffset? createdTo = null, decimal? minTotal = null, decimal? maxTotal = null,
        string? q = null, string? assignee = null, bool? archived = null, int? limit = null, string? cursor = null)
    {
        if (OrderSearchInput.ReadPage(limit, cursor, out var pageSize, out var after) is { } badPage) return badPage;
        if (OrderSearchInput.ReadCustomFields(http.Request.Query, out var customFields) is { } badField) return badField;
        if (!QueryEnum.TryParse<ChannelKind>(channel, out var channelKind)) return QueryEnum.Problem<ChannelKind>("channel");
        if (!QueryEnum.TryParse<OrderPriority>(priority, out var orderPriority)) return QueryEnum.Problem<OrderPriority>("priority");
        var given = new OrderFilter
        {
            Status = status, Channel = channelKind, CustomerId = customerId, Tag = tag, Priority = orderPriority,
            CreatedFrom = createdFrom, CreatedTo = createdTo, MinTotal = minTotal, MaxTotal = maxTotal, Text = q,
            CustomFields = customFields, Assignee = assignee, Archived = archived,
        };
        if (OrderSearchInput.ReadFilter(given, out var filter) is { } badFilter) return badFilter;
        var caller = ApiCaller.From(http.User);
        return TypedResults.Ok(await search.SearchAsync(caller.TenantId, filter, pageSize, after, cancellationToken));
    }

    /// <summary>
    /// A new order id: time-ordered (UUID v7) without an Idempotency-Key; with one, derived from it, so a retry that
    /// runs again (after its first attempt's silo died) meets the order the first attempt created instead of a twin.
    /// </summary>
    private static string NewOrderId(string tenant, string? idempotencyKey) =>
        idempotencyKey is null
            ? Guid.CreateVersion7().ToString("N")
            : "k" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant}\n{idempotencyKey}")))[..31];
}

/// <summary>Enum query parameters by their camelCase JSON names (case-insensitive); numbers are not names.</summary>
internal static class QueryEnum
{
    public static bool TryParse<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (text is null) return true;
        if (text.Length == 0 || char.IsAsciiDigit(text[0]) || text[0] == '-' || !Enum.TryParse<T>(text, ignoreCase: true, out var parsed)) return false;
        value = parsed;
        return true;
    }

    public static ProblemHttpResult Problem<T>(string field) where T : struct, Enum =>
        ApiProblems.BadRequest(field, $"must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");
}

/// <summary>Finds an order grain of the caller's tenant; an id that cannot exist is simply not found.</summary>
internal static class OrderGrains
{
    public static ProblemHttpResult? Find(HttpContext http, IGrainFactory grains, string orderId, out IOrderGrain order) =>
        TenantEntities.Orders.Find(http, grains, orderId, out order);
}
