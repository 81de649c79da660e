using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>
/// What a command reads besides the order: the order's workflow and SLA policy versions, the customer's approval
/// profile (null when the command was not expected to evaluate approval), the tenant's current custom-field schema,
/// and the limits. Loaded by the grain before the command runs, so the domain code stays synchronous and pure.
/// </summary>
internal sealed record OrderContext(
    WorkflowDefinition Workflow,
    SlaPolicy SlaPolicy,
    CustomerApprovalProfile? Customer,
    CustomFieldSchema Schema,
    OrderOptions Options);
