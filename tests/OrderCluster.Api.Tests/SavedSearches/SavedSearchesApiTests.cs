using System.Net;
using System.Net.Http.Json;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.SavedSearches;

/// <summary>Saved searches: named, per tenant, re-runnable (a re-run sees orders created after saving), replaced, deleted.</summary>
[Collection(ApiCollection.Name)]
public sealed class SavedSearchesApiTests(ApiCluster api)
{
    [Fact]
    public async Task A_saved_search_reruns_over_new_orders_stays_in_its_tenant_and_is_replaced_and_deleted()
    {
        using var acme = api.Client();
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        var tag = $"vip-{Guid.NewGuid():N}"[..16];
        var name = $"urgent-{Guid.NewGuid():N}"[..20];

        var saved = await acme.PutAsJsonAsync($"/api/v1/saved-searches/{name}", new { tag, priority = "urgent" });
        var before = await ApiAssert.OkJsonAsync(await acme.GetAsync($"/api/v1/saved-searches/{name}/orders"));
        var urgent = await ApiAssert.OkJsonAsync(await acme.PostJsonAsync("/api/v1/orders", OrderBodies.Order(tags: [tag], priority: "urgent")), HttpStatusCode.Created);
        await acme.PostJsonAsync("/api/v1/orders", OrderBodies.Order(tags: [tag], priority: "low"));
        var after = await SearchProjection.ListedAsync(acme, $"/api/v1/saved-searches/{name}/orders", 1);
        var otherTenant = await globex.GetAsync($"/api/v1/saved-searches/{name}/orders");
        var list = await ApiAssert.OkJsonAsync(await acme.GetAsync("/api/v1/saved-searches"));
        await ApiAssert.OkJsonAsync(await acme.PutAsJsonAsync($"/api/v1/saved-searches/{name}", new { tag, priority = "low" }));
        var replaced = await SearchProjection.ListedAsync(acme, $"/api/v1/saved-searches/{name}/orders", 1);
        var deleted = await acme.DeleteAsync($"/api/v1/saved-searches/{name}");
        var gone = await acme.GetAsync($"/api/v1/saved-searches/{name}/orders");
        var badName = await acme.PutAsJsonAsync("/api/v1/saved-searches/bad%20name", new { tag });
        var badEnum = await acme.PutAsJsonAsync($"/api/v1/saved-searches/{name}", new { priority = "asap" });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(0, before.GetProperty("items").GetArrayLength());
        Assert.Equal([urgent.GetProperty("orderId").GetString()], after.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()));
        await ApiAssert.ProblemAsync(otherTenant, HttpStatusCode.NotFound, "saved-search-not-found");
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("name").GetString() == name);
        Assert.Equal("low", replaced.GetProperty("items")[0].GetProperty("priority").GetString());
        Assert.Equal(1, replaced.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ApiAssert.ProblemAsync(gone, HttpStatusCode.NotFound, "saved-search-not-found");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(badName, HttpStatusCode.BadRequest), "name");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(badEnum, HttpStatusCode.BadRequest), "priority");
    }

    [Theory]
    [InlineData("/api/v1/orders?limit=201", "limit")]
    [InlineData("/api/v1/orders?limit=0", "limit")]
    [InlineData("/api/v1/orders?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/v1/orders?createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z", "createdFrom")]
    [InlineData("/api/v1/orders?q=QQQ", "q")]
    [InlineData("/api/v1/saved-searches/{name}/orders?limit=201", "limit")]
    [InlineData("/api/v1/saved-searches/{name}/orders?cursor=not-a-cursor", "cursor")]
    public async Task Lists_and_saved_searches_check_the_page_and_the_filter_alike(string path, string field)
    {
        using var acme = api.Client();
        var name = $"checked-{Guid.NewGuid():N}"[..20];
        await ApiAssert.OkJsonAsync(await acme.PutAsJsonAsync($"/api/v1/saved-searches/{name}", new { tag = "t" }));

        var response = await acme.GetAsync(path.Replace("{name}", name).Replace("QQQ", new string('x', 201)));

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request"), field);
    }

    [Fact]
    public async Task A_saved_search_refuses_the_filters_a_list_refuses()
    {
        using var acme = api.Client();
        var name = $"refused-{Guid.NewGuid():N}"[..20];

        var longText = await acme.PutAsJsonAsync($"/api/v1/saved-searches/{name}", new { q = new string('x', 201) });
        var backwards = await acme.PutAsJsonAsync($"/api/v1/saved-searches/{name}", new { createdFrom = "2026-02-01T00:00:00Z", createdTo = "2026-01-01T00:00:00Z" });

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(longText, HttpStatusCode.BadRequest, "invalid-request"), "q");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(backwards, HttpStatusCode.BadRequest, "invalid-request"), "createdFrom");
    }
}
