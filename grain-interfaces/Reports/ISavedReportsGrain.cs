namespace OrderCluster.GrainInterfaces.Reports;

public enum ReportFrequency
{
    Daily,
    Weekly,
}

/// <summary>The day of a weekly schedule (as JSON: <c>monday</c> … <c>sunday</c>).</summary>
public enum ReportWeekday
{
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

public enum ReportDeliveryChannel
{
    Email,
    Webhook,
}

/// <summary>
/// When and where a saved report is delivered as CSV: daily or weekly (on <see cref="Day"/>) at <see cref="At"/> (<c>HH:mm</c>,
/// UTC), by e-mail to <see cref="Email"/> (the notification sender) or to the tenant's webhook subscription <see cref="WebhookSubscriptionId"/>
/// (its URL, signed with its secret).
/// </summary>
public sealed record ReportSchedule
{
    public ReportFrequency Frequency { get; init; } = ReportFrequency.Daily;

    public required string At { get; init; }

    public ReportWeekday? Day { get; init; }

    public ReportDeliveryChannel Channel { get; init; } = ReportDeliveryChannel.Email;

    public string? Email { get; init; }

    public string? WebhookSubscriptionId { get; init; }
}

/// <summary>A report a tenant saved: its definition, version (the ETag), optional schedule and when it is next due.</summary>
public sealed record SavedReport
{
    public required string ReportId { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required ReportDefinition Definition { get; init; }

    public long Version { get; init; }

    public string? SavedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public ReportSchedule? Schedule { get; init; }

    /// <summary>The scheduled time being delivered next (a retry keeps it), null without a schedule.</summary>
    public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>When the next attempt runs: the due time, or a retry's back-off.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Failed attempts at <see cref="NextDueAt"/> so far.</summary>
    public int FailedAttempts { get; init; }
}

/// <summary>Creates or replaces a saved report's name, description and definition.</summary>
public sealed record SaveReport
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required ReportDefinition Definition { get; init; }

    public string? SavedBy { get; init; }
}

public enum ReportDeliveryStatus
{
    Sent,
    Failed,
}

/// <summary>One delivery attempt of a scheduled time: sent, or failed with the reason (and whether it is retried).</summary>
public sealed record ReportDelivery
{
    public required string DeliveryId { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public int Attempt { get; init; }

    public DateTimeOffset At { get; init; }

    public ReportDeliveryStatus Status { get; init; }

    public ReportDeliveryChannel Channel { get; init; }

    public required string Recipient { get; init; }

    public string? Error { get; init; }

    public int Rows { get; init; }

    public int Bytes { get; init; }

    /// <summary>When this scheduled time is tried again (null: sent, or given up after the last attempt).</summary>
    public DateTimeOffset? RetryAt { get; init; }
}

/// <summary>A saved report's delivery log (newest first) and what is due next.</summary>
public sealed record ReportDeliveryLog(string ReportId, DateTimeOffset? NextDueAt, DateTimeOffset? NextAttemptAt, ImmutableArray<ReportDelivery> Deliveries);

/// <summary>
/// A tenant's saved reports (key <c>{tenant}</c>), persisted, each versioned; and their scheduled deliveries on the durable timer
/// <c>deliver</c>, which survives silo restarts. An id this tenant does not have is <see cref="NotFoundException"/> (<c>report-not-found</c>).
/// </summary>
public interface ISavedReportsGrain : IGrainWithStringKey, IRemindable
{
    Task<SavedReport> CreateAsync(SaveReport command);

    /// <summary>With <paramref name="expectedVersion"/>, only if the report is still at that version (else <see cref="VersionConflictException"/>).</summary>
    Task<SavedReport> UpdateAsync(string reportId, SaveReport command, long? expectedVersion);

    Task DeleteAsync(string reportId, long? expectedVersion);

    /// <summary>Sets (or with null removes) the schedule; the next due time is computed from now.</summary>
    Task<SavedReport> ScheduleAsync(string reportId, ReportSchedule? schedule, long? expectedVersion);

    [ReadOnly]
    Task<SavedReport> GetAsync(string reportId);

    [ReadOnly]
    Task<ImmutableArray<SavedReport>> ListAsync();

    [ReadOnly]
    Task<ReportDeliveryLog> GetDeliveriesAsync(string reportId);
}

public static class ReportErrorCodes
{
    public const string NotFound = "report-not-found";
    public const string InvalidSchedule = "invalid-schedule";
}
