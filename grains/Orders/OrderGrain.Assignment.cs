using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Orders;

/// <summary>The assignee, approval asked for by automation, automation webhooks and the after-sales record.</summary>
internal sealed partial class OrderGrain
{
    public Task<OrderCommandResult> AssignAsync(AssignOrder command) =>
        ExecuteAsync(command, Json.AssignOrder, OrderAssignment.Action, Needs.None, change =>
        {
            OrderAssignment.Assign(change, command.Assignee, command.Reason);
            return null;
        });

    public Task<OrderCommandResult> RequireApprovalAsync(RequireApproval command) =>
        ExecuteAsync(command, Json.RequireApproval, OrderApprovalRequirement.Action, Needs.None, change =>
        {
            OrderApprovalRequirement.Require(change, command.Level, command.Reason);
            return null;
        });

    public Task<OrderCommandResult> RequestAutomationWebhookAsync(RequestAutomationWebhook command) =>
        ExecuteAsync(command, Json.RequestAutomationWebhook, "automation-webhook", Needs.None, change =>
        {
            var errors = new FieldErrors();
            errors.Text("topic", command.Topic, OrderInput.MaxTextLength);
            errors.ThrowIfAny();
            change.Raise(new AutomationWebhookRequested
            {
                RuleId = command.RuleId, RuleName = command.RuleName, Topic = command.Topic.Trim(),
                TriggerEventType = command.TriggerEventType, TriggerSequence = command.TriggerSequence,
            });
            return null;
        });

    public Task<OrderCommandResult> RecordAfterSalesAsync(RecordAfterSales command) =>
        ExecuteAsync(command, Json.RecordAfterSales, OrderAfterSalesRecording.Action, Needs.None, change =>
        {
            OrderAfterSalesRecording.Record(change, command);
            return null;
        });
}
