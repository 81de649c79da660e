using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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

    [Fact]
    public async Task A_workflow_whose_approval_conditions_name_their_type_last_publishes_and_reads_back_the_same()
    {
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        var current = JsonNode.Parse(await (await globex.GetAsync("/api/v1/config/workflow")).Content.ReadAsStringAsync())!.AsObject();
        var version = current["version"]!.GetValue<int>();
        var definition = TypeLast(current)!.AsObject();
        definition.Remove("version");
        var conditions = definition["approval"]!["rules"]!.AsArray().Select(r => r!["when"]!).ToList();
        Assert.NotEmpty(conditions);
        Assert.All(conditions, c => Assert.Equal("type", c.AsObject().Last().Key));

        var published = await globex.PutAsJsonAsync("/api/v1/config/workflow", new JsonObject { ["definition"] = definition, ["expectedVersion"] = version });

        var body = await ApiAssert.OkJsonAsync(published);
        Assert.Equal(version + 1, body.GetProperty("version").GetInt32());
        var rules = body.GetProperty("approval").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("when").GetProperty("type").GetString());
        Assert.Equal(conditions.Select(c => c["type"]!.GetValue<string>()), rules);
    }

    /// <summary>A copy with every object's "type" member moved after the others.</summary>
    private static JsonNode? TypeLast(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key == "type").Select(p => KeyValuePair.Create(p.Key, TypeLast(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(TypeLast)]),
        _ => node?.DeepClone(),
    };

    private static object WithGiftNote(string text) => new
    {
        customer = new { customerId = "c-cfg" }, channel = new { kind = "online" }, currency = "EUR",
        lines = new[] { new { sku = "A", quantity = 1, unitPrice = 5m } }, shippingAddress = OrderBodies.Address(), shipping = new { method = "std" },
        customFields = new { giftNote = new { kind = "text", text } },
    };
}
