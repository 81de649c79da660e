using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Analytics;
using OrderCluster.Api.Bulk;
using OrderCluster.Api.Customers;
using OrderCluster.Api.Drafts;
using OrderCluster.Api.Fulfilment;
using OrderCluster.Api.Imports;
using OrderCluster.Api.Orders;
using OrderCluster.Api.Reports;
using OrderCluster.Api.Returns;
using OrderCluster.Api.SavedSearches;
using OrderCluster.Api.Tenants;
using OrderCluster.Api.Warehouses;
using OrderCluster.Api.Webhooks;

namespace OrderCluster.Api.Hosting;

/// <summary>The resources under <c>/api/v1</c>, in one table of contents.</summary>
internal static class ApiResources
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapOrdersApi().MapOrderActionsApi().MapOrderEditsApi().MapOrderRecordsApi().MapOrderSplitMergeApi();
        api.MapSavedSearchesApi();
        api.MapBulkJobsApi();
        api.MapImportsApi();
        api.MapDraftsApi();
        api.MapCustomersApi();
        api.MapWarehousesApi();
        api.MapFulfilmentApi();
        api.MapReturnsApi();
        api.MapConfigurationApi();
        api.MapAutomationConfigApi();
        api.MapNotificationConfigApi();
        api.MapArchiveConfigApi();
        api.MapPolicyConfigApi();
        api.MapAnalyticsApi();
        api.MapReportsApi();
        api.MapWebhooksApi();
    }
}
