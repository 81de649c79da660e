using Microsoft.Extensions.Options;

namespace OrderCluster.Grains.Notifications;

public enum NotificationSenderKind
{
    File,
    Log,
    Smtp,
}

/// <summary>Notification settings (configuration section <c>Notifications</c>). Every default is documented here.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Which sender delivers messages. Default <c>File</c>.</summary>
    public NotificationSenderKind Sender { get; set; } = NotificationSenderKind.File;

    /// <summary>Where the file sender writes <c>{tenant}.jsonl</c>. Default <c>data/notifications</c>.</summary>
    public string Directory { get; set; } = "data/notifications";

    /// <summary>Attempts per message before it is marked failed for good. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; it doubles per attempt. Default 30 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages kept per order (oldest sent ones go first). Default 500.</summary>
    public int MaxHistory { get; set; } = 500;

    public SmtpSettings Smtp { get; set; } = new();
}

/// <summary>SMTP server for <see cref="NotificationSenderKind.Smtp"/>.</summary>
public sealed class SmtpSettings
{
    /// <summary>Host name. Required with the SMTP sender.</summary>
    public string Host { get; set; } = "";

    /// <summary>Port. Default 587.</summary>
    public int Port { get; set; } = 587;

    /// <summary>STARTTLS/SSL. Default true.</summary>
    public bool EnableSsl { get; set; } = true;

    /// <summary>Sender address. Required with the SMTP sender.</summary>
    public string From { get; set; } = "";

    public string? UserName { get; set; }

    public string? Password { get; set; }
}

internal sealed class NotificationOptionsValidation : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions o)
    {
        var failures = new List<string>();
        if (o.MaxAttempts is < 1 or > 100) failures.Add($"{NotificationOptions.SectionName}:MaxAttempts must be between 1 and 100 (it is {o.MaxAttempts}).");
        if (o.RetryBaseDelay < TimeSpan.FromSeconds(1)) failures.Add($"{NotificationOptions.SectionName}:RetryBaseDelay is at least one second (it is {o.RetryBaseDelay}).");
        if (o.MaxHistory is < 10 or > 100_000) failures.Add($"{NotificationOptions.SectionName}:MaxHistory must be between 10 and 100000 (it is {o.MaxHistory}).");
        if (string.IsNullOrWhiteSpace(o.Directory)) failures.Add($"{NotificationOptions.SectionName}:Directory is required.");
        if (o.Sender == NotificationSenderKind.Smtp)
        {
            if (string.IsNullOrWhiteSpace(o.Smtp.Host)) failures.Add($"{NotificationOptions.SectionName}:Smtp:Host is required with Sender = Smtp.");
            if (string.IsNullOrWhiteSpace(o.Smtp.From)) failures.Add($"{NotificationOptions.SectionName}:Smtp:From is required with Sender = Smtp.");
            if (o.Smtp.Port is < 1 or > 65535) failures.Add($"{NotificationOptions.SectionName}:Smtp:Port must be between 1 and 65535 (it is {o.Smtp.Port}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
