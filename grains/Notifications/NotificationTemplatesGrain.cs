using OrderCluster.GrainInterfaces.Notifications;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Notifications;

public sealed record NotificationTemplatesState
{
    public int SchemaVersion { get; init; } = 1;

    public ImmutableList<NotificationTemplates> Published { get; init; } = [];
}

/// <summary>A tenant's notification templates, keyed <c>{tenant}</c>, versioned; version 0 has none.</summary>
internal sealed class NotificationTemplatesGrain(
    [PersistentState("notification-templates")] IPersistentState<NotificationTemplatesState> state) : Grain, INotificationTemplatesGrain
{
    public async Task<NotificationTemplates> PublishAsync(PublishNotificationTemplates command)
    {
        TenantKeys.ParseTenant(GetPrimaryKeyString());
        if (command.ExpectedVersion is { } expected && expected != Current.Version)
            throw new VersionConflictException("notification templates", expected, Current.Version);
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        var templates = command.Templates.IsDefault ? [] : command.Templates;
        for (var i = 0; i < templates.Length; i++)
        {
            var t = templates[i];
            errors.Add(TenantKeys.CheckId(t.TemplateId, $"templates[{i}].templateId"));
            errors.Text($"templates[{i}].eventType", t.EventType, 100);
            errors.Text($"templates[{i}].recipient", t.Recipient, 500);
            errors.Text($"templates[{i}].subject", t.Subject, 500, required: t.Channel == NotificationChannel.Email);
            errors.Text($"templates[{i}].body", t.Body, 20_000, multiline: true);
        }

        if (templates.GroupBy(t => t.TemplateId).Any(g => g.Count() > 1)) errors.Add("templates", "duplicate-id", "Template ids are unique.");
        errors.ThrowIfAny();
        var published = new NotificationTemplates { Version = Current.Version + 1, Templates = templates, PublishedBy = command.Actor };
        state.State = state.State with { Published = state.State.Published.Add(published) };
        await state.WriteStateAsync();
        return published;
    }

    public Task<NotificationTemplates> GetCurrentAsync() => Task.FromResult(Current);

    private NotificationTemplates Current => state.State.Published.IsEmpty ? new NotificationTemplates() : state.State.Published[^1];
}
