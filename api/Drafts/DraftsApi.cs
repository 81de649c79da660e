using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Orders;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Drafts;

/// <summary>Order drafts, step by step (customer, lines, fulfilment, review), then submit; each step takes If-Match or expectedVersion.</summary>
public static class DraftsApi
{
    public static RouteGroupBuilder MapDraftsApi(this RouteGroupBuilder api)
    {
        var drafts = api.MapGroup("/drafts").WithTags("Drafts");
        drafts.MapPost("", StartAsync).WithName("StartDraft").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        drafts.MapGet("/{draftId}", GetAsync).WithName("GetDraft").RequireAuthorization(ApiScopes.OrdersRead);
        drafts.MapPut("/{draftId}/customer", SaveCustomerAsync).WithName("SaveDraftCustomer").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        drafts.MapPut("/{draftId}/lines", SaveLinesAsync).WithName("SaveDraftLines").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        drafts.MapPut("/{draftId}/fulfilment", SaveFulfilmentAsync).WithName("SaveDraftFulfilment").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        drafts.MapPost("/{draftId}/go-to-step", GoToStepAsync).WithName("GoToDraftStep").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        drafts.MapPost("/{draftId}/submit", SubmitAsync).WithName("SubmitDraft").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        drafts.MapPost("/{draftId}/discard", DiscardAsync).WithName("DiscardDraft").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        return drafts;
    }

    public sealed record StartDraftRequest
    {
        public required SalesChannel Channel { get; init; }

        public required string Currency { get; init; }

        public string? TemplateId { get; init; }
    }

    public sealed record DraftCustomerRequest
    {
        public required string CustomerId { get; init; }

        public SalesChannel? Channel { get; init; }

        public long? ExpectedVersion { get; init; }
    }

    public sealed record DraftLinesRequest
    {
        public ImmutableArray<NewOrderLine> Lines { get; init; } = [];

        public long? ExpectedVersion { get; init; }
    }

    public sealed record DraftFulfilmentRequest
    {
        public Address? ShippingAddress { get; init; }

        public Address? BillingAddress { get; init; }

        public bool BillingSameAsShipping { get; init; }

        public required ShippingSelection Shipping { get; init; }

        public OrderPriority? Priority { get; init; }

        public ImmutableArray<string>? Tags { get; init; }

        public ImmutableSortedDictionary<string, CustomFieldValue>? CustomFields { get; init; }

        public string? Note { get; init; }

        public long? ExpectedVersion { get; init; }
    }

    public sealed record DraftStepRequest
    {
        public required DraftStep Step { get; init; }

        public long? ExpectedVersion { get; init; }
    }

    public sealed record DraftVersionRequest
    {
        public long? ExpectedVersion { get; init; }
    }

    private static async Task<Results<Created<OrderDraft>, ProblemHttpResult>> StartAsync(
        JsonBody<StartDraftRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(http.User);
        var draftId = "d" + Guid.CreateVersion7().ToString("N");
        var draft = await grains.GetGrain<IOrderDraftGrain>(caller.KeyFor(draftId, "draftId"))
            .StartAsync(new StartDraft { Actor = caller.Actor, Channel = body.Value.Channel, Currency = body.Value.Currency, TemplateId = body.Value.TemplateId });
        ETags.Set(http, draft.Version);
        return TypedResults.Created($"/api/v1/drafts/{draft.DraftId}", draft);
    }

    private static Task<Results<Ok<OrderDraft>, ProblemHttpResult>> GetAsync(string draftId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        RunAsync(http, grains, draftId, null, (draft, _) => draft.GetAsync());

    private static Task<Results<Ok<OrderDraft>, ProblemHttpResult>> SaveCustomerAsync(
        string draftId, JsonBody<DraftCustomerRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        RunAsync(http, grains, draftId, body.Value.ExpectedVersion, (draft, e) => draft.SaveCustomerAsync(new SaveDraftCustomer
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, CustomerId = body.Value.CustomerId, Channel = body.Value.Channel,
        }));

    private static Task<Results<Ok<OrderDraft>, ProblemHttpResult>> SaveLinesAsync(
        string draftId, JsonBody<DraftLinesRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        RunAsync(http, grains, draftId, body.Value.ExpectedVersion, (draft, e) => draft.SaveLinesAsync(new SaveDraftLines
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, Lines = body.Value.Lines,
        }));

    private static Task<Results<Ok<OrderDraft>, ProblemHttpResult>> SaveFulfilmentAsync(
        string draftId, JsonBody<DraftFulfilmentRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        RunAsync(http, grains, draftId, body.Value.ExpectedVersion, (draft, e) => draft.SaveFulfilmentAsync(new SaveDraftFulfilment
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, ShippingAddress = body.Value.ShippingAddress, BillingAddress = body.Value.BillingAddress,
            BillingSameAsShipping = body.Value.BillingSameAsShipping, Shipping = body.Value.Shipping, Priority = body.Value.Priority, Tags = body.Value.Tags,
            CustomFields = body.Value.CustomFields, Note = body.Value.Note,
        }));

    private static Task<Results<Ok<OrderDraft>, ProblemHttpResult>> GoToStepAsync(
        string draftId, JsonBody<DraftStepRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        RunAsync(http, grains, draftId, body.Value.ExpectedVersion, (draft, e) => draft.GoToStepAsync(new GoToDraftStep
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, Step = body.Value.Step,
        }));

    private static Task<Results<Ok<OrderDraft>, ProblemHttpResult>> DiscardAsync(
        string draftId, JsonBody<DraftVersionRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        RunAsync(http, grains, draftId, body.Value.ExpectedVersion, (draft, e) => draft.DiscardAsync(new DiscardDraft { Actor = e.Actor, ExpectedVersion = e.ExpectedVersion }));

    private static async Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> SubmitAsync(
        string draftId, JsonBody<DraftVersionRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (CommandEnvelope.Read(http, body.Value.ExpectedVersion, out var envelope) is { } problem) return problem;
        if (TenantEntities.Drafts.Find(http, grains, draftId, out var draft) is { } notFound) return notFound;
        var result = await draft.SubmitAsync(new SubmitDraft { Actor = envelope.Actor, ExpectedVersion = envelope.ExpectedVersion });
        ETags.Set(http, result.Version);
        http.Response.Headers.Location = $"/api/v1/orders/{result.OrderId}";
        return TypedResults.Ok(result);
    }

    private static Task<Results<Ok<OrderDraft>, ProblemHttpResult>> RunAsync(
        HttpContext http, IGrainFactory grains, string draftId, long? bodyVersion, Func<IOrderDraftGrain, CommandEnvelope, Task<OrderDraft>> command) =>
        TenantEntities.Drafts.RunAsync(http, grains, draftId, bodyVersion, command, d => d.Version);
}
