using OrderCluster.GrainInterfaces.Automation;
using OrderCluster.GrainInterfaces.Notifications;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Automation;

/// <summary>Carries out one step of a rule through the order's own commands (so it is audited like any other change).</summary>
internal static class AutomationActions
{
    public static async Task RunAsync(IGrainFactory grains, string orderKey, Actor actor, AutomationRule rule, AutomationAction step, OrderEvent trigger)
    {
        var order = grains.GetGrain<IOrderGrain>(orderKey);
        switch (step.Kind)
        {
            case AutomationActionKind.SetPriority:
                await order.ChangePriorityAsync(new ChangePriority { Actor = actor, Priority = Enum.Parse<OrderPriority>(step.Value, true), Reason = $"automation rule {rule.RuleId}" });
                break;
            case AutomationActionKind.AddTag:
                await order.ChangeTagsAsync(new ChangeTags { Actor = actor, Add = [step.Value] });
                break;
            case AutomationActionKind.RemoveTag:
                await order.ChangeTagsAsync(new ChangeTags { Actor = actor, Remove = [step.Value] });
                break;
            case AutomationActionKind.Assign:
                var current = await order.GetAsync();
                await order.ChangeTagsAsync(new ChangeTags
                {
                    Actor = actor, Add = [$"assigned:{step.Value}"],
                    Remove = [.. current.Tags.Where(t => t.StartsWith("assigned:", StringComparison.Ordinal) && t != $"assigned:{step.Value}")],
                });
                break;
            case AutomationActionKind.RequireApproval:
                await order.ChangeTagsAsync(new ChangeTags { Actor = actor, Add = ["approval-required"] });
                await order.PerformActionAsync(new PerformOrderAction { Actor = actor, Action = "hold", Reason = $"approval required ({rule.Name}): {step.Value}" });
                break;
            case AutomationActionKind.Transition:
                await order.PerformActionAsync(new PerformOrderAction { Actor = actor, Action = step.Value, Reason = $"automation rule {rule.RuleId}" });
                break;
            case AutomationActionKind.Notify:
            case AutomationActionKind.Webhook:
                await grains.GetGrain<INotificationOutboxGrain>(orderKey).NotifyAsync(new NotifyRequest
                {
                    EventType = step.Value, EventId = $"rule-{rule.RuleId}-{trigger.Sequence}",
                    Variables = ImmutableSortedDictionary<string, string>.Empty.Add("rule", rule.Name).Add("type", trigger.EventType),
                });
                break;
        }
    }
}
