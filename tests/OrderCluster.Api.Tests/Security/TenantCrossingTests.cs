using System.Net;
using System.Text;
using System.Text.Json;
using OrderCluster.Api.Tests.Customers;
using OrderCluster.Api.Tests.Fulfilment;
using OrderCluster.Api.Tests.Support;
using OrderCluster.Api.Tests.Tenants;
using OrderCluster.Testing;

namespace OrderCluster.Api.Tests.Security;

/// <summary>
/// Tenant A (a fresh tenant) owns one of every resource: an order with a shipment, a note, an attachment, a return and
/// a refund, a customer, a warehouse and its SKU, a webhook, an API key, a saved search, a report, a user, a bulk job,
/// an import, a draft and an order template. Every route of the route table with an id parameter, filled with A's ids,
/// answers tenant B's admin key 404 problem details on reads and deletes, and never 2xx, 403 or 5xx on writes (but for
/// the upserts named below, which may create B's own resource of that id); no answer shows
/// an id of A's but those in its path; A's resources read the same before and after; and no list, search or analytics answer of B contains any of A's ids.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TenantCrossingTests(ApiCluster api)
{
    /// <summary>Parameters that name no resource of a tenant (a forecast grain, a configuration version, the document name).</summary>
    private static readonly string[] NotTenantIds = ["grain", "version", "documentName"];

    /// <summary>
    /// Writes whose id names a resource the caller's tenant may create by that id (an upsert): B's call may make B's own
    /// customer thresholds or saved search of that name, which the leak check and A's unchanged reads show are not A's.
    /// </summary>
    private static readonly string[] Upserts = ["PUT /api/v1/customers/{customerId}/approval-thresholds", "PUT /api/v1/saved-searches/{name}"];

    [Fact]
    public async Task Tenant_b_gets_404_for_every_id_of_tenant_a_and_never_sees_a_in_its_lists()
    {
        var tenantA = await FreshTenant.CreateAsync(api);
        using var a = api.Client(tenantA.AdminKey);
        using var b = api.Client(ApiCluster.GlobexAdminKey);
        var ids = await CreateEverythingAsync(a);
        var probes = Probes(ids);
        var before = await ReadAllAsync(a, probes);

        var failures = new List<string>();
        var crossed = 0;
        // Reads first, then deletes, then writes: an upsert by B must not turn a later read of the same id into B's own resource.
        foreach (var route in RouteTable.Api(api).Where(r => !r.Anonymous && r.Parameters.Any(p => !NotTenantIds.Contains(p))).OrderBy(r => r.Method switch { "GET" => 0, "DELETE" => 1, _ => 2 }))
        {
            var path = route.Fill(p => IdOf(route, p, ids)) + RequiredQuery(route, ids);
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
            if (route.TakesBody) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await b.SendAsync(request);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            crossed++;
            if (Upserts.Contains(route.ToString()))
            {
                if (status is 403 or >= 500) failures.Add($"{route.Method} {path}: {status} {Short(text)}");
            }
            else if (route.IsWrite && route.Method != "DELETE")
            {
                if (status is < 400 or 403 or >= 500) failures.Add($"{route.Method} {path}: {status} {Short(text)}");
            }
            else if (status != 404 || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{route.Method} {path}: {status} {Short(text)}");
            if (ids.Values.FirstOrDefault(id => id.Length > 6 && text.Contains(id, StringComparison.Ordinal) && !path.Contains(Uri.EscapeDataString(id), StringComparison.Ordinal)) is { } leaked)
                failures.Add($"{route.Method} {path} shows A's {leaked}: {Short(text)}");
        }

        var after = await ReadAllAsync(a, probes);
        var changed = probes.Where(p => before[p] != after[p]).Select(p => $"{p}: {Short(before[p])} -> {Short(after[p])}").ToList();
        Assert.True(crossed > 60, $"only {crossed} routes with ids");
        Assert.True(failures.Count == 0, $"{failures.Count} of {crossed} routes crossed tenants:\n{string.Join("\n", failures)}");
        Assert.True(changed.Count == 0, "tenant A's resources changed:\n" + string.Join("\n", changed));
    }

    [Fact]
    public async Task No_list_search_or_analytics_answer_of_tenant_b_contains_an_id_of_tenant_a()
    {
        var tenantA = await FreshTenant.CreateAsync(api);
        using var a = api.Client(tenantA.AdminKey);
        using var b = api.Client(ApiCluster.GlobexAdminKey);
        var ids = await CreateEverythingAsync(a);
        // A's order is searchable in A: B's searches run once the read model has it.
        await SearchProjection.ListedAsync(a, $"/api/v1/orders?tag={ids["tag"]}", 1);
        var queries = new[]
        {
            "", $"?q={ids["orderId"]}", $"?customerId={ids["customerId"]}", $"?tag={ids["tag"]}", "?archived=true",
        };

        var failures = new List<string>();
        var lists = RouteTable.Api(api).Where(r => r.Method == "GET" && r.Parameters.All(NotTenantIds.Contains)).ToList();
        foreach (var route in lists)
        foreach (var query in queries)
        {
            var path = route.Fill(p => p == "grain" ? "day" : "1") + query;
            using var response = await b.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500) failures.Add($"{path}: {(int)response.StatusCode}");
            foreach (var (name, id) in ids.Where(i => i.Value.Length > 6 && text.Contains(i.Value, StringComparison.Ordinal) && !query.Contains(i.Value, StringComparison.Ordinal)))
                failures.Add($"{path} shows A's {name} {id}");
        }

        Assert.True(lists.Count > 20, $"only {lists.Count} lists");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The query parameters a read requires before it looks anything up (a warehouse's availability of A's SKU, its reservations of A's order).</summary>
    private static string RequiredQuery(ApiRoute route, Dictionary<string, string> ids) =>
        route.Pattern.EndsWith("/availability", StringComparison.Ordinal) ? $"?sku={ids["sku"]}"
        : route.Pattern.EndsWith("/reservations", StringComparison.Ordinal) ? $"?orderId={ids["orderId"]}"
        : "";

    /// <summary>A's id for a route's parameter: <c>{jobId}</c> is a bulk job's or an import's by its route.</summary>
    private static string IdOf(ApiRoute route, string parameter, Dictionary<string, string> ids) => parameter switch
    {
        "jobId" when route.Pattern.StartsWith("/api/v1/imports", StringComparison.Ordinal) => ids["importId"],
        "jobId" => ids["bulkJobId"],
        "name" => ids["savedSearch"],
        _ when ids.TryGetValue(parameter, out var id) => id,
        _ => throw new InvalidOperationException($"{route}: no id of tenant A for {{{parameter}}}; create one in CreateEverythingAsync"),
    };

    /// <summary>One of every resource in the tenant of <paramref name="a"/>; their ids by route parameter name.</summary>
    private static async Task<Dictionary<string, string>> CreateEverythingAsync(HttpClient a)
    {
        var ids = new Dictionary<string, string>();
        var sku = FulfilmentFlow.NewId("SEC");
        ids["sku"] = sku;
        ids["warehouseId"] = await FulfilmentFlow.StockedWarehouseAsync(a, sku, 10);
        var (orderId, lineId) = await FulfilmentFlow.OrderAsync(a, sku, 2);
        ids["orderId"] = orderId;
        await FulfilmentFlow.ShipAndDeliverAsync(a, orderId);
        var fulfilment = await ApiAssert.OkJsonAsync(await a.GetAsync($"/api/v1/orders/{orderId}/fulfilment"));
        ids["shipmentId"] = fulfilment.GetProperty("shipments")[0].GetProperty("shipmentId").GetString()!;
        var o = $"/api/v1/orders/{orderId}";
        var tag = FulfilmentFlow.NewId("sectag").ToLowerInvariant();
        ids["tag"] = tag;
        await ApiAssert.OkJsonAsync(await a.PostJsonAsync($"{o}/change-tags", new { add = new[] { tag } }));
        ids["noteId"] = (await ApiAssert.OkJsonAsync(await a.PostJsonAsync($"{o}/notes", new { text = "secret note", visibility = "internal" }))).GetProperty("createdId").GetString()!;
        ids["attachmentId"] = (await ApiAssert.OkJsonAsync(await a.PostAsync($"{o}/attachments?fileName=a.pdf",
            new ByteArrayContent("%PDF-1.4 a"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } }))).GetProperty("createdId").GetString()!;
        await ApiAssert.OkJsonAsync(await a.PostJsonAsync($"{o}/returns", new { lines = new[] { new { lineId, quantity = 1, reason = "damaged" } } }), HttpStatusCode.Created);
        await ApiAssert.OkJsonAsync(await a.PostJsonAsync($"{o}/returns/r1/decide", new { approve = true }));
        await ApiAssert.OkJsonAsync(await a.PostJsonAsync($"{o}/returns/r1/receive", new { lines = new[] { new { lineId, quantity = 1, disposition = "restock" } } }));
        await ApiAssert.OkJsonAsync(await a.PostJsonAsync($"{o}/refunds", new { amount = 1.00m, reason = "damaged", returnId = "r1" }), HttpStatusCode.Created);
        (ids["returnId"], ids["refundId"]) = ("r1", "f1");
        ids["action"] = "hold";
        ids["customerId"] = FulfilmentFlow.NewId("seccust");
        await ApiAssert.OkJsonAsync(await a.PutAsync($"/api/v1/customers/{ids["customerId"]}", JsonBody(CustomersApiTests.Profile("Tenant A"))));
        ids["subscriptionId"] = (await ApiAssert.OkJsonAsync(await a.PostJsonAsync("/api/v1/webhooks", new { url = "https://93.184.216.34/tenant-a", eventTypes = new[] { "order.archived" } }),
            HttpStatusCode.Created)).GetProperty("subscription").GetProperty("subscriptionId").GetString()!;
        ids["deliveryId"] = "1";
        ids["keyId"] = (await ApiAssert.OkJsonAsync(await a.PostJsonAsync("/api/v1/api-keys", new { name = "tenant-a-key", scopes = new[] { "orders:read" } }), HttpStatusCode.Created))
            .GetProperty("apiKey").GetProperty("keyId").GetString()!;
        ids["savedSearch"] = FulfilmentFlow.NewId("secsearch");
        Assert.True((await a.PutAsync($"/api/v1/saved-searches/{ids["savedSearch"]}", JsonBody(new { tag }))).IsSuccessStatusCode);
        ids["reportId"] = (await ApiAssert.OkJsonAsync(await a.PostJsonAsync("/api/v1/reports",
            new { name = "Tenant A report", definition = new { measures = new[] { "orders" }, dimension = "channel", range = "last-7-days", grain = "day" } }), HttpStatusCode.Created))
            .GetProperty("reportId").GetString()!;
        ids["username"] = FulfilmentFlow.NewId("secuser").ToLowerInvariant();
        await ApiAssert.OkJsonAsync(await a.PostJsonAsync("/api/v1/users", new { username = ids["username"], password = "tenant-a-password-1", roles = new[] { "sales" } }), HttpStatusCode.Created);
        var bulk = await a.PostJsonAsync("/api/v1/bulk-jobs", new { operation = "addTags", tags = new[] { tag }, orderIds = new[] { orderId } });
        Assert.True(bulk.IsSuccessStatusCode, await bulk.Content.ReadAsStringAsync());
        ids["bulkJobId"] = bulk.Headers.Location!.OriginalString.Split('/')[^1];
        var import = await a.PostJsonAsync("/api/v1/imports", new
        {
            source = "tenant-a", orders = new[] { new { sourceId = FulfilmentFlow.NewId("src"), status = "closed", createdAt = "2025-01-01T00:00:00Z", order = OrderBodies.Order(ids["customerId"]) } },
        });
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        ids["importId"] = import.Headers.Location!.OriginalString.Split('/')[^1];
        var draft = await a.PostJsonAsync("/api/v1/drafts", new { channel = new { kind = "phone" }, currency = "EUR" });
        Assert.True(draft.IsSuccessStatusCode, await draft.Content.ReadAsStringAsync());
        ids["draftId"] = draft.Headers.Location!.OriginalString.Split('/')[^1];
        ids["templateId"] = FulfilmentFlow.NewId("sectpl");
        var template = await a.PutAsync($"/api/v1/config/templates/{ids["templateId"]}",
            JsonBody(new { templateId = ids["templateId"], name = "A template", channel = new { kind = "phone" }, currency = "EUR", lines = new[] { new { sku, name = "Widget", quantity = 1, unitPrice = 10.00m } } }));
        Assert.True(template.IsSuccessStatusCode, await template.Content.ReadAsStringAsync());
        // The asynchronous jobs finish before anything is compared.
        foreach (var job in new[] { $"/api/v1/bulk-jobs/{ids["bulkJobId"]}", $"/api/v1/imports/{ids["importId"]}" })
            await Eventually.TrueAsync(async () => (await ApiAssert.OkJsonAsync(await a.GetAsync(job))).GetProperty("status").GetString() is "completed" or "failed", $"{job} finishes");
        return ids;
    }

    /// <summary>Reads of A's resources that must not change while B calls A's ids.</summary>
    private static List<string> Probes(Dictionary<string, string> ids) =>
    [
        $"/api/v1/orders/{ids["orderId"]}", $"/api/v1/orders/{ids["orderId"]}/fulfilment", $"/api/v1/orders/{ids["orderId"]}/after-sales",
        $"/api/v1/orders/{ids["orderId"]}/notes", $"/api/v1/orders/{ids["orderId"]}/attachments/{ids["attachmentId"]}",
        $"/api/v1/customers/{ids["customerId"]}", $"/api/v1/warehouses/{ids["warehouseId"]}", $"/api/v1/webhooks/{ids["subscriptionId"]}",
        $"/api/v1/api-keys/{ids["keyId"]}", $"/api/v1/saved-searches/{ids["savedSearch"]}", $"/api/v1/reports/{ids["reportId"]}",
        $"/api/v1/users/{ids["username"]}", $"/api/v1/drafts/{ids["draftId"]}", $"/api/v1/config/templates/{ids["templateId"]}",
    ];

    private static async Task<Dictionary<string, string>> ReadAllAsync(HttpClient client, List<string> paths)
    {
        var read = new Dictionary<string, string>();
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path);
            read[path] = $"{(int)response.StatusCode} {response.Headers.ETag?.Tag} {await response.Content.ReadAsStringAsync()}";
            Assert.True(response.IsSuccessStatusCode, $"{path}: {read[path]}");
        }

        return read;
    }

    private static StringContent JsonBody(object body) => new(JsonSerializer.Serialize(body, new JsonSerializerOptions(JsonSerializerDefaults.Web)), Encoding.UTF8, "application/json");

    private static string Short(string text) => text[..Math.Min(text.Length, 200)];
}
