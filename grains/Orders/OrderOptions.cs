using Microsoft.Extensions.Options;

namespace OrderCluster.Grains.Orders;

/// <summary>Limits of the order grain (configuration section <c>Orders</c>). Every default is documented here.</summary>
public sealed class OrderOptions
{
    public const string SectionName = "Orders";

    /// <summary>Lines per order. Default 500.</summary>
    public int MaxLines { get; set; } = 500;

    /// <summary>Tags per order. Default 50.</summary>
    public int MaxTags { get; set; } = 50;

    /// <summary>Characters per tag (after normalization). Default 40.</summary>
    public int MaxTagLength { get; set; } = 40;

    /// <summary>Characters per note. Default 4,000.</summary>
    public int MaxNoteLength { get; set; } = 4_000;

    /// <summary>Notes per order. Default 10,000.</summary>
    public int MaxNotes { get; set; } = 10_000;

    /// <summary>Communication-log entries per order. Default 10,000.</summary>
    public int MaxCommunications { get; set; } = 10_000;

    /// <summary>How long an order remembers an idempotency key. Default 24 hours (the API promises at least that).</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Idempotency keys remembered per order within the retention; the oldest go first. Default 2,000.</summary>
    public int MaxIdempotencyKeys { get; set; } = 2_000;
}

internal sealed class OrderOptionsValidation : IValidateOptions<OrderOptions>
{
    public ValidateOptionsResult Validate(string? name, OrderOptions o)
    {
        var failures = new List<string>();
        Range(failures, "MaxLines", o.MaxLines, 1, 10_000);
        Range(failures, "MaxTags", o.MaxTags, 0, 1_000);
        Range(failures, "MaxTagLength", o.MaxTagLength, 1, 200);
        Range(failures, "MaxNoteLength", o.MaxNoteLength, 1, 100_000);
        Range(failures, "MaxNotes", o.MaxNotes, 0, 1_000_000);
        Range(failures, "MaxCommunications", o.MaxCommunications, 0, 1_000_000);
        Range(failures, "MaxIdempotencyKeys", o.MaxIdempotencyKeys, 0, 100_000);
        if (o.IdempotencyRetention < TimeSpan.Zero)
            failures.Add($"{OrderOptions.SectionName}:IdempotencyRetention cannot be negative (it is {o.IdempotencyRetention}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
            failures.Add($"{OrderOptions.SectionName}:{setting} must be between {min} and {max} (it is {value}).");
    }
}
