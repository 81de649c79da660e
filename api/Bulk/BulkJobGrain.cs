using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Bulk;

internal sealed class BulkJobState
{
    public BulkJobSpec? Spec { get; set; }

    public BulkJob? Job { get; set; }
}

internal sealed class BulkJobGrain([PersistentState("bulk-job")] IPersistentState<BulkJobState> state, TimeProvider time) : Grain, IBulkJobGrain
{
    /// <summary>Orders per timer tick: small enough that a slice finishes well within a call's deadline.</summary>
    public const int SliceSize = 25;
    private const string WorkTimer = "work";

    public async Task<BulkJob> StartAsync(BulkJobSpec spec)
    {
        if (state.State.Job is { } existing) return existing;
        var key = TenantKeys.Parse(GetPrimaryKeyString(), "jobId");
        state.State.Spec = spec;
        state.State.Job = new BulkJob { JobId = key.Id, Operation = spec.Operation, Total = spec.OrderIds.Length, CreatedAt = time.GetUtcNow() };
        GrainContext.Timers.StageRegisterOrUpdate(WorkTimer, time.GetUtcNow());
        await state.WriteStateAsync();
        return state.State.Job;
    }

    public Task<BulkJob?> GetAsync() => Task.FromResult(state.State.Job);

    public async Task ReceiveTimerAsync(DurableTimerTick tick)
    {
        if (tick.Name != WorkTimer || state.State is not { Spec: { } spec, Job: { Status: BulkJobStatus.Running } job }) return;
        var tenant = TenantKeys.Parse(GetPrimaryKeyString(), "jobId").TenantId;
        var slice = Enumerable.Range(job.Processed, Math.Min(SliceSize, job.Total - job.Processed));
        var results = await Task.WhenAll(slice.Select(i => RunItemAsync(tenant, job.JobId, spec, i)));

        var processed = job.Processed + results.Length;
        var done = processed == job.Total;
        state.State.Job = job with
        {
            Processed = processed,
            Succeeded = job.Succeeded + results.Count(r => r.Succeeded),
            Failed = job.Failed + results.Count(r => !r.Succeeded),
            Results = job.Results.AddRange(results),
            Status = done ? BulkJobStatus.Completed : BulkJobStatus.Running,
            CompletedAt = done ? time.GetUtcNow() : null,
        };
        if (!done) GrainContext.Timers.StageRegisterOrUpdate(WorkTimer, time.GetUtcNow());
        await state.WriteStateAsync();
    }

    private async Task<BulkItemResult> RunItemAsync(string tenant, string jobId, BulkJobSpec spec, int index)
    {
        var orderId = spec.OrderIds[index];
        if (TenantKeys.CheckId(orderId, "orderId") is not null)
            return new BulkItemResult(index, orderId, false, null, ErrorCodes.OrderNotFound, $"Order {orderId} was not found.");
        var order = GrainFactory.GetGrain<IOrderGrain>(TenantKeys.For(tenant, orderId, "orderId"));
        var key = $"bulk:{jobId}:{index}";
        try
        {
            var result = spec.Operation switch
            {
                BulkOperation.AddTags => await order.ChangeTagsAsync(new ChangeTags { Actor = spec.Actor, IdempotencyKey = key, Add = spec.Tags }),
                BulkOperation.RemoveTags => await order.ChangeTagsAsync(new ChangeTags { Actor = spec.Actor, IdempotencyKey = key, Remove = spec.Tags }),
                BulkOperation.ChangePriority => await order.ChangePriorityAsync(new ChangePriority { Actor = spec.Actor, IdempotencyKey = key, Priority = spec.Priority!.Value, Reason = spec.Reason }),
                BulkOperation.Assign => await order.AssignAsync(new AssignOrder { Actor = spec.Actor, IdempotencyKey = key, Assignee = spec.Assignee, Reason = spec.Reason }),
                BulkOperation.Archive => await order.ArchiveAsync(new GrainInterfaces.Archiving.ArchiveOrder { Actor = spec.Actor, IdempotencyKey = key, Reason = spec.Reason }),
                _ => await order.PerformActionAsync(new PerformOrderAction { Actor = spec.Actor, IdempotencyKey = key, Action = spec.Action!, Reason = spec.Reason }),
            };
            return new BulkItemResult(index, orderId, true, result.Version, null, null);
        }
        catch (DomainException e)
        {
            return new BulkItemResult(index, orderId, false, null, e.Error.Code, e.Error.Reason);
        }
        catch (Exception e) when (TransientFailure.Includes(e))
        {
            // Recorded rather than retried forever; the item's key makes a new job over the same order safe to run.
            return new BulkItemResult(index, orderId, false, null, "temporarily-unavailable", e.Message);
        }
    }
}
