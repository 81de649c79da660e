using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Tenants;

public sealed record CustomFieldSchemaState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableList<CustomFieldSchema> Published { get; init; } = [];
}

/// <summary>A tenant's custom-field schemas, keyed <c>{tenant}</c>; version 0 is the empty schema.</summary>
internal sealed class CustomFieldSchemaGrain(
    [PersistentState("custom-fields")] IPersistentState<CustomFieldSchemaState> state,
    TimeProvider time) : Grain, ICustomFieldSchemaGrain
{
    private static readonly CustomFieldSchema Empty = new() { Version = 0 };

    public async Task<CustomFieldSchema> PublishAsync(PublishCustomFieldSchema command)
    {
        TenantKeys.ParseTenant(GetPrimaryKeyString());
        var current = Current;
        if (command.ExpectedVersion is { } expected && expected != current.Version)
            throw new VersionConflictException("custom-field schema", expected, current.Version);
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        CustomFieldRules.ValidateDefinitions(errors, command.Fields.IsDefault ? [] : command.Fields);
        errors.ThrowIfAny();

        var published = new CustomFieldSchema
        {
            Version = current.Version + 1, Fields = command.Fields, PublishedBy = command.Actor, PublishedAt = time.GetUtcNow(),
        };
        state.State = state.State with { Published = state.State.Published.Add(published) };
        await state.WriteStateAsync();
        return published;
    }

    public Task<CustomFieldSchema> GetCurrentAsync() => Task.FromResult(Current);

    public Task<CustomFieldSchema> GetVersionAsync(int version)
    {
        if (version == 0) return Task.FromResult(Empty);
        return Task.FromResult(state.State.Published.FirstOrDefault(s => s.Version == version)
                               ?? throw new NotFoundException(ErrorCodes.ConfigurationVersionNotFound, $"No custom-field schema version {version}.", "version"));
    }

    private CustomFieldSchema Current => state.State.Published.IsEmpty ? Empty : state.State.Published[^1];
}
