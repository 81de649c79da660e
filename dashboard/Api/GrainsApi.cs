using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using OrderCluster.Dashboard.Access;
using OrderCluster.Dashboard.Cluster;
using OrderCluster.Dashboard.Collection;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Dashboard.Redaction;
using OrderCluster.Runtime;
using OrderCluster.Runtime.Diagnostics;
using OrderCluster.Runtime.Membership;

namespace OrderCluster.Dashboard.Api;

/// <summary>Grain types, grain lookup (location, redacted state, timers, recent calls) and deactivation.</summary>
internal static class GrainsApi
{
    public static void MapGrainsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/grain-types", GetTypes).RequireAuthorization(DashboardScopes.ReadPolicy);
        api.MapGet("/grain", LookupAsync).RequireAuthorization(DashboardScopes.ReadPolicy);
        api.MapPost("/grain/deactivate", DeactivateAsync).RequireAuthorization(DashboardScopes.AdminPolicy).AddEndpointFilter<OriginCheckFilter>();
    }

    private static Ok<IReadOnlyList<GrainTypeInfo>> GetTypes(GrainDiagnostics grains) => TypedResults.Ok(grains.GrainTypes);

    private static async Task<Results<Ok<GrainLookup>, ProblemHttpResult>> LookupAsync(string? type, string? key, GrainDiagnostics grains,
        SiloSampler sampler, IClusterDiagnostics cluster, PeerClient peers, JsonRedactor redactor, CancellationToken cancellationToken)
    {
        if (!GrainRequest.TryParse(type, key, grains, out var grainId, out var problem)) return problem;
        var statesTask = grains.ReadStatesAsync(grainId, cancellationToken);
        var timersTask = grains.ListTimersAsync(grainId, cancellationToken);
        var (reports, unreachable) = await AskEverySiloAsync(cluster, cancellationToken,
            () => PeerApi.LocalReport(grainId, grains, sampler.Latest),
            (_, address) => peers.GetAsync(address, PeerApi.GrainPath + GrainRequest.Query(grainId), DashboardJsonContext.Default.LocalGrainReport, cancellationToken));

        var owner = grains.OwnerOf(grainId)?.ToString();
        return TypedResults.Ok(new GrainLookup(grainId.ToString(), grainId.Type, grainId.Key, owner,
            cluster.Members.FirstOrDefault(m => m.Silo.ToString() == owner)?.SiloName,
            reports.Where(r => r.Activation is not null)
                .Select(r => new GrainActivationView(r.Silo, r.SiloName, r.Activation!.Status, r.Activation.QueueLength)).ToList(),
            (await statesTask).Select(s => new GrainStateView(s.StateName, s.Version, s.Json is null ? null : redactor.Redact(s.Json))).ToList(),
            (await timersTask).Select(t => new GrainTimerView(t.Name, t.DueAt, t.Period?.TotalSeconds)).ToList(),
            reports.SelectMany(r => r.RecentCalls).OrderByDescending(c => c.StartedAt).Take(50).ToList(),
            unreachable));
    }

    private static async Task<Results<Ok<DeactivationResult>, ProblemHttpResult>> DeactivateAsync(string? type, string? key, ClaimsPrincipal user,
        GrainDiagnostics grains, SiloSampler sampler, IClusterDiagnostics cluster, PeerClient peers, ILogger<DashboardAccess> logger,
        CancellationToken cancellationToken)
    {
        if (!GrainRequest.TryParse(type, key, grains, out var grainId, out var problem)) return problem;
        var by = user.Identity?.Name ?? "an operator";
        DashboardLog.Action(logger, by, $"deactivate {grainId}");
        var (answers, _) = await AskEverySiloAsync(cluster, cancellationToken,
            () => new SiloAnswer(sampler.Latest.Silo, grains.Deactivate(grainId, by)),
            async (member, address) =>
            {
                var answer = await peers.PostAsync(address, PeerApi.DeactivatePath + GrainRequest.Query(grainId) + "&by=" + Uri.EscapeDataString(by),
                    DashboardJsonContext.Default.PeerDeactivation, cancellationToken);
                return new PeerResult<SiloAnswer>(answer.Value is { } v ? new SiloAnswer(member.Silo.ToString(), v.Deactivated) : null, answer.Error);
            });
        var on = answers.Where(a => a.Done).Select(a => a.Silo).ToList();
        return on.Count > 0
            ? TypedResults.Ok(new DeactivationResult(grainId.ToString(), on))
            : DashboardProblems.NotFound($"No silo has an activation of {grainId}.");
    }

    /// <summary>Asks this silo and every live peer in parallel; returns the answers and the silos that did not answer.</summary>
    private static async Task<(List<T> Answers, List<string> Unreachable)> AskEverySiloAsync<T>(IClusterDiagnostics cluster,
        CancellationToken cancellationToken, Func<T> local, Func<MembershipEntry, string, Task<PeerResult<T>>> remote) where T : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        var others = cluster.Members.Where(m => !m.Silo.Equals(cluster.LocalSilo) && m.Status != MemberStatus.Dead).ToList();
        var asked = await Task.WhenAll(others.Select(async m => (Member: m,
            Result: m.HttpAddress is null ? new PeerResult<T>(null, "no HTTP address") : await remote(m, m.HttpAddress))));
        var answers = new List<T> { local() };
        answers.AddRange(asked.Where(a => a.Result.Value is not null).Select(a => a.Result.Value!));
        return (answers, asked.Where(a => a.Result.Value is null).Select(a => $"{a.Member.Silo} ({a.Result.Error})").ToList());
    }

    private sealed record SiloAnswer(string Silo, bool Done);
}
