namespace OrderCluster.GrainInterfaces.Tenants;

public enum CustomFieldType
{
    String,
    Number,
    Boolean,
    Date,
    Enum,
}

/// <summary>
/// One custom field. <see cref="Min"/>/<see cref="Max"/> bound a number's value and a string's length;
/// <see cref="Pattern"/> (a .NET regular expression, matched whole) applies to strings; <see cref="AllowedValues"/>
/// lists an enum's values; <see cref="Default"/> fills the field on new orders that leave it out.
/// </summary>
public sealed record CustomFieldDefinition
{
    /// <summary>An identifier: a letter, then letters, digits or '_' (at most 64); the path is <c>customFields.{name}</c>.</summary>
    public required string Name { get; init; }

    public string? Label { get; init; }

    public CustomFieldType Type { get; init; }

    public bool Required { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public string? Pattern { get; init; }

    public ImmutableArray<string> AllowedValues { get; init; } = [];

    public CustomFieldValue? Default { get; init; }
}

/// <summary>
/// A tenant's custom-field schema. Publishing creates a new version; orders keep the values they have (a changed
/// schema never rewrites them), and a newly required field applies to new orders and to later custom-field edits.
/// </summary>
public sealed record CustomFieldSchema
{
    public int Version { get; init; }

    public ImmutableArray<CustomFieldDefinition> Fields { get; init; } = [];

    public Actor? PublishedBy { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public CustomFieldDefinition? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);
}

public sealed record PublishCustomFieldSchema
{
    public required Actor Actor { get; init; }

    public int? ExpectedVersion { get; init; }

    public ImmutableArray<CustomFieldDefinition> Fields { get; init; } = [];
}

/// <summary>A tenant's custom-field schemas, keyed <c>{tenant}</c>; version 0 is the empty schema.</summary>
public interface ICustomFieldSchemaGrain : IGrainWithStringKey
{
    /// <summary>Validates the definitions (errors name fields like <c>fields[2].pattern</c>) and publishes them as a new version.</summary>
    Task<CustomFieldSchema> PublishAsync(PublishCustomFieldSchema command);

    [ReadOnly]
    Task<CustomFieldSchema> GetCurrentAsync();

    [ReadOnly]
    Task<CustomFieldSchema> GetVersionAsync(int version);
}
