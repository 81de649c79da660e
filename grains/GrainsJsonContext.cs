using System.Text.Json;
using System.Text.Json.Serialization;
using OrderCluster.Grains.Archiving;
using OrderCluster.Grains.Automation;
using OrderCluster.Grains.Customers;
using OrderCluster.Grains.Fulfilment;
using OrderCluster.Grains.Fulfilment.Sourcing;
using OrderCluster.Grains.Notifications;
using OrderCluster.Grains.Orders;
using OrderCluster.Grains.Orders.Attachments;
using OrderCluster.Grains.Orders.Drafts;
using OrderCluster.Grains.Samples;
using OrderCluster.Grains.Returns;
using OrderCluster.Grains.Tenants;
using OrderCluster.Grains.Warehouses;
using OrderCluster.Grains.Webhooks;

namespace OrderCluster.Grains;

/// <summary>Source-generated JSON contracts of grain state in this assembly.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SampleCounterState))]
[JsonSerializable(typeof(SampleReminderState))]
[JsonSerializable(typeof(OrderState))]
[JsonSerializable(typeof(ClientReferenceState))]
[JsonSerializable(typeof(OrderDraftState))]
[JsonSerializable(typeof(AttachmentContentState))]
[JsonSerializable(typeof(CustomerState))]
[JsonSerializable(typeof(WorkflowDefinitionsState))]
[JsonSerializable(typeof(SlaPoliciesState))]
[JsonSerializable(typeof(CustomFieldSchemaState))]
[JsonSerializable(typeof(SlaReportState))]
[JsonSerializable(typeof(OrderTemplatesState))]
[JsonSerializable(typeof(WarehouseState))]
[JsonSerializable(typeof(WarehouseDirectoryState))]
[JsonSerializable(typeof(SourcingRulesState))]
[JsonSerializable(typeof(FulfilmentState))]
[JsonSerializable(typeof(ReturnsState))]
[JsonSerializable(typeof(RefundPolicyState))]
[JsonSerializable(typeof(ArchiveRulesState))]
[JsonSerializable(typeof(NotificationTemplatesState))]
[JsonSerializable(typeof(NotificationOutboxState))]
[JsonSerializable(typeof(AutomationRulesState))]
[JsonSerializable(typeof(AutomationStatsState))]
[JsonSerializable(typeof(OrderAutomationState))]
[JsonSerializable(typeof(WebhookSubscriptionsState))]
[JsonSerializable(typeof(WebhookDeliveryState))]
public sealed partial class GrainsJsonContext : JsonSerializerContext;
