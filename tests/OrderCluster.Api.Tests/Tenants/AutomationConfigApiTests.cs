using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Api.Tests.Support;
using OrderCluster.Testing;

namespace OrderCluster.Api.Tests.Tenants;

/// <summary>
/// Automation rules and notification templates over HTTP, each test in a tenant of its own: published rules act on
/// orders created over HTTP (a dry-run rule only logs), the order's automation log, notification history and the
/// rule counts show it, and another tenant's order is not found.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AutomationConfigApiTests(ApiCluster api)
{
    private static object Rule(string ruleId, string tag, string addTag, bool dryRun = false) => new
    {
        ruleId, name = $"tag {addTag}", dryRun,
        trigger = new { eventType = "order.created" },
        condition = new { field = "order.tags", @operator = "contains", value = tag },
        steps = new[] { new { kind = "addTag", value = addTag } },
    };

    private static async Task<string> CreateOrderAsync(HttpClient client, params string[] tags) =>
        (await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order(tags: tags)), HttpStatusCode.Created)).GetProperty("orderId").GetString()!;

    private static async Task<JsonElement> LogAsync(HttpClient client, string orderId, int entries)
    {
        var log = default(JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            log = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders/{orderId}/automation-log"));
            return log.GetArrayLength() >= entries;
        }, $"order {orderId} has {entries} automation log entries", TimeSpan.FromSeconds(30));
        return log;
    }

    private static string OutcomeOf(JsonElement log, string ruleId) =>
        log.EnumerateArray().Single(e => e.GetProperty("ruleId").GetString() == ruleId).GetProperty("outcome").GetString()!;

    [Fact]
    public async Task A_published_rule_acts_on_matching_orders_a_dry_run_rule_only_logs_and_both_are_counted()
    {
        var tenant = await FreshTenant.CreateAsync(api);
        using var admin = api.Client(tenant.AdminKey);
        var initial = await ApiAssert.OkJsonAsync(await admin.GetAsync("/api/v1/config/automation-rules"));
        var rules = new { rules = new[] { Rule("vip-tagger", "vip", "vip-handled"), Rule("vip-dry", "vip", "dry-handled", dryRun: true) }, expectedVersion = initial.GetProperty("version").GetInt32() };

        var published = await ApiAssert.OkJsonAsync(await admin.PutAsJsonAsync("/api/v1/config/automation-rules", rules));
        var readBack = await ApiAssert.OkJsonAsync(await admin.GetAsync("/api/v1/config/automation-rules"));
        var vip = await CreateOrderAsync(admin, "vip");
        var plain = await CreateOrderAsync(admin, "plain");
        var vipLog = await LogAsync(admin, vip, 2);
        var plainLog = await LogAsync(admin, plain, 2);
        await Eventually.TrueAsync(async () =>
        {
            var order = await ApiAssert.OkJsonAsync(await admin.GetAsync($"/api/v1/orders/{vip}"));
            return order.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == "vip-handled");
        }, "the rule tagged the order");
        var vipOrder = await ApiAssert.OkJsonAsync(await admin.GetAsync($"/api/v1/orders/{vip}"));
        var plainOrder = await ApiAssert.OkJsonAsync(await admin.GetAsync($"/api/v1/orders/{plain}"));
        var stats = default(JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            stats = await ApiAssert.OkJsonAsync(await admin.GetAsync("/api/v1/config/automation-rules/stats"));
            return stats.GetArrayLength() == 2 && stats.EnumerateArray().All(s => s.GetProperty("outcomes").EnumerateObject().Sum(o => o.Value.GetInt64()) == 2);
        }, "both rules are counted for both orders", TimeSpan.FromSeconds(30));

        Assert.Equal(0, initial.GetProperty("version").GetInt32());
        Assert.Equal(1, published.GetProperty("version").GetInt32());
        Assert.Equal(published.GetRawText(), readBack.GetRawText());
        Assert.True(readBack.GetProperty("rules")[1].GetProperty("dryRun").GetBoolean());
        Assert.Equal("executed", OutcomeOf(vipLog, "vip-tagger"));
        Assert.Equal("dry-run", OutcomeOf(vipLog, "vip-dry"));
        Assert.Contains("would", vipLog.EnumerateArray().Single(e => e.GetProperty("ruleId").GetString() == "vip-dry").GetProperty("detail").GetString());
        Assert.Equal("condition-false", OutcomeOf(plainLog, "vip-tagger"));
        Assert.Equal("condition-false", OutcomeOf(plainLog, "vip-dry"));
        var vipTags = vipOrder.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("vip-handled", vipTags);
        Assert.DoesNotContain("dry-handled", vipTags);
        Assert.DoesNotContain(plainOrder.GetProperty("tags").EnumerateArray(), t => t.GetString() is "vip-handled" or "dry-handled");
        var counts = stats.EnumerateArray().ToDictionary(s => s.GetProperty("ruleId").GetString()!, s => s.GetProperty("outcomes"));
        Assert.Equal(1, counts["vip-tagger"].GetProperty("executed").GetInt64());
        Assert.Equal(1, counts["vip-tagger"].GetProperty("condition-false").GetInt64());
        Assert.Equal(1, counts["vip-dry"].GetProperty("dry-run").GetInt64());
    }

    [Fact]
    public async Task Publishing_rules_needs_admin_the_current_version_and_valid_rules_naming_the_field()
    {
        var tenant = await FreshTenant.CreateAsync(api);
        using var admin = api.Client(tenant.AdminKey);
        using var reader = api.Client(await tenant.KeyAsync(api, "config:read", "orders:read"));
        using var writer = api.Client(await tenant.KeyAsync(api, "orders:write"));
        var rules = new { rules = new[] { Rule("r1", "x", "y") }, expectedVersion = 0 };

        var forbidden = await reader.PutAsJsonAsync("/api/v1/config/automation-rules", rules);
        var notReadable = await writer.GetAsync("/api/v1/config/automation-rules");
        var first = await admin.PutAsJsonAsync("/api/v1/config/automation-rules", rules);
        var stale = await admin.PutAsJsonAsync("/api/v1/config/automation-rules", rules);
        var noSteps = await admin.PutAsJsonAsync("/api/v1/config/automation-rules", new
        {
            rules = new[] { new { ruleId = "r2", name = "empty", trigger = new { eventType = "order.created" }, steps = Array.Empty<object>() } },
        });
        var badPriority = await admin.PutAsJsonAsync("/api/v1/config/automation-rules", new
        {
            rules = new[] { new { ruleId = "r3", name = "p", trigger = new { eventType = "order.created" }, steps = new[] { new { kind = "setPriority", value = "asap" } } } },
        });
        var unknownKind = await admin.SendRawAsync(HttpMethod.Put, "/api/v1/config/automation-rules",
            """{"rules":[{"ruleId":"r4","name":"k","trigger":{"eventType":"order.created"},"steps":[{"kind":"explode","value":"x"}]}]}""");
        var missingRules = await admin.SendRawAsync(HttpMethod.Put, "/api/v1/config/automation-rules", """{"expectedVersion":1}""");
        var current = await ApiAssert.OkJsonAsync(await reader.GetAsync("/api/v1/config/automation-rules"));

        await ApiAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden, "missing-scope");
        await ApiAssert.ProblemAsync(notReadable, HttpStatusCode.Forbidden, "missing-scope");
        Assert.Equal(1, (await ApiAssert.OkJsonAsync(first)).GetProperty("version").GetInt32());
        Assert.Equal(1, (await ApiAssert.ProblemAsync(stale, HttpStatusCode.Conflict, "version-conflict")).GetProperty("currentVersion").GetInt64());
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(noSteps, HttpStatusCode.UnprocessableEntity), "rules[0].steps");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(badPriority, HttpStatusCode.UnprocessableEntity), "rules[0].steps[0].value");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(unknownKind, HttpStatusCode.BadRequest), "rules[0].steps[0].kind");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(missingRules, HttpStatusCode.BadRequest), "rules");
        Assert.Equal(1, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Published_templates_send_a_notification_per_matching_event_shown_in_the_orders_history_and_other_tenants_get_404()
    {
        var tenant = await FreshTenant.CreateAsync(api);
        using var admin = api.Client(tenant.AdminKey);
        using var other = api.Client(ApiCluster.GlobexAdminKey);
        var template = new
        {
            templateId = "created-mail", eventType = "order.created", channel = "email", recipient = "{{customer.email}}",
            subject = "Order {{order.id}} received", body = "<p>Hello {{customer.name}}</p>",
        };

        using var reader = api.Client(await tenant.KeyAsync(api, "config:read"));
        var forbidden = await reader.PutAsJsonAsync("/api/v1/config/notification-templates", new { templates = new[] { template } });
        var published = await ApiAssert.OkJsonAsync(await admin.PutAsJsonAsync("/api/v1/config/notification-templates", new { templates = new[] { template }, expectedVersion = 0 }));
        var stale = await admin.PutAsJsonAsync("/api/v1/config/notification-templates", new { templates = new[] { template }, expectedVersion = 0 });
        var noSubject = new { template.templateId, template.eventType, template.channel, template.recipient, subject = "", template.body };
        var invalid = await admin.PutAsJsonAsync("/api/v1/config/notification-templates", new { templates = new[] { noSubject } });
        var readBack = await ApiAssert.OkJsonAsync(await admin.GetAsync("/api/v1/config/notification-templates"));
        var orderId = await CreateOrderAsync(admin);
        var history = default(JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            history = await ApiAssert.OkJsonAsync(await admin.GetAsync($"/api/v1/orders/{orderId}/notifications"));
            return history.GetArrayLength() == 1 && history[0].GetProperty("status").GetString() == "sent";
        }, "the notification is sent", TimeSpan.FromSeconds(30));
        var otherTenantsHistory = await other.GetAsync($"/api/v1/orders/{orderId}/notifications");
        var otherTenantsLog = await other.GetAsync($"/api/v1/orders/{orderId}/automation-log");
        var unknownOrder = await admin.GetAsync("/api/v1/orders/no-such-order/automation-log");

        await ApiAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden, "missing-scope");
        Assert.Equal(1, published.GetProperty("version").GetInt32());
        await ApiAssert.ProblemAsync(stale, HttpStatusCode.Conflict, "version-conflict");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(invalid, HttpStatusCode.UnprocessableEntity), "templates[0].subject");
        Assert.Equal(1, readBack.GetProperty("version").GetInt32());
        Assert.Equal("created-mail", readBack.GetProperty("templates")[0].GetProperty("templateId").GetString());
        Assert.Equal($"Order {orderId} received", history[0].GetProperty("subject").GetString());
        Assert.Equal("ada@example.com", history[0].GetProperty("recipient").GetString());
        Assert.Equal("<p>Hello Ada Lovelace</p>", history[0].GetProperty("body").GetString());
        await ApiAssert.ProblemAsync(otherTenantsHistory, HttpStatusCode.NotFound, "order-not-found");
        await ApiAssert.ProblemAsync(otherTenantsLog, HttpStatusCode.NotFound, "order-not-found");
        await ApiAssert.ProblemAsync(unknownOrder, HttpStatusCode.NotFound, "order-not-found");
    }
}
