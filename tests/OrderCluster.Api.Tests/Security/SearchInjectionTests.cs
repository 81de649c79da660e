using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrderCluster.Api.Tests.Support;
using OrderCluster.Api.Tests.Tenants;
using OrderCluster.GrainInterfaces.Search;
using OrderCluster.Testing;

namespace OrderCluster.Api.Tests.Security;

/// <summary>
/// SQL-ish, LIKE-wildcard, escape, placeholder, cast, NUL, unicode, JSON-path and very long payloads in every search and
/// filter input (order list parameters and <c>cf.*</c> names and values, the cursor, the archive search, saved-search
/// definitions, bulk-job order ids, report dimensions and filters) against the real PostgreSQL search store: every
/// answer is a 200 whose rows are the caller's own and match, or a 400 problem naming the input, never a 5xx; the
/// read model's tables still exist and their counts are unchanged.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SearchInjectionTests(ApiCluster api)
{
    public static readonly string[] Payloads =
    [
        "' OR 1=1 --", "'; DROP TABLE order_search; --", "\" OR \"\"=\"", "%", "_", "%%", "a%", "\\", "\\'", "$1", "$$", "::text", "'::jsonb", "1; SELECT pg_sleep(5)",
        "') OR ('1'='1", "*/ OR /*", "\u0000", "a\u0000b", "\ud83d\ude00", "\u202e", "İ", "ß", "\"}", "{\"a\":1}", "$.a ? (@ == 1)", "$.** ? (@ like_regex \".*\")",
        "@>", "?|", "||", "&&", ":*", "!", "a & b | !c", "(", "<->", new string('x', 5000), new string('%', 300),
    ];

    [Fact]
    public async Task The_search_read_model_of_these_tests_is_the_postgresql_store()
    {
        var store = api.Cluster.Silos[0].App.Services.GetRequiredService<IOrderSearchStore>();
        var inner = store.GetType().GetProperty("Inner", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(store) ?? store;

        Assert.Equal("PostgresOrderSearchStore", inner.GetType().Name);
        Assert.NotNull(await SchemaAsync());
    }

    [Fact]
    public async Task Injection_payloads_in_every_search_input_get_the_callers_matching_rows_or_a_400_naming_the_input_and_change_no_table()
    {
        var (a, aOrders) = await TenantWithOrdersAsync();
        var (b, bOrders) = await TenantWithOrdersAsync();
        using var client = api.Client(a.AdminKey);
        var countsBefore = await CountsAsync(a.Id, b.Id);
        var failures = new List<string>();
        var checkedAnswers = 0;
        var jobs = new List<string>();

        foreach (var payload in Payloads)
        {
            var v = Uri.EscapeDataString(payload);
            // Exact filters: no order of A has the payload as its value, so 0 rows (or a 400 naming the input).
            foreach (var (query, name) in new[]
                     {
                         ($"tag={v}", "tag"), ($"customerId={v}", "customerId"), ($"status={v}", "status"), ($"channel={v}", "channel"),
                         ($"assignee={v}", "assignee"), ($"priority={v}", "priority"), ($"cf.gift={v}", "cf.gift"), ($"cf.{v}=1", "cf."),
                     })
                await CheckAsync($"/api/v1/orders?{query}", name, exact: true);
            // Free text and the cursor: A's rows only.
            await CheckAsync($"/api/v1/orders?q={v}", "q", exact: false);
            await CheckAsync($"/api/v1/orders?cursor={v}", "cursor", exact: false);
            await CheckAsync($"/api/v1/archive?q={v}", "q", exact: false);
            await CheckAsync($"/api/v1/archive?customerId={v}", "customerId", exact: true);
            await CheckAsync($"/api/v1/archive?status={v}", "status", exact: true);
            await CheckAsync($"/api/v1/archive?cursor={v}", "cursor", exact: false);
            await CheckAsync($"/api/v1/customers/{v}/orders", "customerId", exact: true);
            // A saved search holding the payload, then run.
            var saved = await client.PutAsync("/api/v1/saved-searches/sec-injection", Json(new { q = payload, tag = payload, customerId = payload, assignee = payload, customFields = new Dictionary<string, string> { [payload] = payload } }));
            if ((int)saved.StatusCode >= 500) failures.Add($"saving a search of {Short(payload)}: {(int)saved.StatusCode}");
            else if (saved.IsSuccessStatusCode) await CheckAsync("/api/v1/saved-searches/sec-injection/orders", "saved search", exact: true);
            else await ExpectProblemAsync(saved, "saved search");
            // Reports and bulk jobs.
            await CheckWriteAsync("/api/v1/reports/run", new { measures = new[] { "orders" }, dimension = payload, range = "last-7-days", grain = "day" }, "dimension");
            await CheckWriteAsync("/api/v1/reports/run", new { measures = new[] { payload }, dimension = "channel", range = "last-7-days", grain = "day" }, "measures");
            await CheckWriteAsync("/api/v1/reports/run", new { measures = new[] { "orders" }, dimension = "channel", include = new[] { payload }, exclude = new[] { payload }, sortBy = payload, range = "last-7-days" }, null);
            await CheckWriteAsync("/api/v1/bulk-jobs", new { operation = "addTags", tags = new[] { "sec" }, orderIds = new[] { payload, bOrders[0] } }, null);
        }

        // Bulk jobs run in the background: they finish before anything is compared.
        foreach (var job in jobs)
            await Eventually.TrueAsync(async () => (await ApiAssert.OkJsonAsync(await client.GetAsync(job))).GetProperty("status").GetString() is "completed" or "failed", $"{job} finishes");
        var countsAfter = await CountsAsync(a.Id, b.Id);
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedAnswers} answers failed:\n{string.Join("\n", failures.Take(40))}");
        Assert.True(checkedAnswers > Payloads.Length * 15, $"only {checkedAnswers} answers checked");
        Assert.Equal(countsBefore, countsAfter);
        using var clientB = api.Client(b.AdminKey);
        foreach (var order in bOrders)
            Assert.DoesNotContain("\"sec\"", await clientB.GetStringAsync($"/api/v1/orders/{order}"));

        async Task CheckAsync(string path, string name, bool exact)
        {
            using var response = await client.GetAsync(path);
            checkedAnswers++;
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var items = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()!).ToList();
                if (items.Except(aOrders).Any()) failures.Add($"{Short(path)} listed rows not of A: {string.Join(", ", items.Except(aOrders))}");
                else if (exact && items.Count > 0) failures.Add($"{Short(path)} listed {items.Count} rows that do not have the value");
            }
            else if (!PathAndQueryFuzzTests.RefusedByKestrel(path, (int)response.StatusCode, text)) await ExpectProblemAsync(response, path, name);
        }

        async Task CheckWriteAsync(string path, object body, string? name)
        {
            using var response = await client.PostAsync(path, Json(body));
            checkedAnswers++;
            if (response.Headers.Location is { } location) jobs.Add(location.OriginalString);
            if (!response.IsSuccessStatusCode) await ExpectProblemAsync(response, $"{path} {Short(JsonSerializer.Serialize(body))}", name);
        }

        async Task ExpectProblemAsync(HttpResponseMessage response, string what, string? name = null)
        {
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status >= 500 || status is not (400 or 404 or 422) || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{Short(what)}: {status} {Short(text)}");
            else if (status == 400 && name is not null && !Names(JsonDocument.Parse(text).RootElement, name))
                failures.Add($"{Short(what)}: 400 does not name {Short(name)}: {Short(text)}");
        }
    }

    /// <summary>
    /// Whether a 400 names <paramref name="name"/> in its errors (or an item of it, <c>measures[0]</c>; any <c>cf.</c> name for <c>"cf."</c>); a JSON body
    /// with U+0000 is refused as a whole, naming <c>body</c>.
    /// </summary>
    private static bool Names(JsonElement problem, string name) =>
        problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(e =>
            e.Name == name || e.Name == "body" || e.Name.StartsWith(name + "[", StringComparison.Ordinal)
            || (name.EndsWith('.') && e.Name.StartsWith(name, StringComparison.Ordinal)));

    /// <summary>A fresh tenant with two orders, listed by the search read model.</summary>
    private async Task<(FreshTenant Tenant, List<string> Orders)> TenantWithOrdersAsync()
    {
        var tenant = await FreshTenant.CreateAsync(api);
        using var client = api.Client(tenant.AdminKey);
        var orders = new List<string>();
        foreach (var customer in new[] { "inj-c1", "inj-c2" })
            orders.Add((await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order(customer, tags: ["inj"])), HttpStatusCode.Created))
                .GetProperty("orderId").GetString()!);
        await SearchProjection.ListedAsync(client, "/api/v1/orders", 2);
        return (tenant, orders);
    }

    /// <summary>The schema of the read model's table (null when it does not exist).</summary>
    private async Task<string?> SchemaAsync()
    {
        await using var connection = new NpgsqlConnection(api.Cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_schema FROM information_schema.tables WHERE table_name = 'order_search'", connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    /// <summary>The rows of the two tenants in the read model, and whether the state and stream tables exist.</summary>
    private async Task<string> CountsAsync(string tenantA, string tenantB)
    {
        var schema = await SchemaAsync();
        Assert.NotNull(schema);
        await using var connection = new NpgsqlConnection(api.Cluster.ConnectionString);
        await connection.OpenAsync();
        var sql = $"""
            SELECT (SELECT count(*) FROM "{schema}".order_search WHERE tenant_id = $1) || '/' || (SELECT count(*) FROM "{schema}".order_search WHERE tenant_id = $2)
                || ' ' || (to_regclass('"{schema}".grain_state') IS NOT NULL) || (to_regclass('"{schema}".stream_event') IS NOT NULL)
            """;
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = tenantA }, new() { Value = tenantB } } };
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body, new JsonSerializerOptions(JsonSerializerDefaults.Web)), System.Text.Encoding.UTF8, "application/json");

    private static string Short(string text) => text[..Math.Min(text.Length, 160)];
}
