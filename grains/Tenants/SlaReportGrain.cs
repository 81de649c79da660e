using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Grains.Tenants;

public sealed record SlaKindCounts
{
    public int Met { get; init; }

    public int Breached { get; init; }
}

public sealed record RecentSlaOutcome(string OutcomeId, DateTimeOffset RecordedAt);

public sealed record SlaReportState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableSortedDictionary<string, SlaKindCounts> Kinds { get; init; } = ImmutableSortedDictionary<string, SlaKindCounts>.Empty;

    /// <summary>Outcome ids recorded recently, oldest first: a report sent again after a crash is recognised.</summary>
    public ImmutableList<RecentSlaOutcome> Recent { get; init; } = [];

    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>
/// A tenant's SLA compliance, keyed <c>{tenant}</c>: met and breached counts per SLA kind. Order grains report each
/// deadline's outcome at least once; the last <see cref="MaxRecent"/> outcome ids (within <see cref="RecentWindow"/>)
/// are remembered, which covers a resend after a crash (sent again within seconds, when the order reactivates).
/// </summary>
internal sealed class SlaReportGrain(
    [PersistentState("sla-report")] IPersistentState<SlaReportState> state,
    TimeProvider time) : Grain, ISlaReportGrain
{
    public const int MaxRecent = 2_000;

    public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(1);

    private HashSet<string>? _recent;

    public async Task RecordAsync(SlaOutcomeReport report)
    {
        TenantKeys.ParseTenant(GetPrimaryKeyString());
        _recent ??= state.State.Recent.Select(r => r.OutcomeId).ToHashSet(StringComparer.Ordinal);
        if (_recent.Contains(report.OutcomeId)) return;

        var now = time.GetUtcNow();
        var counts = state.State.Kinds.GetValueOrDefault(report.Kind) ?? new SlaKindCounts();
        counts = report.Outcome == SlaOutcome.Met ? counts with { Met = counts.Met + 1 } : counts with { Breached = counts.Breached + 1 };
        var recent = state.State.Recent.Add(new RecentSlaOutcome(report.OutcomeId, now));
        var drop = 0;
        while (drop < recent.Count && (recent.Count - drop > MaxRecent || recent[drop].RecordedAt < now - RecentWindow)) drop++;
        recent = recent.RemoveRange(0, drop);

        var previous = state.State;
        state.State = previous with { Kinds = previous.Kinds.SetItem(report.Kind, counts), Recent = recent, UpdatedAt = now };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            _recent = null;
            throw;
        }

        _recent = recent.Select(r => r.OutcomeId).ToHashSet(StringComparer.Ordinal);
    }

    public Task<SlaComplianceReport> GetAsync() => Task.FromResult(new SlaComplianceReport
    {
        TenantId = GetPrimaryKeyString(),
        UpdatedAt = state.State.UpdatedAt,
        Kinds =
        [
            .. state.State.Kinds.Select(k => new SlaKindCompliance
            {
                Kind = k.Key,
                Met = k.Value.Met,
                Breached = k.Value.Breached,
                CompliancePercent = k.Value.Met + k.Value.Breached == 0 ? null
                    : decimal.Round(100m * k.Value.Met / (k.Value.Met + k.Value.Breached), 2),
            }),
        ],
    });
}
