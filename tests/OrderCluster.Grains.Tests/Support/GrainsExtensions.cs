using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Runtime;

namespace OrderCluster.Grains.Tests.Support;

/// <summary>Shorthand for reaching the domain grains of a tenant.</summary>
public static class GrainsExtensions
{
    public static IOrderGrain Order(this IGrainFactory grains, string tenant, string orderId) =>
        grains.GetGrain<IOrderGrain>(TenantKeys.For(tenant, orderId));

    public static ICustomerGrain Customer(this IGrainFactory grains, string tenant, string customerId) =>
        grains.GetGrain<ICustomerGrain>(TenantKeys.For(tenant, customerId));

    public static IOrderDraftGrain Draft(this IGrainFactory grains, string tenant, string draftId) =>
        grains.GetGrain<IOrderDraftGrain>(TenantKeys.For(tenant, draftId));

    public static IClientReferenceGrain Reference(this IGrainFactory grains, string tenant, string reference) =>
        grains.GetGrain<IClientReferenceGrain>(TenantKeys.ForReference(tenant, reference));

    public static IWorkflowDefinitionsGrain Workflows(this IGrainFactory grains, string tenant) =>
        grains.GetGrain<IWorkflowDefinitionsGrain>(TenantKeys.ForTenant(tenant));

    public static ISlaPoliciesGrain SlaPolicies(this IGrainFactory grains, string tenant) =>
        grains.GetGrain<ISlaPoliciesGrain>(TenantKeys.ForTenant(tenant));

    public static ISlaReportGrain SlaReport(this IGrainFactory grains, string tenant) =>
        grains.GetGrain<ISlaReportGrain>(TenantKeys.ForTenant(tenant));

    public static ICustomFieldSchemaGrain CustomFields(this IGrainFactory grains, string tenant) =>
        grains.GetGrain<ICustomFieldSchemaGrain>(TenantKeys.ForTenant(tenant));

    public static IOrderTemplatesGrain Templates(this IGrainFactory grains, string tenant) =>
        grains.GetGrain<IOrderTemplatesGrain>(TenantKeys.ForTenant(tenant));
}
