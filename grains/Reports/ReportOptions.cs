namespace OrderCluster.Grains.Reports;

/// <summary>Settings of saved reports and their scheduled delivery (section <c>Reports</c>). Every default is stated.</summary>
public sealed class ReportOptions
{
    public const string SectionName = "Reports";

    /// <summary>Saved reports per tenant (keeps the tenant's document small). Default 200.</summary>
    public int MaxPerTenant { get; set; } = 200;

    /// <summary>Attempts per scheduled time before it is logged as failed and the next one is awaited. Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Delay before the first retry; each further retry waits twice as long. Default 1 minute.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Delivery log entries kept per report, newest kept. Default 50.</summary>
    public int MaxDeliveryLog { get; set; } = 50;
}
