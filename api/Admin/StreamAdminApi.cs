using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Problems;
using OrderCluster.Runtime;

namespace OrderCluster.Api.Admin;

/// <summary>
/// Operating streams over HTTP: consumer groups and their lag, dead letters (list, re-drive, discard), replay of a
/// group from a point, explicit subscriptions. Dead-letter payloads are redacted as the dashboard redacts them (the
/// silo's <see cref="PayloadRedactor"/>, words of <c>Dashboard:RedactedFields</c>; the defaults without one).
/// </summary>
public static class StreamAdminApi
{
    public static RouteGroupBuilder MapStreamAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/streams").WithTags("Streams (admin)");
        group.MapGet("/groups", ListGroups);
        group.MapGet("/lag", GetLag);
        group.MapGet("/dead-letters", ListDeadLetters);
        group.MapPost("/dead-letters/{id:long}/redrive", Redrive);
        group.MapDelete("/dead-letters/{id:long}", Discard);
        group.MapPost("/groups/{name}/reset", Reset);
        group.MapPut("/subscriptions/{id}", Subscribe);
        group.MapDelete("/subscriptions/{id}", Unsubscribe);
        return group;
    }

    /// <summary>Where to restart a group: <c>fromStart</c>, a time, or one stream's sequence number.</summary>
    public sealed record ResetRequest(bool FromStart, DateTimeOffset? FromTime, string? StreamNamespace, string? StreamKey, long? FromSequence);

    public sealed record SubscriptionRequest(string Namespace, string? StreamKey, string Consumer);

    public sealed record RedriveResponse(bool Delivered);

    private static async Task<Ok<IReadOnlyList<StreamGroupInfo>>> ListGroups(IStreamAdmin admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ListGroupsAsync(cancellationToken));

    private static async Task<Ok<IReadOnlyList<StreamLag>>> GetLag(IStreamAdmin admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.GetLagAsync(cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<DeadLetterInfo>>, ProblemHttpResult>> ListDeadLetters(
        IStreamAdmin admin, HttpContext http, string? group, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000) return ApiProblems.BadRequest("limit", "must be between 1 and 1000");
        var redactor = http.RequestServices.GetService(typeof(PayloadRedactor)) as PayloadRedactor ?? PayloadRedactor.Default;
        var letters = await admin.ListDeadLettersAsync(group, limit ?? 100, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<DeadLetterInfo>>([.. letters.Select(l => l with { PayloadJson = redactor.Redact(l.PayloadJson) })]);
    }

    private static async Task<Results<Ok<RedriveResponse>, ProblemHttpResult>> Redrive(
        long id, IStreamAdmin admin, CancellationToken cancellationToken)
    {
        try
        {
            var result = await admin.RedriveAsync(id, cancellationToken);
            return result.Delivered
                ? TypedResults.Ok(new RedriveResponse(true))
                : ApiProblems.Create(StatusCodes.Status409Conflict, "redrive-failed", "The consumer refused the event again", result.Error);
        }
        catch (KeyNotFoundException e)
        {
            return ApiProblems.NotFound("dead-letter-not-found", e.Message);
        }
        catch (InvalidOperationException e)
        {
            return ApiProblems.Create(StatusCodes.Status409Conflict, "group-gone", "The dead letter's consumer group no longer exists", e.Message);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Discard(long id, IStreamAdmin admin, CancellationToken cancellationToken) =>
        await admin.DiscardAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("dead-letter-not-found", $"There is no dead letter {id}.");

    private static async Task<Results<Accepted, ProblemHttpResult>> Reset(
        string name, ResetRequest request, IStreamAdmin admin, CancellationToken cancellationToken)
    {
        var ways = (request.FromStart ? 1 : 0) + (request.FromTime is null ? 0 : 1) + (request.StreamNamespace is null ? 0 : 1);
        if (ways != 1) return ApiProblems.BadRequest("fromStart", "give exactly one of fromStart, fromTime, or streamNamespace with streamKey and fromSequence");
        if (request.StreamNamespace is not null && (request.StreamKey is null || request.FromSequence is not > 0))
            return ApiProblems.BadRequest("fromSequence", "a stream reset needs streamKey and a fromSequence of at least 1");
        var reset = request.FromStart ? StreamReset.FromStart
            : request.FromTime is { } time ? new StreamReset(FromTime: time)
            : new StreamReset(Stream: new StreamId(request.StreamNamespace!, request.StreamKey!), FromSequence: request.FromSequence);
        try
        {
            await admin.ResetGroupAsync(name, reset, cancellationToken);
            return TypedResults.Accepted((string?)null);
        }
        catch (KeyNotFoundException e)
        {
            return ApiProblems.NotFound("reset-target-not-found", e.Message);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Subscribe(
        string id, SubscriptionRequest request, IStreamAdmin admin, CancellationToken cancellationToken)
    {
        if (id.StartsWith("implicit:", StringComparison.Ordinal)) return ApiProblems.BadRequest("id", "'implicit:' names implicit subscriptions");
        if (string.IsNullOrWhiteSpace(request.Namespace)) return ApiProblems.BadRequest("namespace", "is required");
        GrainId consumer;
        try
        {
            consumer = GrainId.Parse(request.Consumer);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return ApiProblems.BadRequest("consumer", "must be a grain id: type/key");
        }

        await admin.SubscribeAsync(id, request.Namespace, request.StreamKey, consumer, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Unsubscribe(string id, IStreamAdmin admin, CancellationToken cancellationToken) =>
        await admin.UnsubscribeAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("subscription-not-found", $"There is no subscription '{id}'.");
}
