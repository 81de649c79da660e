using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderCluster.Api.Tests.Support;
using OrderCluster.Testing;

namespace OrderCluster.Api.Tests.Imports;

/// <summary>
/// Migration import over HTTP (real PostgreSQL): JSON and CSV keep the source's ids, creation times and statuses;
/// importing again creates nothing; a changed order with a known source id, and bad rows, are row errors while the
/// good rows import; another tenant cannot see the job; a large file reports progress up to its total.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ImportsApiTests(ApiCluster api)
{
    private const string CsvHeader = "order_id,status,created_at,placed_at,currency,customer_id,channel,sku,name,quantity,unit_price,shipping_method,shipping_price,ship_name,ship_line1,ship_city,ship_postal_code,ship_country,tags";
    private static readonly DateTimeOffset Created = new(2024, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static string Prefix() => $"m{Guid.NewGuid():N}"[..12];

    private static object JsonOrder(string id, string status, string customerId, int quantity = 2, string? currency = "EUR") => new
    {
        id, status, createdAt = Created, placedAt = Created.AddMinutes(5), currency,
        customer = new { customerId, name = "Ada Lovelace" },
        channel = new { kind = "online" },
        lines = new object[] { new { sku = "SKU-1", name = "Widget", quantity, unitPrice = 10.00m } },
        shippingAddress = OrderBodies.Address(),
        shipping = new { method = "standard", price = 4.95m },
        tags = new[] { "legacy" },
    };

    private static string CsvRow(string id, string status, string customerId, string sku, int quantity, string currency = "EUR", string createdAt = "2024-03-01T09:30:00Z") =>
        $"{id},{status},{createdAt},,{currency},{customerId},online,{sku},\"Widget, large\",{quantity},10.00,standard,4.95,Ada Lovelace,1 Analytical Way,London,N1 9GU,GB,legacy|migrated";

    private static Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string csv, string source = "magento") =>
        client.SendRawAsync(HttpMethod.Post, $"/api/v1/imports?source={source}", csv, "text/csv");

    private async Task<JsonElement> CompletedAsync(HttpClient client, HttpResponseMessage started, List<int>? progress = null)
    {
        await ApiAssert.OkJsonAsync(started, HttpStatusCode.Accepted);
        var location = new Uri(api.BaseAddress, started.Headers.Location!);
        var job = default(JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            job = await client.GetFromJsonAsync<JsonElement>(location);
            progress?.Add(job.GetProperty("done").GetInt32());
            return job.GetProperty("status").GetString() == "completed";
        }, "the import completes", TimeSpan.FromMinutes(3));
        return job;
    }

    private static (int Total, int Done, int Imported, int Duplicates, int Failed) Counts(JsonElement job) => (
        job.GetProperty("total").GetInt32(), job.GetProperty("done").GetInt32(), job.GetProperty("imported").GetInt32(),
        job.GetProperty("duplicates").GetInt32(), job.GetProperty("failed").GetInt32());

    private static List<(int Row, string? SourceId, string? Field, string Code)> Errors(JsonElement job) =>
        [.. job.GetProperty("results").EnumerateArray().SelectMany(r => r.GetProperty("errors").EnumerateArray())
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("sourceId").GetString(), e.GetProperty("field").GetString(), e.GetProperty("code").GetString()!))
            .OrderBy(e => e.Item1)];

    [Fact]
    public async Task A_json_import_keeps_ids_creation_times_and_statuses_and_the_orders_are_listed()
    {
        using var acme = api.Client();
        var p = Prefix();
        var started = await acme.PostJsonAsync("/api/v1/imports", new
        {
            source = "shopify", orders = new[] { JsonOrder($"{p}-1", "shipped", p), JsonOrder($"{p}-2", "cancelled", p) },
        });

        var job = await CompletedAsync(acme, started);
        var first = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{p}-1");
        var second = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{p}-2");
        var listed = await SearchProjection.ListedAsync(acme, $"/api/v1/orders?customerId={p}&createdFrom=2024-03-01T00:00:00Z&createdTo=2024-03-02T00:00:00Z", 2);

        Assert.StartsWith("/api/v1/imports/", started.Headers.Location!.OriginalString);
        Assert.Equal((2, 2, 2, 0, 0), Counts(job));
        Assert.Equal(("shipped", Created), (first.GetProperty("status").GetString(), first.GetProperty("createdAt").GetDateTimeOffset()));
        Assert.Equal(("cancelled", Created), (second.GetProperty("status").GetString(), second.GetProperty("createdAt").GetDateTimeOffset()));
        Assert.Equal(("shopify", $"{p}-1", Created.AddMinutes(5)), (first.GetProperty("import").GetProperty("sourceSystem").GetString(),
            first.GetProperty("import").GetProperty("sourceId").GetString(), first.GetProperty("import").GetProperty("placedAt").GetDateTimeOffset()));
        Assert.Equal(24.95m, first.GetProperty("totals").GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal([$"{p}-1", $"{p}-2"], listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()).Order());
    }

    [Fact]
    public async Task A_csv_import_groups_line_rows_into_orders_and_keeps_ids_creation_times_and_statuses()
    {
        using var acme = api.Client();
        var p = Prefix();
        var csv = string.Join("\r\n", CsvHeader,
            CsvRow($"{p}-1", "delivered", p, "SKU-1", 2),
            CsvRow($"{p}-2", "placed", p, "SKU-9", 1, createdAt: "2024-03-02T10:00:00+01:00"),
            CsvRow($"{p}-1", "delivered", p, "SKU-2", 3)) + "\r\n";

        var job = await CompletedAsync(acme, await PostCsvAsync(acme, csv));
        var first = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{p}-1");
        var second = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{p}-2");

        Assert.Equal((2, 2, 2, 0, 0), Counts(job));
        Assert.Equal(("csv", "magento"), (job.GetProperty("format").GetString(), job.GetProperty("sourceSystem").GetString()));
        Assert.Equal(("delivered", Created), (first.GetProperty("status").GetString(), first.GetProperty("createdAt").GetDateTimeOffset()));
        Assert.Equal([("SKU-1", 2, "Widget, large"), ("SKU-2", 3, "Widget, large")], first.GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("sku").GetString(), l.GetProperty("quantity").GetInt32(), l.GetProperty("name").GetString())));
        Assert.Equal(["legacy", "migrated"], first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(("placed", new DateTimeOffset(2024, 3, 2, 9, 0, 0, TimeSpan.Zero)), (second.GetProperty("status").GetString(), second.GetProperty("createdAt").GetDateTimeOffset()));
        Assert.Equal("magento", second.GetProperty("import").GetProperty("sourceSystem").GetString());
    }

    [Fact]
    public async Task Importing_the_same_file_twice_creates_nothing_new_and_counts_duplicates()
    {
        using var acme = api.Client();
        var p = Prefix();
        var csv = string.Join("\n", CsvHeader, CsvRow($"{p}-1", "shipped", p, "SKU-1", 1), CsvRow($"{p}-2", "closed", p, "SKU-1", 1));

        var firstJob = await CompletedAsync(acme, await PostCsvAsync(acme, csv));
        var secondJob = await CompletedAsync(acme, await PostCsvAsync(acme, csv));
        var order = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{p}-1");
        var listed = await SearchProjection.ListedAsync(acme, $"/api/v1/orders?customerId={p}&createdFrom=2024-03-01T00:00:00Z&createdTo=2024-03-02T00:00:00Z", 2);

        Assert.Equal((2, 2, 2, 0, 0), Counts(firstJob));
        Assert.Equal((2, 2, 0, 2, 0), Counts(secondJob));
        Assert.Equal(["duplicate", "duplicate"], secondJob.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(1, order.GetProperty("version").GetInt64());
        Assert.Equal(2, listed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_changed_order_with_a_known_source_id_is_a_row_error_and_the_order_stays_as_it_was()
    {
        using var acme = api.Client();
        var p = Prefix();
        await CompletedAsync(acme, await acme.PostJsonAsync("/api/v1/imports", new { source = "shopify", orders = new[] { JsonOrder($"{p}-1", "shipped", p) } }));

        var job = await CompletedAsync(acme, await acme.PostJsonAsync("/api/v1/imports", new
        {
            source = "shopify", orders = new[] { JsonOrder($"{p}-1", "shipped", p, quantity: 7), JsonOrder($"{p}-2", "shipped", p) },
        }));
        var order = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{p}-1");

        Assert.Equal((2, 2, 1, 0, 1), Counts(job));
        Assert.Equal([(1, $"{p}-1", null, "import-conflict")], Errors(job).Select(e => (e.Row, e.SourceId, e.Field, e.Code)));
        Assert.Equal((1L, 2), (order.GetProperty("version").GetInt64(), order.GetProperty("lines")[0].GetProperty("quantity").GetInt32()));
    }

    [Fact]
    public async Task Bad_csv_rows_are_reported_by_row_and_field_while_the_good_rows_import()
    {
        using var acme = api.Client();
        var p = Prefix();
        var csv = string.Join("\n",
            CsvHeader,                                                             // row 1
            CsvRow($"{p}-good1", "shipped", p, "SKU-1", 1),                        // row 2
            CsvRow($"{p}-nocur", "shipped", p, "SKU-1", 1, currency: ""),          // row 3: missing currency
            CsvRow($"{p}-status", "teleported", p, "SKU-1", 1),                    // row 4: not a workflow state
            CsvRow($"{p}-neg", "shipped", p, "SKU-1", 1),                          // row 5
            $"{p}-neg,,,,,,,SKU-2,Gadget,-3,5.00,,,,,,,,",                          // row 6: negative quantity on the order's second line
            $"{p}-broken,shipped,\"2024-03-01,EUR,{p},online,SKU-1,W,1,1.00",      // row 7: a quote never closed
            "only,three,fields",                                                   // row 8: wrong number of fields
            CsvRow($"{p}-good2", "closed", p, "SKU-3", 2));                        // row 9

        var job = await CompletedAsync(acme, await PostCsvAsync(acme, csv));
        var errors = Errors(job);

        Assert.Equal((7, 7, 2, 0, 5), Counts(job));
        Assert.Contains((3, $"{p}-nocur", "currency", "required"), errors);
        Assert.Contains((4, $"{p}-status", "status", "unknown-status"), errors);
        Assert.Contains(errors, e => e.Row == 6 && e.SourceId == $"{p}-neg" && e.Field == "lines[1].quantity");
        Assert.Contains((7, $"{p}-broken", null, "malformed-row"), errors);
        Assert.Contains((8, "only", null, "malformed-row"), errors);
        Assert.Equal("shipped", (await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{p}-good1")).GetProperty("status").GetString());
        Assert.Equal("closed", (await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{p}-good2")).GetProperty("status").GetString());
        foreach (var bad in new[] { "nocur", "status", "neg", "broken" })
            await ApiAssert.ProblemAsync(await acme.GetAsync($"/api/v1/orders/{p}-{bad}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_json_orders_are_reported_by_position_while_the_good_ones_import()
    {
        using var acme = api.Client();
        var p = Prefix();
        var body = $$"""
            [{{JsonSerializer.Serialize(JsonOrder($"{p}-1", "shipped", p), JsonSerializerOptions.Web)}},
             {{JsonSerializer.Serialize(JsonOrder($"{p}-2", "shipped", p, currency: null), JsonSerializerOptions.Web)}},
             {"id": "{{p}}-3", "lines": [{"sku": "A", "quantity": "many", "unitPrice": 1}]},
             42,
             {{JsonSerializer.Serialize(JsonOrder($"{p}-5", "shipped", p, quantity: -1), JsonSerializerOptions.Web)}},
             {{JsonSerializer.Serialize(JsonOrder($"{p}-6", "closed", p), JsonSerializerOptions.Web)}}]
            """;

        var job = await CompletedAsync(acme, await acme.SendRawAsync(HttpMethod.Post, "/api/v1/imports?source=woo", body));
        var errors = Errors(job);

        Assert.Equal((6, 6, 2, 0, 4), Counts(job));
        Assert.Contains((2, $"{p}-2", "currency", "required"), errors);
        Assert.Contains(errors, e => e is { Row: 3, Code: "invalid-row", Field: "lines[0].quantity" } && e.SourceId == $"{p}-3");
        Assert.Contains(errors, e => e is { Row: 4, SourceId: null, Code: "invalid-row" });
        Assert.Contains(errors, e => e.Row == 5 && e.Field == "lines[0].quantity");
        Assert.Equal("woo", (await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{p}-6")).GetProperty("import").GetProperty("sourceSystem").GetString());
    }

    [Fact]
    public async Task Another_tenant_cannot_see_the_import()
    {
        using var acme = api.Client();
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        var p = Prefix();
        var started = await acme.PostJsonAsync("/api/v1/imports", new[] { JsonOrder($"{p}-1", "shipped", p) });
        await CompletedAsync(acme, started);

        var job = await globex.GetAsync(started.Headers.Location);
        var order = await globex.GetAsync($"/api/v1/orders/{p}-1");

        await ApiAssert.ProblemAsync(job, HttpStatusCode.NotFound, "import-not-found");
        await ApiAssert.ProblemAsync(order, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_file_of_more_than_a_hundred_orders_imports_with_progress_reaching_the_total()
    {
        using var acme = api.Client();
        var p = Prefix();
        var csv = new StringBuilder(CsvHeader).Append('\n');
        for (var i = 0; i < 120; i++) csv.Append(CsvRow($"{p}-{i}", i % 3 == 0 ? "closed" : "shipped", p, "SKU-1", 1 + i % 4)).Append('\n');
        var progress = new List<int>();

        var job = await CompletedAsync(acme, await PostCsvAsync(acme, csv.ToString()), progress);
        var last = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{p}-119");

        Assert.Equal((120, 120, 120, 0, 0), Counts(job));
        Assert.Equal(progress.Order(), progress);
        Assert.Equal(120, progress[^1]);
        Assert.Equal(120, job.GetProperty("results").GetArrayLength());
        Assert.Equal(("shipped", 4), (last.GetProperty("status").GetString(), last.GetProperty("lines")[0].GetProperty("quantity").GetInt32()));
    }

    [Fact]
    public async Task A_request_that_is_not_an_import_is_a_4xx_naming_what_is_wrong()
    {
        using var acme = api.Client();

        var xml = await acme.SendRawAsync(HttpMethod.Post, "/api/v1/imports", "<orders/>", "application/xml");
        var unknownColumn = await acme.SendRawAsync(HttpMethod.Post, "/api/v1/imports", "order_id,sku,quantity,unit_price,colour\n", "text/csv");
        var noSku = await acme.SendRawAsync(HttpMethod.Post, "/api/v1/imports", "order_id,quantity,unit_price\n", "text/csv");
        var tooMany = await acme.SendRawAsync(HttpMethod.Post, "/api/v1/imports",
            "order_id,sku,quantity,unit_price\n" + string.Concat(Enumerable.Repeat("o,s,1,1\n", 5001)), "text/csv");
        var notJson = await acme.SendRawAsync(HttpMethod.Post, "/api/v1/imports", "{\"orders\": [", "application/json");
        var unknownMember = await acme.PostJsonAsync("/api/v1/imports", new { source = "x", orders = Array.Empty<object>(), extra = 1 });

        await ApiAssert.ProblemAsync(xml, HttpStatusCode.UnsupportedMediaType);
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(unknownColumn, HttpStatusCode.BadRequest), "colour");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(noSku, HttpStatusCode.BadRequest), "sku");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(tooMany, HttpStatusCode.BadRequest), "body");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(notJson, HttpStatusCode.BadRequest), "body");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(unknownMember, HttpStatusCode.BadRequest), "extra");
    }
}
