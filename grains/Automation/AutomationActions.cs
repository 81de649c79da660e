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
                await order.AssignAsync(new AssignOrder { Actor = actor, Assignee = step.Value, Reason = $"automation rule {rule.RuleId}" });
                break;
            case AutomationActionKind.RequireApproval:
                await order.RequireApprovalAsync(new RequireApproval { Actor = actor, Reason = $"approval required by automation rule {rule.Name}: {step.Value}" });
                break;
            case AutomationActionKind.Transition:
                await order.PerformActionAsync(new PerformOrderAction { Actor = actor, Action = step.Value, Reason = $"automation rule {rule.RuleId}" });
                break;
            case AutomationActionKind.Notify:
                await grains.GetGrain<INotificationOutboxGrain>(orderKey).NotifyAsync(new NotifyRequest
                {
                    EventType = step.Value, EventId = $"rule-{rule.RuleId}-{trigger.Sequence}",
                    Variables = ImmutableSortedDictionary<string, string>.Empty.Add("rule", rule.Name).Add("type", trigger.EventType),
                });
                break;
            case AutomationActionKind.Webhook:
                // An order event of its own, so the webhook delivery signs, retries and logs it like any other (the key makes a re-run a no-op).
                await order.RequestAutomationWebhookAsync(new RequestAutomationWebhook
                {
                    Actor = actor, IdempotencyKey = WebhookKey(rule, trigger), RuleId = rule.RuleId, RuleName = rule.Name, Topic = step.Value,
                    TriggerEventType = trigger.EventType, TriggerSequence = trigger.Sequence,
                });
                break;
        }
    }

    /// <summary>One webhook per rule and triggering event; hashed when rule id and sequence would not fit an idempotency key.</summary>
    private static string WebhookKey(AutomationRule rule, OrderEvent trigger)
    {
        var key = $"automation-webhook:{rule.RuleId}:{trigger.Sequence}";
        return key.Length <= TenantKeys.MaxReferenceLength && key.All(c => c is > ' ' and <= '~')
            ? key
            : $"automation-webhook:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32]}";
    }
}
