namespace OrderCluster.Api.Idempotency;

internal sealed class IdempotencyState
{
    public string? RequestHash { get; set; }

    public string? LeaseId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public StoredResponse? Response { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }
}

internal sealed class IdempotencyKeyGrain([PersistentState("idempotency")] IPersistentState<IdempotencyState> state) : Grain, IIdempotencyKeyGrain
{
    private const string ExpiryTimer = "expire";

    public async Task<IdempotencyDecision> BeginAsync(IdempotencyBegin request)
    {
        var record = state.State;
        if (record.ExpiresAt is { } expires && request.Now >= expires)
        {
            await state.ClearStateAsync();
            record = state.State;
        }

        if (record.RequestHash is null)
            return await StartAsync(request);
        if (record.RequestHash != request.RequestHash) return new IdempotencyDecision(IdempotencyOutcome.Mismatch);
        if (record.Response is not null) return new IdempotencyDecision(IdempotencyOutcome.Replay, record.Response);
        // Running: unless its lease ran out (its silo died mid-request), in which case this retry takes over.
        return request.Now - record.StartedAt < request.Lease ? new IdempotencyDecision(IdempotencyOutcome.InProgress) : await StartAsync(request);
    }

    public async Task<bool> CompleteAsync(string leaseId, StoredResponse response, DateTimeOffset now, TimeSpan retention)
    {
        if (state.State.LeaseId != leaseId || state.State.Response is not null) return false;
        var expires = now + retention;
        state.State.Response = response;
        state.State.ExpiresAt = expires;
        GrainContext.Timers.StageRegisterOrUpdate(ExpiryTimer, expires, null);
        await state.WriteStateAsync();
        return true;
    }

    public async Task AbandonAsync(string leaseId)
    {
        if (state.State.LeaseId == leaseId && state.State.Response is null) await state.ClearStateAsync();
    }

    public async Task ReceiveTimerAsync(DurableTimerTick tick)
    {
        // Only the clock decides: a stray tick before the expiry changes nothing.
        if (tick.Name == ExpiryTimer && state.State.ExpiresAt is { } expires && tick.ScheduledAt >= expires && state.RecordExists)
            await state.ClearStateAsync();
    }

    private async Task<IdempotencyDecision> StartAsync(IdempotencyBegin request)
    {
        state.State = new IdempotencyState { RequestHash = request.RequestHash, LeaseId = request.LeaseId, StartedAt = request.Now };
        await state.WriteStateAsync();
        return new IdempotencyDecision(IdempotencyOutcome.Started);
    }
}
