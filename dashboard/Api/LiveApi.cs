using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Dashboard.Access;
using OrderCluster.Dashboard.Cluster;
using OrderCluster.Dashboard.Collection;
using OrderCluster.Runtime.Diagnostics;
using OrderCluster.Runtime.Membership;

namespace OrderCluster.Dashboard.Api;

/// <summary>Who is signed in, the cluster snapshot, the last minutes of history, and the live stream (server-sent events, every second).</summary>
internal static class LiveApi
{
    private static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(1);

    public static void MapLiveApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMe).RequireAuthorization(DashboardScopes.ReadPolicy);
        api.MapGet("/snapshot", GetSnapshotAsync).RequireAuthorization(DashboardScopes.ReadPolicy);
        api.MapGet("/history", GetHistoryAsync).RequireAuthorization(DashboardScopes.ReadPolicy);
        api.MapGet("/live", StreamAsync).RequireAuthorization(DashboardScopes.ReadPolicy);
    }

    private static Ok<MeView> GetMe(ClaimsPrincipal user, DashboardAccess access, IClusterDiagnostics cluster) =>
        TypedResults.Ok(new MeView(user.Identity?.Name ?? "anonymous", user.HasClaim(DashboardScopes.ClaimType, DashboardScopes.Admin),
            access.Mode.ToString(), cluster.IsClustered, cluster.LocalSilo.ToString()));

    private static async Task<Ok<ClusterSnapshot>> GetSnapshotAsync(ClusterSnapshotSource source, CancellationToken cancellationToken) =>
        TypedResults.Ok(await source.GetAsync(cancellationToken));

    private static async Task<Ok<ClusterHistory>> GetHistoryAsync(SiloSampler sampler, IClusterDiagnostics cluster, PeerClient peers,
        CancellationToken cancellationToken)
    {
        var others = cluster.Members.Where(m => !m.Silo.Equals(cluster.LocalSilo) && m.Status != MemberStatus.Dead).ToList();
        var answers = await Task.WhenAll(others.Select(async m => (Member: m, Answer: m.HttpAddress is null
            ? new PeerResult<SiloHistory>(null, "no HTTP address")
            : await peers.GetAsync(m.HttpAddress, PeerApi.HistoryPath, DashboardJsonContext.Default.SiloHistory, cancellationToken))));
        var histories = answers.Where(a => a.Answer.Value is not null).Select(a => a.Answer.Value!.Points).Prepend(sampler.History.ToList());
        return TypedResults.Ok(new ClusterHistory(ClusterAggregation.History(histories),
            answers.Where(a => a.Answer.Value is null).Select(a => $"{a.Member.Silo} ({a.Answer.Error})").ToList()));
    }

    /// <summary>Server-sent events: one <c>snapshot</c> event a second until the viewer leaves (snapshots are shared between viewers).</summary>
    private static async Task StreamAsync(HttpContext context, ClusterSnapshotSource source, TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            await context.Response.WriteAsync("retry: 2000\n\n", cancellationToken);
            using var timer = new PeriodicTimer(LiveInterval, time);
            do
            {
                var snapshot = await source.GetAsync(cancellationToken);
                await context.Response.WriteAsync("event: snapshot\ndata: ", cancellationToken);
                await JsonSerializer.SerializeAsync(context.Response.Body, snapshot, DashboardJsonContext.Default.ClusterSnapshot, cancellationToken);
                await context.Response.WriteAsync("\n\n", cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the viewer left
        }
    }
}
