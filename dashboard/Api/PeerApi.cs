using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Dashboard.Access;
using OrderCluster.Dashboard.Collection;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Runtime;
using OrderCluster.Runtime.Diagnostics;

namespace OrderCluster.Dashboard.Api;

/// <summary>
/// What one silo's dashboard asks another's: its report, its history, what it holds of a grain, and deactivating a grain there.
/// Signed with the cluster's dashboard key (<see cref="PeerAuthenticationFilter"/>); never used by browsers.
/// </summary>
internal static class PeerApi
{
    public const string ReportPath = "/dashboard/api/peer/report";
    public const string HistoryPath = "/dashboard/api/peer/history";
    public const string GrainPath = "/dashboard/api/peer/grain";
    public const string DeactivatePath = "/dashboard/api/peer/grain/deactivate";

    public static void MapPeerApi(this RouteGroupBuilder api)
    {
        var peer = api.MapGroup("/peer").AddEndpointFilter<PeerAuthenticationFilter>().AllowAnonymous();
        peer.MapGet("/report", GetReport);
        peer.MapGet("/history", GetHistory);
        peer.MapGet("/grain", GetGrain);
        peer.MapPost("/grain/deactivate", Deactivate);
    }

    private static Ok<SiloReport> GetReport(SiloSampler sampler) => TypedResults.Ok(sampler.Latest);

    private static Ok<SiloHistory> GetHistory(SiloSampler sampler) => TypedResults.Ok(new SiloHistory(sampler.Latest.Silo, sampler.History.ToList()));

    private static Results<Ok<LocalGrainReport>, ProblemHttpResult> GetGrain(string? type, string? key, GrainDiagnostics grains, SiloSampler sampler) =>
        GrainRequest.TryParse(type, key, grains, out var grainId, out var problem)
            ? TypedResults.Ok(LocalReport(grainId, grains, sampler.Latest))
            : problem;

    private static Results<Ok<PeerDeactivation>, ProblemHttpResult> Deactivate(string? type, string? key, string? by, GrainDiagnostics grains) =>
        GrainRequest.TryParse(type, key, grains, out var grainId, out var problem)
            ? TypedResults.Ok(new PeerDeactivation(grains.Deactivate(grainId, string.IsNullOrWhiteSpace(by) ? "an operator" : by)))
            : problem;

    /// <summary>What this silo holds of <paramref name="grainId"/>.</summary>
    public static LocalGrainReport LocalReport(GrainId grainId, GrainDiagnostics grains, SiloReport self) =>
        new(self.Silo, self.Name, grains.DescribeActivation(grainId),
            grains.RecentCalls.Snapshot(grainId, 50).Select(c => new RecentCallView(self.Silo, c.Method, c.StartedAt, c.Duration.TotalMilliseconds, c.Error))
                .ToList());
}

/// <summary>Reads a grain id from the <c>type</c> and <c>key</c> query parameters.</summary>
internal static class GrainRequest
{
    public const int MaxKeyLength = 1000;

    public static bool TryParse(string? type, string? key, GrainDiagnostics grains, out GrainId grainId, out ProblemHttpResult problem)
    {
        grainId = default;
        problem = null!;
        if (string.IsNullOrWhiteSpace(type) || key is null || key.Length > MaxKeyLength)
        {
            problem = DashboardProblems.BadRequest($"Give the grain as ?type=TYPE&key=KEY (a key of at most {MaxKeyLength} characters).");
            return false;
        }

        if (!grains.IsKnownGrainType(type))
        {
            problem = DashboardProblems.NotFound($"No grain class has grain type '{type}'.");
            return false;
        }

        grainId = new GrainId(type, key);
        return true;
    }

    public static string Query(GrainId grainId) => $"?type={Uri.EscapeDataString(grainId.Type)}&key={Uri.EscapeDataString(grainId.Key)}";
}
