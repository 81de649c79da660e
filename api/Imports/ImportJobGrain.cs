using System.Text.RegularExpressions;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Imports;

internal sealed class ImportJobState
{
    /// <summary>The orders not yet imported (processed ones are dropped, so each write is smaller than the last).</summary>
    public ImmutableArray<ImportItem> Pending { get; set; } = [];

    public ImportJob? Job { get; set; }
}

internal sealed partial class ImportJobGrain(
    [PersistentState("import-job")] IPersistentState<ImportJobState> state, TimeProvider time) : Grain, IImportJobGrain
{
    /// <summary>Orders per timer tick: small enough that a slice finishes well within a call's deadline.</summary>
    public const int SliceSize = 25;
    private const string WorkTimer = "work";

    public async Task<ImportJob> StartAsync(ImportJobSpec spec)
    {
        if (state.State.Job is { } existing) return existing;
        var key = TenantKeys.Parse(GetPrimaryKeyString(), "jobId");
        state.State.Pending = spec.Items;
        state.State.Job = new ImportJob
        {
            JobId = key.Id, SourceSystem = spec.SourceSystem, Format = spec.Format, Total = spec.Items.Length, CreatedAt = time.GetUtcNow(),
            Status = spec.Items.IsEmpty ? ImportJobStatus.Completed : ImportJobStatus.Running, CompletedAt = spec.Items.IsEmpty ? time.GetUtcNow() : null,
        };
        if (!spec.Items.IsEmpty) GrainContext.Timers.StageRegisterOrUpdate(WorkTimer, time.GetUtcNow());
        await state.WriteStateAsync();
        return state.State.Job;
    }

    public Task<ImportJob?> GetAsync() => Task.FromResult(state.State.Job);

    public async Task ReceiveTimerAsync(DurableTimerTick tick)
    {
        if (tick.Name != WorkTimer || state.State is not { Job: { Status: ImportJobStatus.Running } job } current) return;
        var tenant = TenantKeys.Parse(GetPrimaryKeyString(), "jobId").TenantId;
        var slice = current.Pending.Take(SliceSize).ToList();
        var results = await Task.WhenAll(slice.Select(item => RunItemAsync(tenant, item)));

        var done = job.Done + results.Length;
        var finished = done >= job.Total;
        state.State.Pending = current.Pending.RemoveRange(0, slice.Count);
        state.State.Job = job with
        {
            Done = done,
            Imported = job.Imported + results.Count(r => r.Outcome == ImportOutcome.Imported),
            Duplicates = job.Duplicates + results.Count(r => r.Outcome == ImportOutcome.Duplicate),
            Failed = job.Failed + results.Count(r => r.Outcome == ImportOutcome.Failed),
            Results = job.Results.AddRange(results),
            Status = finished ? ImportJobStatus.Completed : ImportJobStatus.Running,
            CompletedAt = finished ? time.GetUtcNow() : null,
        };
        if (!finished) GrainContext.Timers.StageRegisterOrUpdate(WorkTimer, time.GetUtcNow());
        await state.WriteStateAsync();
    }

    private async Task<ImportItemResult> RunItemAsync(string tenant, ImportItem item)
    {
        if (item.Order is not { } order || !item.Errors.IsEmpty)
            return new ImportItemResult(item.Row, item.SourceId, ImportOutcome.Failed, null, item.Errors);
        var grain = GrainFactory.GetGrain<IOrderGrain>(TenantKeys.For(tenant, order.SourceId, "sourceId"));
        try
        {
            var result = await grain.ImportAsync(order);
            return new ImportItemResult(item.Row, item.SourceId, result.Replayed ? ImportOutcome.Duplicate : ImportOutcome.Imported, result.Version, []);
        }
        catch (DomainException e)
        {
            var errors = e.Error.Errors.IsDefaultOrEmpty
                ? [new ImportRowError(item.Row, item.SourceId, null, e.Error.Code, e.Error.Reason)]
                : e.Error.Errors.Select(f => new ImportRowError(RowOf(item, f.Field), item.SourceId, f.Field, f.Code, f.Message)).ToImmutableArray();
            return new ImportItemResult(item.Row, item.SourceId, ImportOutcome.Failed, null, errors);
        }
        catch (Exception e) when (TransientFailure.Includes(e))
        {
            // Recorded rather than retried forever; importing the file again is safe (idempotent per source id).
            return new ImportItemResult(item.Row, item.SourceId, ImportOutcome.Failed, null,
                [new ImportRowError(item.Row, item.SourceId, null, "temporarily-unavailable", e.Message)]);
        }
    }

    /// <summary>The CSV row of <c>lines[i]...</c>; the order's first row for anything else.</summary>
    private static int RowOf(ImportItem item, string? field)
    {
        if (field is null || item.LineRows.IsDefaultOrEmpty || LineField().Match(field) is not { Success: true } match) return item.Row;
        var line = int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        return line < item.LineRows.Length ? item.LineRows[line] : item.Row;
    }

    [GeneratedRegex(@"^lines\[(\d{1,6})\]")]
    private static partial Regex LineField();
}
