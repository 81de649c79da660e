using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Bulk;

/// <summary>Bulk jobs over up to <see cref="MaxItems"/> orders: tag, untag, change priority, assign, archive, or any workflow action; asynchronous, with progress and per-item results.</summary>
public static class BulkJobsApi
{
    public const int MaxItems = 1000;

    public static RouteGroupBuilder MapBulkJobsApi(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/bulk-jobs").WithTags("Bulk jobs");
        jobs.MapPost("", StartAsync).WithName("StartBulkJob").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        jobs.MapGet("/{jobId}", GetAsync).WithName("GetBulkJob").RequireAuthorization(ApiScopes.OrdersRead);
        return jobs;
    }

    public sealed record StartBulkJobRequest
    {
        public required BulkOperation Operation { get; init; }

        public ImmutableArray<string> OrderIds { get; init; } = [];

        /// <summary>For addTags and removeTags.</summary>
        public ImmutableArray<string> Tags { get; init; } = [];

        /// <summary>For action: the workflow action's name.</summary>
        public string? Action { get; init; }

        public string? Reason { get; init; }

        /// <summary>For changePriority.</summary>
        public OrderPriority? Priority { get; init; }

        /// <summary>For assign: the user id; absent unassigns the orders.</summary>
        public string? Assignee { get; init; }
    }

    private static async Task<Results<Accepted<BulkJob>, ProblemHttpResult>> StartAsync(
        JsonBody<StartBulkJobRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var request = body.Value;
        if (request.OrderIds.Length is 0 or > MaxItems) return ApiProblems.BadRequest("orderIds", $"give 1 to {MaxItems} order ids.");
        var missing = request.Operation switch
        {
            BulkOperation.AddTags or BulkOperation.RemoveTags when request.Tags.IsDefaultOrEmpty => "tags",
            BulkOperation.ChangePriority when request.Priority is null => "priority",
            BulkOperation.Action when string.IsNullOrWhiteSpace(request.Action) => "action",
            _ => null,
        };
        if (missing is not null) return ApiProblems.BadRequest(missing, $"is required for {request.Operation}.");

        var caller = ApiCaller.From(http.User);
        var jobId = "b" + Guid.CreateVersion7().ToString("N");
        var job = await grains.GetGrain<IBulkJobGrain>(caller.KeyFor(jobId, "jobId")).StartAsync(new BulkJobSpec
        {
            Operation = request.Operation, OrderIds = request.OrderIds, Tags = request.Tags, Action = request.Action?.Trim(), Reason = request.Reason,
            Priority = request.Priority, Assignee = request.Assignee?.Trim(), Actor = caller.Actor,
        });
        return TypedResults.Accepted($"/api/v1/bulk-jobs/{job.JobId}", job);
    }

    private static async Task<Results<Ok<BulkJob>, ProblemHttpResult>> GetAsync(string jobId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.From(http.User);
        var job = TenantKeys.CheckId(jobId, "jobId") is null ? await grains.GetGrain<IBulkJobGrain>(caller.KeyFor(jobId, "jobId")).GetAsync() : null;
        return job is null ? ApiProblems.NotFound("bulk-job-not-found", $"There is no bulk job '{jobId}'.") : TypedResults.Ok(job);
    }
}
