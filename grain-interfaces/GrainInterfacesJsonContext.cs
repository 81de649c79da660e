using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrderCluster.GrainInterfaces.Archiving;
using OrderCluster.GrainInterfaces.Automation;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Notifications;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Returns;
using OrderCluster.GrainInterfaces.Samples;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.GrainInterfaces.Warehouses;
using OrderCluster.GrainInterfaces.Webhooks;

namespace OrderCluster.GrainInterfaces;

/// <summary>Source-generated JSON contracts of the grain messages, results and state in this assembly.</summary>
// Read stream payloads as the runtime writes them: enums as strings, and a "type" discriminator wherever jsonb put it.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(SampleCounter))]
[JsonSerializable(typeof(SampleReminderStatus))]
// common
[JsonSerializable(typeof(DomainError))]
[JsonSerializable(typeof(PageRequest))]
// orders: commands
[JsonSerializable(typeof(CreateOrder))]
[JsonSerializable(typeof(PerformOrderAction))]
[JsonSerializable(typeof(ApproveOrder))]
[JsonSerializable(typeof(RejectOrder))]
[JsonSerializable(typeof(ChangeOrderLines))]
[JsonSerializable(typeof(ChangeFulfilment))]
[JsonSerializable(typeof(SetCustomFields))]
[JsonSerializable(typeof(ChangePriority))]
[JsonSerializable(typeof(ChangeTags))]
[JsonSerializable(typeof(AddNote))]
[JsonSerializable(typeof(EditNote))]
[JsonSerializable(typeof(LogCommunication))]
[JsonSerializable(typeof(AddAttachment))]
[JsonSerializable(typeof(RemoveAttachment))]
[JsonSerializable(typeof(ApplyFulfilment))]
[JsonSerializable(typeof(SplitOrder))]
[JsonSerializable(typeof(MergeOrder))]
[JsonSerializable(typeof(AbsorbMergedOrder))]
[JsonSerializable(typeof(AssignOrder))]
[JsonSerializable(typeof(RequireApproval))]
[JsonSerializable(typeof(RequestAutomationWebhook))]
[JsonSerializable(typeof(RecordAfterSales))]
// orders: results
[JsonSerializable(typeof(OrderCommandResult))]
[JsonSerializable(typeof(OrderSnapshot))]
[JsonSerializable(typeof(ImmutableArray<AvailableAction>))]
[JsonSerializable(typeof(AttachmentDownload))]
[JsonSerializable(typeof(Page<Note>))]
[JsonSerializable(typeof(Page<CommunicationEntry>))]
[JsonSerializable(typeof(Page<AuditEntry>))]
[JsonSerializable(typeof(Page<TimelineEntry>))]
[JsonSerializable(typeof(OrderEvent))]
[JsonSerializable(typeof(ImmutableArray<OrderEvent>))]
[JsonSerializable(typeof(ImmutableList<OrderEvent>))]
// order drafts
[JsonSerializable(typeof(OrderDraft))]
[JsonSerializable(typeof(StartDraft))]
[JsonSerializable(typeof(SaveDraftCustomer))]
[JsonSerializable(typeof(SaveDraftLines))]
[JsonSerializable(typeof(SaveDraftFulfilment))]
[JsonSerializable(typeof(GoToDraftStep))]
[JsonSerializable(typeof(SubmitDraft))]
[JsonSerializable(typeof(DiscardDraft))]
// customers
[JsonSerializable(typeof(SaveCustomerProfile))]
[JsonSerializable(typeof(SetApprovalThresholds))]
[JsonSerializable(typeof(CustomerSnapshot))]
[JsonSerializable(typeof(CustomerApprovalProfile))]
[JsonSerializable(typeof(CustomerOrderEntry))]
[JsonSerializable(typeof(Page<CustomerOrderEntry>))]
// tenants
[JsonSerializable(typeof(PublishWorkflow))]
[JsonSerializable(typeof(WorkflowDefinition))]
[JsonSerializable(typeof(ApprovalCondition))]
[JsonSerializable(typeof(PublishSlaPolicy))]
[JsonSerializable(typeof(SlaPolicy))]
[JsonSerializable(typeof(SlaOutcomeReport))]
[JsonSerializable(typeof(SlaComplianceReport))]
[JsonSerializable(typeof(PublishCustomFieldSchema))]
[JsonSerializable(typeof(CustomFieldSchema))]
[JsonSerializable(typeof(SaveOrderTemplate))]
[JsonSerializable(typeof(RemoveOrderTemplate))]
[JsonSerializable(typeof(OrderTemplate))]
[JsonSerializable(typeof(ImmutableArray<OrderTemplate>))]
// warehouses
[JsonSerializable(typeof(ConfigureWarehouse))]
[JsonSerializable(typeof(ReceiveStock))]
[JsonSerializable(typeof(AdjustStock))]
[JsonSerializable(typeof(SetUnitCost))]
[JsonSerializable(typeof(ReserveStock))]
[JsonSerializable(typeof(ReserveStockLines))]
[JsonSerializable(typeof(ImmutableArray<LineReservation>))]
[JsonSerializable(typeof(ReleaseReservation))]
[JsonSerializable(typeof(DispatchReservation))]
[JsonSerializable(typeof(RestockReturn))]
[JsonSerializable(typeof(WarehouseSnapshot))]
[JsonSerializable(typeof(StockLevel))]
[JsonSerializable(typeof(ReservationResult))]
[JsonSerializable(typeof(WarehouseAvailability))]
[JsonSerializable(typeof(ImmutableArray<StockReservation>))]
[JsonSerializable(typeof(ImmutableArray<StockMovement>))]
[JsonSerializable(typeof(ImmutableArray<string>))]
// sourcing and fulfilment
[JsonSerializable(typeof(PublishSourcingRules))]
[JsonSerializable(typeof(SourcingRules))]
[JsonSerializable(typeof(SourcingPlan))]
[JsonSerializable(typeof(AllocateOrder))]
[JsonSerializable(typeof(CreateShipments))]
[JsonSerializable(typeof(AdvanceShipment))]
[JsonSerializable(typeof(FulfilmentSnapshot))]
// returns and refunds
[JsonSerializable(typeof(RequestReturn))]
[JsonSerializable(typeof(DecideReturn))]
[JsonSerializable(typeof(ReceiveReturn))]
[JsonSerializable(typeof(RequestRefund))]
[JsonSerializable(typeof(DecideRefund))]
[JsonSerializable(typeof(PublishRefundPolicy))]
[JsonSerializable(typeof(RefundPolicy))]
[JsonSerializable(typeof(AfterSalesSnapshot))]
// archiving
[JsonSerializable(typeof(PublishArchiveRules))]
[JsonSerializable(typeof(ArchiveRules))]
[JsonSerializable(typeof(RestoreOrder))]
[JsonSerializable(typeof(ArchiveOrder))]
// notifications
[JsonSerializable(typeof(PublishNotificationTemplates))]
[JsonSerializable(typeof(NotificationTemplates))]
[JsonSerializable(typeof(NotifyRequest))]
[JsonSerializable(typeof(ImmutableArray<NotificationMessage>))]
// automation
[JsonSerializable(typeof(PublishAutomationRules))]
[JsonSerializable(typeof(AutomationRules))]
[JsonSerializable(typeof(ImmutableArray<AutomationOutcome>))]
[JsonSerializable(typeof(ImmutableArray<AutomationRuleStats>))]
[JsonSerializable(typeof(ImmutableArray<AutomationLogEntry>))]
// webhooks
[JsonSerializable(typeof(CreateWebhook))]
[JsonSerializable(typeof(UpdateWebhook))]
[JsonSerializable(typeof(RotateWebhookSecret))]
[JsonSerializable(typeof(DeleteWebhook))]
[JsonSerializable(typeof(DisableWebhook))]
[JsonSerializable(typeof(WebhookSubscription))]
[JsonSerializable(typeof(WebhookSecretIssued))]
[JsonSerializable(typeof(ImmutableArray<WebhookSubscription>))]
[JsonSerializable(typeof(ImmutableArray<WebhookRoute>))]
[JsonSerializable(typeof(WebhookTarget))]
[JsonSerializable(typeof(ImmutableArray<WebhookEvent>))]
[JsonSerializable(typeof(WebhookDeliveryQuery))]
[JsonSerializable(typeof(WebhookDelivery))]
[JsonSerializable(typeof(ImmutableArray<WebhookDelivery>))]
public sealed partial class GrainInterfacesJsonContext : JsonSerializerContext;
