using Microsoft.Extensions.Options;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Tenants;

public sealed record OrderTemplatesState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableSortedDictionary<string, OrderTemplate> Templates { get; init; } = ImmutableSortedDictionary<string, OrderTemplate>.Empty;
}

/// <summary>A tenant's order templates, keyed <c>{tenant}</c>. Saving replaces a template of the same id.</summary>
internal sealed class OrderTemplatesGrain(
    [PersistentState("templates")] IPersistentState<OrderTemplatesState> state,
    IOptions<OrderOptions> options,
    TimeProvider time) : Grain, IOrderTemplatesGrain
{
    public const int MaxTemplates = 500;

    public async Task<OrderTemplate> SaveAsync(SaveOrderTemplate command)
    {
        var tenant = TenantKeys.ParseTenant(GetPrimaryKeyString());
        var template = command.Template;
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        errors.Add(TenantKeys.CheckId(template.TemplateId, "template.templateId"));
        errors.Text("template.name", template.Name, OrderInput.MaxNameLength);
        errors.Currency("template.currency", template.Currency);
        if (template.Channel is not null) OrderInput.Channel(errors, template.Channel, "template.channel");
        OrderInput.Lines(errors, template.Lines, options.Value.MaxLines, "template.lines");
        if (template.Shipping is not null) OrderInput.Shipping(errors, template.Shipping, "template.shipping");
        OrderInput.Priority(errors, template.Priority, "template.priority");
        var tags = TagRules.NormalizeAll(errors, template.Tags, options.Value.MaxTagLength, "template.tags");
        var schema = await GrainFactory.GetGrain<ICustomFieldSchemaGrain>(tenant).GetCurrentAsync();
        CustomFieldRules.ValidateValues(errors, schema, CustomFieldRules.AsWrites(template.CustomFields), "template.customFields");
        if (!state.State.Templates.ContainsKey(template.TemplateId) && state.State.Templates.Count >= MaxTemplates)
            errors.Add("template.templateId", "too-many", $"A tenant has at most {MaxTemplates} templates.");
        errors.ThrowIfAny();

        var saved = template with { Tags = [.. tags], UpdatedBy = command.Actor, UpdatedAt = time.GetUtcNow() };
        state.State = state.State with { Templates = state.State.Templates.SetItem(saved.TemplateId, saved) };
        await state.WriteStateAsync();
        return saved;
    }

    public async Task RemoveAsync(RemoveOrderTemplate command)
    {
        TenantKeys.ParseTenant(GetPrimaryKeyString());
        Find(command.TemplateId);
        state.State = state.State with { Templates = state.State.Templates.Remove(command.TemplateId) };
        await state.WriteStateAsync();
    }

    public Task<OrderTemplate> GetAsync(string templateId) => Task.FromResult(Find(templateId));

    public Task<ImmutableArray<OrderTemplate>> ListAsync() => Task.FromResult(state.State.Templates.Values.ToImmutableArray());

    private OrderTemplate Find(string templateId) =>
        state.State.Templates.GetValueOrDefault(templateId)
        ?? throw new NotFoundException(ErrorCodes.TemplateNotFound, $"No order template '{templateId}'.", "templateId");
}
