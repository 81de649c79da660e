using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using OrderCluster.Dashboard.Access;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Dashboard.Redaction;
using OrderCluster.Runtime.Diagnostics;

namespace OrderCluster.Dashboard.Api;

/// <summary>Stream lag per partition and consumer group, dead letters (payloads redacted), and re-drive.</summary>
internal static class StreamsApi
{
    public const int MaxDeadLetters = 200;

    public static void MapStreamsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/streams", GetAsync).RequireAuthorization(DashboardScopes.ReadPolicy);
        api.MapPost("/streams/dead-letters/{id:long}/redrive", RedriveAsync)
            .RequireAuthorization(DashboardScopes.AdminPolicy).AddEndpointFilter<OriginCheckFilter>();
    }

    private static async Task<Ok<StreamsView>> GetAsync(string? group, int? limit, IStreamDiagnostics streams, JsonRedactor redactor,
        CancellationToken cancellationToken)
    {
        if (!streams.IsEnabled)
            return TypedResults.Ok(new StreamsView(false, [], new Dictionary<string, long>(), [], "Streams are not enabled on this silo."));
        var take = Math.Clamp(limit ?? 50, 1, MaxDeadLetters);
        var lag = await streams.GetLagAsync(cancellationToken);
        var counts = await streams.CountDeadLettersAsync(cancellationToken);
        var letters = await streams.ListDeadLettersAsync(string.IsNullOrWhiteSpace(group) ? null : group, take, cancellationToken);
        return TypedResults.Ok(new StreamsView(true, lag.OrderBy(l => l.Group, StringComparer.Ordinal).ThenBy(l => l.Partition).ToList(), counts,
            letters.Select(l => l with { PayloadJson = redactor.Redact(l.PayloadJson) }).ToList(), null));
    }

    private static async Task<Results<Ok<StreamRedriveOutcome>, ProblemHttpResult>> RedriveAsync(long id, ClaimsPrincipal user,
        IStreamDiagnostics streams, ILogger<DashboardAccess> logger, CancellationToken cancellationToken)
    {
        if (!streams.IsEnabled) return DashboardProblems.Unavailable("Streams are not enabled on this silo.");
        DashboardLog.Action(logger, user.Identity?.Name ?? "an operator", $"re-drive dead letter {id}");
        var outcome = await streams.RedriveAsync(id, cancellationToken);
        return outcome.Found ? TypedResults.Ok(outcome) : DashboardProblems.NotFound($"No dead letter has id {id}.");
    }
}
