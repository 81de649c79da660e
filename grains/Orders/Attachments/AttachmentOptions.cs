using Microsoft.Extensions.Options;

namespace OrderCluster.Grains.Orders.Attachments;

/// <summary>Where attachment bytes live.</summary>
public enum AttachmentStoreKind
{
    /// <summary>In grain state (the database of the silo's storage provider), one document per tenant and checksum.</summary>
    Database,

    /// <summary>In files under <see cref="AttachmentOptions.Directory"/>, one per tenant and checksum.</summary>
    Directory,
}

/// <summary>Attachment limits and storage (configuration section <c>Attachments</c>). Every default is documented here.</summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    /// <summary>The content types accepted when <see cref="AllowedContentTypes"/> is not set.</summary>
    public static readonly IReadOnlyList<string> DefaultContentTypes =
    [
        "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain", "text/csv",
        "application/json", "message/rfc822",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ];

    /// <summary><c>Database</c> (default) or <c>Directory</c>.</summary>
    public AttachmentStoreKind Store { get; set; } = AttachmentStoreKind.Database;

    /// <summary>The directory of the <c>Directory</c> store; relative paths are relative to the working directory. Default <c>data/attachments</c>.</summary>
    public string Directory { get; set; } = "data/attachments";

    /// <summary>Largest attachment accepted, in bytes. Default 10 MiB.</summary>
    public long MaxSizeBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Attachments per order. Default 50.</summary>
    public int MaxPerOrder { get; set; } = 50;

    /// <summary>Accepted content types (media types without parameters); null means <see cref="DefaultContentTypes"/>.</summary>
    public List<string>? AllowedContentTypes { get; set; }

    public IReadOnlyList<string> EffectiveContentTypes => AllowedContentTypes is { Count: > 0 } types ? types : DefaultContentTypes;
}

internal sealed class AttachmentOptionsValidation : IValidateOptions<AttachmentOptions>
{
    /// <summary>Attachment bytes travel in grain calls and state documents: keep them well below what those carry comfortably.</summary>
    public const long MaxSizeLimit = 100L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, AttachmentOptions o)
    {
        var failures = new List<string>();
        var section = AttachmentOptions.SectionName;
        if (!Enum.IsDefined(o.Store)) failures.Add($"{section}:Store must be Database or Directory (it is {o.Store}).");
        if (o.Store == AttachmentStoreKind.Directory && string.IsNullOrWhiteSpace(o.Directory))
            failures.Add($"{section}:Directory is required when {section}:Store is Directory.");
        if (o.MaxSizeBytes < 1 || o.MaxSizeBytes > MaxSizeLimit)
            failures.Add($"{section}:MaxSizeBytes must be between 1 and {MaxSizeLimit} (it is {o.MaxSizeBytes}).");
        if (o.MaxPerOrder < 0 || o.MaxPerOrder > 10_000)
            failures.Add($"{section}:MaxPerOrder must be between 0 and 10000 (it is {o.MaxPerOrder}).");
        if (o.AllowedContentTypes?.FirstOrDefault(t => !t.Contains('/') || t.Contains(';')) is { } bad)
            failures.Add($"{section}:AllowedContentTypes holds '{bad}', which is not a media type without parameters.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
