using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Orders;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Customers;

namespace OrderCluster.Api.Customers;

/// <summary>Customers: profile, approval thresholds, and the order history the order grains keep current.</summary>
public static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");
        customers.MapGet("/{customerId}", GetAsync).WithName("GetCustomer").RequireAuthorization(ApiScopes.CustomersRead);
        customers.MapPut("/{customerId}", SaveProfileAsync).WithName("SaveCustomerProfile").RequireAuthorization(ApiScopes.CustomersWrite).Idempotent();
        customers.MapPut("/{customerId}/approval-thresholds", SetThresholdsAsync).WithName("SetCustomerApprovalThresholds").RequireAuthorization(ApiScopes.CustomersWrite).Idempotent();
        customers.MapGet("/{customerId}/orders", OrdersAsync).WithName("ListCustomerOrders").RequireAuthorization(ApiScopes.CustomersRead);
        return customers;
    }

    public sealed record SaveProfileRequest
    {
        public required CustomerProfile Profile { get; init; }

        public long? ExpectedVersion { get; init; }
    }

    public sealed record SetThresholdsRequest
    {
        public ImmutableArray<Money> Thresholds { get; init; } = [];

        public long? ExpectedVersion { get; init; }
    }

    private static async Task<Results<Ok<CustomerSnapshot>, ProblemHttpResult>> GetAsync(string customerId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (TenantEntities.Customers.Find(http, grains, customerId, out var customer) is { } notFound) return notFound;
        var snapshot = await customer.GetAsync();
        ETags.Set(http, snapshot.Version);
        return TypedResults.Ok(snapshot);
    }

    private static Task<Results<Ok<CustomerSnapshot>, ProblemHttpResult>> SaveProfileAsync(
        string customerId, JsonBody<SaveProfileRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TenantEntities.Customers.RunAsync(http, grains, customerId, body.Value.ExpectedVersion, (customer, e) => customer.SaveProfileAsync(new SaveCustomerProfile
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, Profile = body.Value.Profile,
        }), c => c.Version);

    private static Task<Results<Ok<CustomerSnapshot>, ProblemHttpResult>> SetThresholdsAsync(
        string customerId, JsonBody<SetThresholdsRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        TenantEntities.Customers.RunAsync(http, grains, customerId, body.Value.ExpectedVersion, (customer, e) => customer.SetApprovalThresholdsAsync(new SetApprovalThresholds
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, Thresholds = body.Value.Thresholds,
        }), c => c.Version);

    private static async Task<Results<Ok<Page<CustomerOrderEntry>>, ProblemHttpResult>> OrdersAsync(
        string customerId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken, int? limit = null, string? cursor = null, string? order = null)
    {
        if (Paging.Read(limit, cursor, order) is not { } page) return Paging.Problem(limit);
        if (TenantEntities.Customers.Find(http, grains, customerId, out var customer) is { } notFound) return notFound;
        await customer.GetAsync(); // the history of a customer nobody knows is a 404, not an empty page
        return TypedResults.Ok(await customer.GetOrdersAsync(page));
    }
}
