using System.Net;
using System.Net.Http.Json;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Tenants;

/// <summary>Sourcing rules, refund policy and archive rules over HTTP: admins publish on the current version, readers read, invalid ones are refused naming the field.</summary>
[Collection(ApiCollection.Name)]
public sealed class PolicyConfigApiTests(ApiCluster api)
{
    [Fact]
    public async Task Sourcing_rules_publish_on_the_current_version_read_back_and_refuse_stale_versions_readers_and_bad_values()
    {
        var tenant = await FreshTenant.CreateAsync(api);
        using var admin = api.Client(tenant.AdminKey);
        using var reader = api.Client(await tenant.KeyAsync(api, "config:read"));
        var initial = await ApiAssert.OkJsonAsync(await reader.GetAsync("/api/v1/config/sourcing-rules"));
        var rules = new { preferSingleWarehouse = false, criteria = new[] { "lowestCost", "nearest" }, maxWarehouses = 2, allowBackorder = false };

        var forbidden = await reader.PutAsJsonAsync("/api/v1/config/sourcing-rules", new { rules, expectedVersion = 1 });
        var published = await ApiAssert.OkJsonAsync(await admin.PutAsJsonAsync("/api/v1/config/sourcing-rules", new { rules, expectedVersion = 1 }));
        var stale = await admin.PutAsJsonAsync("/api/v1/config/sourcing-rules", new { rules, expectedVersion = 1 });
        var noCap = await admin.PutAsJsonAsync("/api/v1/config/sourcing-rules", new { rules = rules with { maxWarehouses = 0 } });
        var noCriteria = await admin.PutAsJsonAsync("/api/v1/config/sourcing-rules", new { rules = new { criteria = Array.Empty<string>() } });
        var unknownCriterion = await admin.PutAsJsonAsync("/api/v1/config/sourcing-rules", new { rules = new { criteria = new[] { "cheapest" } } });
        var readBack = await ApiAssert.OkJsonAsync(await reader.GetAsync("/api/v1/config/sourcing-rules"));

        Assert.Equal(1, initial.GetProperty("version").GetInt32());
        Assert.Equal(["nearest", "priority", "highestStock", "lowestCost"], initial.GetProperty("criteria").EnumerateArray().Select(c => c.GetString()));
        await ApiAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden, "missing-scope");
        Assert.Equal(2, published.GetProperty("version").GetInt32());
        Assert.Equal(2, (await ApiAssert.ProblemAsync(stale, HttpStatusCode.Conflict, "version-conflict")).GetProperty("currentVersion").GetInt64());
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(noCap, HttpStatusCode.UnprocessableEntity), "rules.maxWarehouses");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(noCriteria, HttpStatusCode.UnprocessableEntity), "rules.criteria");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(unknownCriterion, HttpStatusCode.BadRequest), "rules.criteria[0]");
        Assert.Equal(2, readBack.GetProperty("version").GetInt32());
        Assert.Equal(["lowestCost", "nearest"], readBack.GetProperty("criteria").EnumerateArray().Select(c => c.GetString()));
        Assert.False(readBack.GetProperty("preferSingleWarehouse").GetBoolean());
        Assert.Equal(2, readBack.GetProperty("maxWarehouses").GetInt32());
        Assert.False(readBack.GetProperty("allowBackorder").GetBoolean());
    }

    [Fact]
    public async Task The_refund_policy_publishes_once_per_idempotency_key_on_the_current_version_refuses_a_negative_threshold_and_other_tenants_keep_theirs()
    {
        var tenant = await FreshTenant.CreateAsync(api);
        using var admin = api.Client(tenant.AdminKey);
        using var writer = api.Client(await tenant.KeyAsync(api, "orders:write"));
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        var policy = new { approvalThreshold = 250.50m, approverRole = "finance-lead" };

        var notReadable = await writer.GetAsync("/api/v1/config/refund-policy");
        var forbidden = await writer.PutAsJsonAsync("/api/v1/config/refund-policy", new { policy, expectedVersion = 1 });
        var published = await ApiAssert.OkJsonAsync(await admin.SendAsync(Put("/api/v1/config/refund-policy", new { policy, expectedVersion = 1 }, "refund-policy-v2")));
        var retried = await admin.SendAsync(Put("/api/v1/config/refund-policy", new { policy, expectedVersion = 1 }, "refund-policy-v2"));
        var stale = await admin.PutAsJsonAsync("/api/v1/config/refund-policy", new { policy, expectedVersion = 1 });
        var negative = await admin.PutAsJsonAsync("/api/v1/config/refund-policy", new { policy = policy with { approvalThreshold = -1m } });
        var missing = await admin.SendRawAsync(HttpMethod.Put, "/api/v1/config/refund-policy", """{"expectedVersion":2}""");
        var readBack = await ApiAssert.OkJsonAsync(await admin.GetAsync("/api/v1/config/refund-policy"));
        var globexPolicy = await ApiAssert.OkJsonAsync(await globex.GetAsync("/api/v1/config/refund-policy"));

        await ApiAssert.ProblemAsync(notReadable, HttpStatusCode.Forbidden, "missing-scope");
        await ApiAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden, "missing-scope");
        Assert.Equal(2, published.GetProperty("version").GetInt32());
        Assert.Equal(published.GetRawText(), (await ApiAssert.OkJsonAsync(retried)).GetRawText()); // a retry gets the first answer, not a 409
        Assert.Equal("true", retried.Headers.GetValues("Idempotent-Replayed").Single());
        await ApiAssert.ProblemAsync(stale, HttpStatusCode.Conflict, "version-conflict");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(negative, HttpStatusCode.UnprocessableEntity), "policy.approvalThreshold");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(missing, HttpStatusCode.BadRequest), "policy");
        Assert.Equal((2, 250.50m, "finance-lead"),
            (readBack.GetProperty("version").GetInt32(), readBack.GetProperty("approvalThreshold").GetDecimal(), readBack.GetProperty("approverRole").GetString()));
        Assert.NotEqual("finance-lead", globexPolicy.GetProperty("approverRole").GetString());
    }

    private static HttpRequestMessage Put(string path, object body, string idempotencyKey) =>
        new(HttpMethod.Put, path) { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", idempotencyKey } } };

    [Fact]
    public async Task Archive_rules_publish_on_the_current_version_and_refuse_an_empty_status_list_and_a_too_short_period()
    {
        var tenant = await FreshTenant.CreateAsync(api);
        using var admin = api.Client(tenant.AdminKey);
        using var reader = api.Client(await tenant.KeyAsync(api, "config:read"));
        var initial = await ApiAssert.OkJsonAsync(await reader.GetAsync("/api/v1/config/archive-rules"));
        var rules = new[] { new { statuses = new[] { "closed" }, after = "30.00:00:00" }, new { statuses = new[] { "cancelled" }, after = "07:30:00" } };

        var forbidden = await reader.PutAsJsonAsync("/api/v1/config/archive-rules", new { rules, expectedVersion = 1 });
        var published = await ApiAssert.OkJsonAsync(await admin.PutAsJsonAsync("/api/v1/config/archive-rules", new { rules, expectedVersion = 1 }));
        var stale = await admin.PutAsJsonAsync("/api/v1/config/archive-rules", new { rules, expectedVersion = 1 });
        var invalid = await admin.PutAsJsonAsync("/api/v1/config/archive-rules", new
        {
            rules = new[] { new { statuses = Array.Empty<string>(), after = "1.00:00:00" }, new { statuses = new[] { "closed" }, after = "00:00:00" } },
        });
        var readBack = await ApiAssert.OkJsonAsync(await reader.GetAsync("/api/v1/config/archive-rules"));

        Assert.Equal(1, initial.GetProperty("version").GetInt32());
        Assert.Equal("90.00:00:00", initial.GetProperty("rules")[0].GetProperty("after").GetString());
        await ApiAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden, "missing-scope");
        Assert.Equal(2, published.GetProperty("version").GetInt32());
        await ApiAssert.ProblemAsync(stale, HttpStatusCode.Conflict, "version-conflict");
        var problem = await ApiAssert.ProblemAsync(invalid, HttpStatusCode.UnprocessableEntity);
        ApiAssert.NamesField(problem, "rules[0].statuses");
        ApiAssert.NamesField(problem, "rules[1].after");
        Assert.Equal(2, readBack.GetProperty("version").GetInt32());
        Assert.Equal(["30.00:00:00", "07:30:00"], readBack.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("after").GetString()));
    }
}
