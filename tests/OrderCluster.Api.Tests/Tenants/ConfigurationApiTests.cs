using System.Net;
using System.Net.Http.Json;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Tenants;

/// <summary>Tenant configuration over HTTP: admins publish, readers read, orders follow the tenant's own schema, other tenants are untouched.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConfigurationApiTests(ApiCluster api)
{
    [Fact]
    public async Task A_published_custom_field_schema_applies_to_the_tenants_new_orders_only_and_needs_admin()
    {
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        using var acme = api.Client();
        var created = await ApiAssert.OkJsonAsync(await globex.PostJsonAsync("/api/v1/api-keys", new { name = "reader", scopes = new[] { "config:read", "orders:write" } }), HttpStatusCode.Created);
        using var reader = api.Client(created.GetProperty("key").GetString());
        var current = await ApiAssert.OkJsonAsync(await globex.GetAsync("/api/v1/config/custom-fields"));
        var schema = new { fields = new[] { new { name = "giftNote", type = "string", max = 10 } }, expectedVersion = current.GetProperty("version").GetInt32() };

        var refused = await reader.PutAsJsonAsync("/api/v1/config/custom-fields", schema);
        var published = await ApiAssert.OkJsonAsync(await globex.PutAsJsonAsync("/api/v1/config/custom-fields", schema));
        var readBack = await ApiAssert.OkJsonAsync(await reader.GetAsync("/api/v1/config/custom-fields"));
        var tooLong = await reader.PostJsonAsync("/api/v1/orders", WithGiftNote("far too long a note"));
        var fine = await reader.PostJsonAsync("/api/v1/orders", WithGiftNote("hi"));
        var acmeSchema = await ApiAssert.OkJsonAsync(await acme.GetAsync("/api/v1/config/custom-fields"));
        var workflow = await ApiAssert.OkJsonAsync(await reader.GetAsync("/api/v1/config/workflow"));

        await ApiAssert.ProblemAsync(refused, HttpStatusCode.Forbidden, "missing-scope");
        Assert.Equal(published.GetProperty("version").GetInt32(), readBack.GetProperty("version").GetInt32());
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(tooLong, HttpStatusCode.UnprocessableEntity), "customFields.giftNote");
        Assert.Equal(HttpStatusCode.Created, fine.StatusCode);
        Assert.DoesNotContain(acmeSchema.GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "giftNote");
        Assert.Contains(workflow.GetProperty("transitions").EnumerateArray(), t => t.GetProperty("action").GetString() == "allocate");
    }

    private static object WithGiftNote(string text) => new
    {
        customer = new { customerId = "c-cfg" }, channel = new { kind = "online" }, currency = "EUR",
        lines = new[] { new { sku = "A", quantity = 1, unitPrice = 5m } }, shippingAddress = OrderBodies.Address(), shipping = new { method = "std" },
        customFields = new { giftNote = new { kind = "text", text } },
    };
}
