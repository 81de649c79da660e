using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.GrainInterfaces.Reports;

namespace OrderCluster.Grains.Reports;

public sealed record SavedReportsState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableList<SavedReport> Reports { get; init; } = [];

    /// <summary>Delivery logs by report id, newest first.</summary>
    public ImmutableDictionary<string, ImmutableList<ReportDelivery>> Deliveries { get; init; } = ImmutableDictionary<string, ImmutableList<ReportDelivery>>.Empty;
}

/// <summary>
/// A tenant's saved reports (key <c>{tenant}</c>, see <see cref="ISavedReportsGrain"/>). Scheduled deliveries share one durable
/// timer, <c>deliver</c>, set for the earliest next attempt of any report; a tick runs each due report as of its scheduled
/// time (so a relative range means the same rows however late the tick is), sends its CSV, and commits the outcome before the
/// next: a scheduled time is sent once, and a restart resumes from the stored next due times.
/// </summary>
internal sealed class SavedReportsGrain(
    [PersistentState("saved-reports")] IPersistentState<SavedReportsState> state,
    ReportSender sender,
    IOptions<ReportOptions> options,
    TimeProvider time,
    ILogger<SavedReportsGrain> logger) : Grain, ISavedReportsGrain
{
    public const string DeliverTimer = "deliver";

    private string Tenant => TenantKeys.ParseTenant(GetPrimaryKeyString());

    public async Task<SavedReport> CreateAsync(SaveReport command)
    {
        var now = time.GetUtcNow();
        Validate(command, now);
        if (state.State.Reports.Count >= options.Value.MaxPerTenant)
            throw new OrderRuleViolationException(ErrorCodes.LimitReached, $"A tenant keeps at most {options.Value.MaxPerTenant} saved reports.");
        var report = new SavedReport
        {
            ReportId = "rpt_" + Guid.NewGuid().ToString("N")[..16], Name = command.Name.Trim(), Description = command.Description, Definition = command.Definition,
            Version = 1, SavedBy = command.SavedBy, CreatedAt = now, UpdatedAt = now,
        };
        await WriteStateOrReloadAsync(state, state.State with { Reports = state.State.Reports.Add(report) });
        return report;
    }

    public async Task<SavedReport> UpdateAsync(string reportId, SaveReport command, long? expectedVersion)
    {
        var current = Find(reportId, expectedVersion);
        Validate(command, time.GetUtcNow());
        var next = current with
        {
            Name = command.Name.Trim(), Description = command.Description, Definition = command.Definition, SavedBy = command.SavedBy ?? current.SavedBy,
            Version = current.Version + 1, UpdatedAt = time.GetUtcNow(),
        };
        await WriteStateOrReloadAsync(state, state.State with { Reports = state.State.Reports.Replace(current, next) });
        return next;
    }

    public async Task DeleteAsync(string reportId, long? expectedVersion)
    {
        var current = Find(reportId, expectedVersion);
        await WriteStateOrReloadAsync(state, state.State with { Reports = state.State.Reports.Remove(current), Deliveries = state.State.Deliveries.Remove(reportId) });
        await ScheduleTimerAsync();
    }

    public async Task<SavedReport> ScheduleAsync(string reportId, ReportSchedule? schedule, long? expectedVersion)
    {
        var current = Find(reportId, expectedVersion);
        if (schedule is not null)
        {
            var errors = ReportSchedules.Check(schedule);
            if (!errors.IsEmpty) throw new ValidationFailedException(errors);
            if (schedule.Channel == ReportDeliveryChannel.Webhook)
            {
                try
                {
                    await GrainFactory.GetGrain<GrainInterfaces.Webhooks.IWebhookSubscriptionsGrain>(Tenant).GetAsync(schedule.WebhookSubscriptionId!);
                }
                catch (NotFoundException)
                {
                    throw ValidationFailedException.For("webhookSubscriptionId", ReportErrorCodes.InvalidSchedule, $"The tenant has no webhook subscription '{schedule.WebhookSubscriptionId}'.");
                }
            }
        }

        var now = time.GetUtcNow();
        var due = schedule is null ? (DateTimeOffset?)null : ReportSchedules.NextAfter(schedule, now);
        var next = current with { Schedule = schedule, NextDueAt = due, NextAttemptAt = due, FailedAttempts = 0, Version = current.Version + 1, UpdatedAt = now };
        await WriteStateOrReloadAsync(state, state.State with { Reports = state.State.Reports.Replace(current, next) });
        ReportLog.Scheduled(logger, Tenant, reportId, schedule is null ? "none" : $"{schedule.Frequency} {schedule.Day} {schedule.At} UTC to {ReportSchedules.RecipientOf(schedule)}", due);
        await ScheduleTimerAsync();
        return next;
    }

    public Task<SavedReport> GetAsync(string reportId) => Task.FromResult(Find(reportId, null));

    public Task<ImmutableArray<SavedReport>> ListAsync() =>
        Task.FromResult(state.State.Reports.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.ReportId, StringComparer.Ordinal).ToImmutableArray());

    public Task<ReportDeliveryLog> GetDeliveriesAsync(string reportId)
    {
        var report = Find(reportId, null);
        return Task.FromResult(new ReportDeliveryLog(reportId, report.NextDueAt, report.NextAttemptAt, [.. state.State.Deliveries.GetValueOrDefault(reportId) ?? []]));
    }

    public async Task ReceiveTimerAsync(DurableTimerTick tick)
    {
        if (tick.Name != DeliverTimer) return;
        var now = time.GetUtcNow();
        foreach (var id in state.State.Reports.Where(r => r.NextAttemptAt <= now).OrderBy(r => r.NextAttemptAt).Select(r => r.ReportId).ToList())
            await DeliverAsync(id);
        await ScheduleTimerAsync();
    }

    /// <summary>Runs one due report as of its scheduled time, sends it, and commits the outcome (next due time, or a retry).</summary>
    private async Task DeliverAsync(string reportId)
    {
        if (state.State.Reports.Find(r => r.ReportId == reportId) is not { Schedule: { } schedule, NextDueAt: { } dueAt } report) return;
        var attempt = report.FailedAttempts + 1;
        var deliveryId = $"rdl_{reportId[4..]}_{dueAt.ToUnixTimeSeconds()}_{attempt}";
        var recipient = ReportSchedules.RecipientOf(schedule);
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow();
        ReportDelivery entry;
        SavedReport next;
        try
        {
            var result = await ReportRunner.RunAsync(GrainFactory, Tenant, report.Definition, dueAt, reportId, report.Name);
            var csv = ReportCsv.Write(result);
            await sender.SendAsync(schedule, new ReportMessage(Tenant, reportId, report.Name, deliveryId, dueAt, csv), CancellationToken.None);
            var following = ReportSchedules.NextAfter(schedule, Max(dueAt, now));
            entry = new ReportDelivery
            {
                DeliveryId = deliveryId, DueAt = dueAt, Attempt = attempt, At = now, Status = ReportDeliveryStatus.Sent, Channel = schedule.Channel,
                Recipient = recipient, Rows = result.Rows.Length, Bytes = System.Text.Encoding.UTF8.GetByteCount(csv),
            };
            next = report with { NextDueAt = following, NextAttemptAt = following, FailedAttempts = 0 };
            ReportMetrics.Delivered.Add(1);
            ReportLog.Delivered(logger, Tenant, reportId, dueAt, recipient, entry.Rows, entry.Bytes);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Given up after the last attempt: the next scheduled time is awaited; else retried with doubling back-off.
            var giveUp = attempt >= options.Value.MaxAttempts;
            var retryAt = giveUp ? (DateTimeOffset?)null : now + options.Value.RetryBaseDelay * Math.Pow(2, attempt - 1);
            var following = ReportSchedules.NextAfter(schedule, Max(dueAt, now));
            entry = new ReportDelivery
            {
                DeliveryId = deliveryId, DueAt = dueAt, Attempt = attempt, At = now, Status = ReportDeliveryStatus.Failed, Channel = schedule.Channel,
                Recipient = recipient, Error = Describe(ex), RetryAt = retryAt,
            };
            next = giveUp
                ? report with { NextDueAt = following, NextAttemptAt = following, FailedAttempts = 0 }
                : report with { NextAttemptAt = retryAt, FailedAttempts = attempt };
            ReportMetrics.Failed.Add(1);
            ReportLog.DeliveryFailed(logger, Tenant, reportId, dueAt, recipient, attempt, entry.Error!, retryAt);
        }

        ReportMetrics.RunDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var log = (state.State.Deliveries.GetValueOrDefault(reportId) ?? []).Insert(0, entry);
        if (log.Count > options.Value.MaxDeliveryLog) log = log.RemoveRange(options.Value.MaxDeliveryLog, log.Count - options.Value.MaxDeliveryLog);
        await WriteStateOrReloadAsync(state, state.State with { Reports = state.State.Reports.Replace(report, next), Deliveries = state.State.Deliveries.SetItem(reportId, log) });
    }

    /// <summary>Sets the one timer for the earliest next attempt, or removes it when nothing is scheduled.</summary>
    private async Task ScheduleTimerAsync()
    {
        var next = state.State.Reports.Where(r => r.NextAttemptAt is not null).Select(r => r.NextAttemptAt!.Value).DefaultIfEmpty().Min();
        if (next != default) await RegisterOrUpdateTimerAsync(DeliverTimer, next);
        else await UnregisterTimerAsync(DeliverTimer);
    }

    private SavedReport Find(string reportId, long? expectedVersion)
    {
        var report = state.State.Reports.Find(r => r.ReportId == reportId)
                     ?? throw new NotFoundException(ReportErrorCodes.NotFound, $"There is no saved report '{reportId}'.", "reportId");
        if (expectedVersion is { } expected && expected != report.Version) throw new VersionConflictException("report", expected, report.Version);
        return report;
    }

    private static void Validate(SaveReport command, DateTimeOffset now)
    {
        var errors = ReportValidation.Check(command.Definition, now).ToBuilder();
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > 200) errors.Insert(0, new FieldError("name", "invalid-report", "name must be 1–200 characters."));
        if (command.Description is { Length: > 2_000 }) errors.Add(new FieldError("description", "invalid-report", "description is at most 2000 characters."));
        if (errors.Count > 0) throw new ValidationFailedException(errors);
    }

    private static string Describe(Exception ex)
    {
        var text = ex is DomainException d ? d.Error.Reason
            : ex is HttpRequestException { InnerException: { } inner, StatusCode: null } ? $"{ex.Message} {inner.Message}" // e.g. the address guard's refusal
            : ex is TaskCanceledException ? "timed out" : ex.Message;
        text = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return text.Length <= 300 ? text : text[..300];
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
