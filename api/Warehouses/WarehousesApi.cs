using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Fulfilment;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Orders;
using OrderCluster.Api.Problems;
using OrderCluster.Api.Tenants;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Warehouses;

namespace OrderCluster.Api.Warehouses;

/// <summary>
/// The tenant's warehouses: the directory, profiles (PUT creates or updates), stock per SKU and availability, receipts,
/// count adjustments, effective-dated unit costs, the movement journal and an order's reservations. Reading needs
/// <c>inventory:read</c>, changing <c>inventory:write</c>. Reservations themselves are made by fulfilment (allocation).
/// </summary>
public static class WarehousesApi
{
    public const int MaxAvailabilitySkus = 100;
    public const int DefaultMovements = 50;

    private static readonly TenantEntity<IWarehouseGrain> Warehouses = new("warehouseId", FulfilmentErrorCodes.WarehouseNotFound, "Warehouse");

    public static RouteGroupBuilder MapWarehousesApi(this RouteGroupBuilder api)
    {
        var warehouses = api.MapGroup("/warehouses").WithTags("Warehouses");
        warehouses.MapGet("", ListAsync).WithName("ListWarehouses").RequireAuthorization(ApiScopes.InventoryRead);
        warehouses.MapGet("/{warehouseId}", GetAsync).WithName("GetWarehouse").RequireAuthorization(ApiScopes.InventoryRead);
        warehouses.MapPut("/{warehouseId}", ConfigureAsync).WithName("ConfigureWarehouse").RequireAuthorization(ApiScopes.InventoryWrite).Idempotent();
        warehouses.MapGet("/{warehouseId}/stock/{sku}", StockAsync).WithName("GetWarehouseStock").RequireAuthorization(ApiScopes.InventoryRead);
        warehouses.MapGet("/{warehouseId}/availability", AvailabilityAsync).WithName("GetWarehouseAvailability").RequireAuthorization(ApiScopes.InventoryRead);
        warehouses.MapPost("/{warehouseId}/receive", ReceiveAsync).WithName("ReceiveStock").RequireAuthorization(ApiScopes.InventoryWrite).Idempotent();
        warehouses.MapPost("/{warehouseId}/adjust", AdjustAsync).WithName("AdjustStock").RequireAuthorization(ApiScopes.InventoryWrite).Idempotent();
        warehouses.MapPost("/{warehouseId}/unit-costs", SetUnitCostAsync).WithName("SetUnitCost").RequireAuthorization(ApiScopes.InventoryWrite).Idempotent();
        warehouses.MapGet("/{warehouseId}/unit-costs/{sku}", UnitCostAsync).WithName("GetUnitCost").RequireAuthorization(ApiScopes.InventoryRead);
        warehouses.MapGet("/{warehouseId}/movements", MovementsAsync).WithName("ListStockMovements").RequireAuthorization(ApiScopes.InventoryRead);
        warehouses.MapGet("/{warehouseId}/reservations", ReservationsAsync).WithName("ListOrderReservations").RequireAuthorization(ApiScopes.InventoryRead);
        return warehouses;
    }

    public sealed record ConfigureWarehouseRequest
    {
        public required WarehouseProfile Profile { get; init; }
    }

    public sealed record ReceiveStockRequest
    {
        public required string Sku { get; init; }

        public required int Quantity { get; init; }

        /// <summary>A delivery note or purchase order, kept in the movement journal.</summary>
        public string? Reference { get; init; }
    }

    public sealed record AdjustStockRequest
    {
        public required string Sku { get; init; }

        /// <summary>Units to add (positive) or remove (negative); never below zero or below what is reserved.</summary>
        public required int Delta { get; init; }

        public required string Reason { get; init; }
    }

    public sealed record SetUnitCostRequest
    {
        public required string Sku { get; init; }

        /// <summary>In the warehouse's cost currency.</summary>
        public required decimal Cost { get; init; }

        /// <summary>From when the cost applies; now when absent.</summary>
        public DateTimeOffset? EffectiveFrom { get; init; }
    }

    /// <summary>A warehouse of the tenant's directory.</summary>
    public sealed record WarehouseListEntry(string WarehouseId, bool Active);

    /// <summary>The unit cost of a SKU in effect at <see cref="At"/>; <see cref="Cost"/> is null when none is set.</summary>
    public sealed record UnitCostView(string WarehouseId, string Sku, decimal? Cost, string Currency, DateTimeOffset At);

    private static async Task<Ok<ImmutableArray<WarehouseListEntry>>> ListAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var directory = TenantGrains.Of<IWarehouseDirectoryGrain>(http, grains);
        var all = await directory.ListAsync(activeOnly: false);
        var active = (await directory.ListAsync(activeOnly: true)).ToHashSet(StringComparer.Ordinal);
        return TypedResults.Ok(all.Select(id => new WarehouseListEntry(id, active.Contains(id))).ToImmutableArray());
    }

    private static async Task<Results<Ok<WarehouseSnapshot>, ProblemHttpResult>> GetAsync(string warehouseId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Warehouses.Find(http, grains, warehouseId, out var warehouse) is { } notFound) return notFound;
        var snapshot = await warehouse.GetAsync();
        ETags.Set(http, snapshot.Version);
        return TypedResults.Ok(snapshot);
    }

    private static async Task<Results<Ok<WarehouseSnapshot>, ProblemHttpResult>> ConfigureAsync(
        string warehouseId, JsonBody<ConfigureWarehouseRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Warehouses.Find(http, grains, warehouseId, out var warehouse) is { } notFound) return notFound;
        if (Preconditions.ReadIfMatch(http, out var expected) is { } malformed) return malformed;
        var snapshot = await warehouse.ConfigureAsync(new ConfigureWarehouse(ApiCaller.From(http.User).Actor, body.Value.Profile, expected));
        ETags.Set(http, snapshot.Version);
        return TypedResults.Ok(snapshot);
    }

    private static async Task<Results<Ok<StockLevel>, ProblemHttpResult>> StockAsync(
        string warehouseId, string sku, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (TenantKeys.CheckReference(sku, "sku") is { } bad) return ApiProblems.BadRequest(bad.Field, bad.Message);
        if (Warehouses.Find(http, grains, warehouseId, out var warehouse) is { } notFound) return notFound;
        var snapshot = await warehouse.GetAsync();
        return TypedResults.Ok(snapshot.Stock.FirstOrDefault(s => s.Sku == sku) ?? new StockLevel { Sku = sku });
    }

    private static async Task<Results<Ok<WarehouseAvailability>, ProblemHttpResult>> AvailabilityAsync(
        string warehouseId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken, string[]? sku = null)
    {
        if (sku is not { Length: > 0 and <= MaxAvailabilitySkus })
            return ApiProblems.BadRequest("sku", $"give 1 to {MaxAvailabilitySkus} SKUs as ?sku=A&sku=B.");
        if (sku.Select(s => TenantKeys.CheckReference(s, "sku")).FirstOrDefault(e => e is not null) is { } bad) return ApiProblems.BadRequest(bad.Field, bad.Message);
        if (Warehouses.Find(http, grains, warehouseId, out var warehouse) is { } notFound) return notFound;
        return TypedResults.Ok(await warehouse.GetAvailabilityAsync([.. sku]));
    }

    private static async Task<Results<Ok<StockLevel>, ProblemHttpResult>> ReceiveAsync(
        string warehouseId, JsonBody<ReceiveStockRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Warehouses.Find(http, grains, warehouseId, out var warehouse) is { } notFound) return notFound;
        if (Preconditions.ReadIfMatch(http, out var expected) is { } malformed) return malformed;
        var request = body.Value;
        return TypedResults.Ok(await warehouse.ReceiveAsync(new ReceiveStock(ApiCaller.From(http.User).Actor, request.Sku, request.Quantity, request.Reference, expected)));
    }

    private static async Task<Results<Ok<StockLevel>, ProblemHttpResult>> AdjustAsync(
        string warehouseId, JsonBody<AdjustStockRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Warehouses.Find(http, grains, warehouseId, out var warehouse) is { } notFound) return notFound;
        if (Preconditions.ReadIfMatch(http, out var expected) is { } malformed) return malformed;
        var request = body.Value;
        return TypedResults.Ok(await warehouse.AdjustAsync(new AdjustStock(ApiCaller.From(http.User).Actor, request.Sku, request.Delta, request.Reason, expected)));
    }

    private static async Task<Results<Ok<UnitCostView>, ProblemHttpResult>> SetUnitCostAsync(
        string warehouseId, JsonBody<SetUnitCostRequest> body, HttpContext http, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Warehouses.Find(http, grains, warehouseId, out var warehouse) is { } notFound) return notFound;
        if (Preconditions.ReadIfMatch(http, out var expected) is { } malformed) return malformed;
        var request = body.Value;
        var from = (request.EffectiveFrom ?? time.GetUtcNow()).ToUniversalTime();
        await warehouse.SetUnitCostAsync(new SetUnitCost(ApiCaller.From(http.User).Actor, request.Sku, request.Cost, from, expected));
        var snapshot = await warehouse.GetAsync();
        ETags.Set(http, snapshot.Version);
        return TypedResults.Ok(new UnitCostView(snapshot.WarehouseId, request.Sku, await warehouse.GetUnitCostAsync(request.Sku, from), snapshot.Profile.CostCurrency, from));
    }

    private static async Task<Results<Ok<UnitCostView>, ProblemHttpResult>> UnitCostAsync(
        string warehouseId, string sku, HttpContext http, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken, DateTimeOffset? at = null)
    {
        if (TenantKeys.CheckReference(sku, "sku") is { } bad) return ApiProblems.BadRequest(bad.Field, bad.Message);
        if (Warehouses.Find(http, grains, warehouseId, out var warehouse) is { } notFound) return notFound;
        var snapshot = await warehouse.GetAsync();
        var when = (at ?? time.GetUtcNow()).ToUniversalTime();
        return TypedResults.Ok(new UnitCostView(snapshot.WarehouseId, sku, await warehouse.GetUnitCostAsync(sku, when), snapshot.Profile.CostCurrency, when));
    }

    private static async Task<Results<Ok<ImmutableArray<StockMovement>>, ProblemHttpResult>> MovementsAsync(
        string warehouseId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken, int? limit = null)
    {
        if (limit is < 1 or > 500) return ApiProblems.BadRequest("limit", "must be between 1 and 500.");
        if (Warehouses.Find(http, grains, warehouseId, out var warehouse) is { } notFound) return notFound;
        await warehouse.GetAsync(); // the journal of a warehouse nobody configured is a 404, not an empty list
        return TypedResults.Ok(await warehouse.GetMovementsAsync(limit ?? DefaultMovements));
    }

    private static async Task<Results<Ok<ImmutableArray<StockReservation>>, ProblemHttpResult>> ReservationsAsync(
        string warehouseId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken, string? orderId = null)
    {
        if (TenantKeys.CheckId(orderId, "orderId") is { } bad) return ApiProblems.BadRequest(bad.Field, bad.Message);
        if (Warehouses.Find(http, grains, warehouseId, out var warehouse) is { } notFound) return notFound;
        await warehouse.GetAsync();
        return TypedResults.Ok(await warehouse.GetReservationsAsync(orderId!));
    }
}
