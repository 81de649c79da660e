using OrderCluster.Bench.Intake;

namespace OrderCluster.Bench.Load;

/// <summary>
/// The API keys of a run's actors, created through <c>POST /api/v1/api-keys</c> with the admin key and revoked at the end:
/// integrations <c>orders:*</c>; operators <c>orders:*</c> and <c>inventory:read</c> with the order-manager and warehouse
/// roles; planners <c>orders:read</c>.
/// </summary>
internal sealed record LoadKeys(List<(string KeyId, string Key)> Integrations, List<(string KeyId, string Key)> Operators,
    List<(string KeyId, string Key)> Planners, string? Refusal)
{
    public IEnumerable<(string KeyId, string Key)> All => [.. Integrations, .. Operators, .. Planners];

    /// <summary>Creates them all; when one is refused, revokes those made and answers the refusal.</summary>
    public static async Task<LoadKeys> CreateAsync(IntakeSiloApi api, string runTag, LoadOptions options, CancellationToken cancellationToken)
    {
        var (integrations, refused) = await api.CreateIntegrationKeysAsync(runTag, options.Integrations, cancellationToken);
        if (integrations is null) return new LoadKeys([], [], [], $"integration keys: {refused}");
        var (operators, operatorRefusal) = await api.CreateKeysAsync(Names(runTag, "operator", options.Operators),
            ["orders:*", "inventory:read"], ["order-manager", "warehouse"], cancellationToken);
        var (planners, plannerRefusal) = operators is null
            ? (null, null)
            : await api.CreateKeysAsync(Names(runTag, "planner", options.Planners), ["orders:read"], [], cancellationToken);
        if (operators is not null && planners is not null) return new LoadKeys(integrations, operators, planners, null);
        await api.RevokeAsync([.. integrations, .. operators ?? []], CancellationToken.None);
        return new LoadKeys([], [], [], operators is null ? $"operator keys: {operatorRefusal}" : $"planner keys: {plannerRefusal}");
    }

    private static List<string> Names(string runTag, string role, int count) => Enumerable.Range(0, count).Select(i => $"{runTag}-{role}-{i}").ToList();
}
