using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Orders;

/// <summary>Orders over HTTP on a real silo: create, read with ETag, workflow actions with optimistic concurrency, edits, records, tenants apart.</summary>
[Collection(ApiCollection.Name)]
public sealed class OrdersApiTests(ApiCluster api)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private static async Task<(string Id, string ETag)> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostJsonAsync("/api/v1/orders", body);
        var created = await ApiAssert.OkJsonAsync(response, HttpStatusCode.Created);
        return (created.GetProperty("orderId").GetString()!, response.Headers.ETag!.Tag);
    }

    private async Task<HttpClient> ClientWithAsync(string[] scopes, string[] roles)
    {
        using var admin = api.Client();
        var created = await ApiAssert.OkJsonAsync(await admin.PostJsonAsync("/api/v1/api-keys", new { name = "test", scopes, roles }), HttpStatusCode.Created);
        return api.Client(created.GetProperty("key").GetString());
    }

    [Fact]
    public async Task A_created_order_is_201_with_location_and_etag_and_reads_back_with_the_same_etag()
    {
        using var client = api.Client();

        var response = await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order());
        var created = await ApiAssert.OkJsonAsync(response, HttpStatusCode.Created);
        var read = await client.GetAsync(response.Headers.Location);
        var order = await ApiAssert.OkJsonAsync(read);

        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(response.Headers.ETag, read.Headers.ETag);
        Assert.Equal(created.GetProperty("orderId").GetString(), order.GetProperty("orderId").GetString());
        Assert.Equal("approved", order.GetProperty("status").GetString()); // 24.95 EUR: no approval rule matches
        Assert.Equal("online", order.GetProperty("channel").GetProperty("kind").GetString());
        Assert.Equal(24.95m, order.GetProperty("totals").GetProperty("total").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_stale_if_match_is_412_a_stale_body_version_409_with_the_current_version_and_a_fresh_one_succeeds()
    {
        using var client = api.Client();
        var (id, etag) = await CreateAsync(client, OrderBodies.Order());
        await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"/api/v1/orders/{id}/change-tags", new { add = new[] { "first" } }, ifMatch: etag));

        var stale = await client.PostJsonAsync($"/api/v1/orders/{id}/change-tags", new { add = new[] { "second" } }, ifMatch: etag);
        var staleBody = await client.PostJsonAsync($"/api/v1/orders/{id}/change-tags", new { add = new[] { "second" }, expectedVersion = 1 });
        var fresh = await client.PostJsonAsync($"/api/v1/orders/{id}/change-tags", new { add = new[] { "second" } }, ifMatch: "\"2\"");
        var order = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}");

        Assert.Equal(2, (await ApiAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "version-conflict")).GetProperty("currentVersion").GetInt64());
        Assert.Equal(2, (await ApiAssert.ProblemAsync(staleBody, HttpStatusCode.Conflict, "version-conflict")).GetProperty("currentVersion").GetInt64());
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("\"3\"", fresh.Headers.ETag?.Tag);
        Assert.Equal(["first", "second"], order.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task A_large_order_waits_for_a_managers_approval_and_an_illegal_action_is_409_with_the_allowed_ones()
    {
        using var integration = api.Client();
        using var manager = await ClientWithAsync(["orders:read", "orders:approve"], ["order-manager"]);
        using var writerWithoutApproval = await ClientWithAsync(["orders:write"], []);
        var (id, _) = await CreateAsync(integration, OrderBodies.Order(quantity: 2_000));

        var pending = await integration.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}");
        var notAllowedToApprove = await writerWithoutApproval.PostJsonAsync($"/api/v1/orders/{id}/approve", new { });
        var illegal = await integration.PostJsonAsync($"/api/v1/orders/{id}/actions/ship", new { });
        var approved = await manager.PostJsonAsync($"/api/v1/orders/{id}/approve", new { comment = "ok" });
        var held = await integration.PostJsonAsync($"/api/v1/orders/{id}/hold", new { reason = "customer called" });
        var resumed = await integration.PostJsonAsync($"/api/v1/orders/{id}/resume", new { });

        Assert.Equal("pending-approval", pending.GetProperty("status").GetString());
        await ApiAssert.ProblemAsync(notAllowedToApprove, HttpStatusCode.Forbidden, "missing-scope");
        var problem = await ApiAssert.ProblemAsync(illegal, HttpStatusCode.Conflict, "transition-not-allowed");
        Assert.Contains("cancel", problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("approved", (await ApiAssert.OkJsonAsync(approved)).GetProperty("status").GetString());
        Assert.Equal("on-hold", (await ApiAssert.OkJsonAsync(held)).GetProperty("status").GetString());
        Assert.Equal("approved", (await ApiAssert.OkJsonAsync(resumed)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_approver_without_the_levels_role_is_403_from_the_domain_and_reject_needs_a_reason()
    {
        using var integration = api.Client();
        using var financeOnly = await ClientWithAsync(["orders:approve"], ["finance"]);
        var (id, _) = await CreateAsync(integration, OrderBodies.Order(quantity: 2_000));

        var wrongRole = await financeOnly.PostJsonAsync($"/api/v1/orders/{id}/approve", new { });
        var noReason = await integration.PostJsonAsync($"/api/v1/orders/{id}/reject", new { });

        await ApiAssert.ProblemAsync(wrongRole, HttpStatusCode.Forbidden);
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(noReason, HttpStatusCode.BadRequest), "reason");
    }

    [Fact]
    public async Task Notes_communications_priority_and_lines_show_in_the_timeline_and_the_audit_trail()
    {
        using var client = api.Client();
        var (id, _) = await CreateAsync(client, OrderBodies.Order());

        var note = await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"/api/v1/orders/{id}/notes", new { text = "Gift wrap", visibility = "external" }));
        var noteId = note.GetProperty("createdId").GetString();
        await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"/api/v1/orders/{id}/notes/{noteId}", new { text = "Gift wrap, blue" }));
        await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"/api/v1/orders/{id}/communications", new { kind = "call", direction = "inbound", party = "Ada", summary = "Asked for blue" }));
        await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"/api/v1/orders/{id}/change-priority", new { priority = "high", reason = "VIP" }));
        await ApiAssert.OkJsonAsync(await client.PostJsonAsync($"/api/v1/orders/{id}/change-lines", new { update = new[] { new { lineId = "l1", quantity = 3 } } }));
        var notes = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders/{id}/notes"));
        var timeline = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders/{id}/timeline?limit=100"));
        var audit = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders/{id}/audit?order=oldestFirst&limit=100"));

        Assert.Equal("Gift wrap, blue", notes.GetProperty("items")[0].GetProperty("text").GetString());
        Assert.True(timeline.GetProperty("items").GetArrayLength() >= 5);
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(6, actions.Count); // one entry per version
        Assert.Contains(audit.GetProperty("items").EnumerateArray().SelectMany(e => e.GetProperty("changes").EnumerateArray()),
            c => c.GetProperty("path").GetString() == "lines[0].quantity" && c.GetProperty("after").GetString() == "3");
    }

    [Fact]
    public async Task An_attachment_uploads_downloads_and_is_removed_and_an_oversized_one_is_413()
    {
        using var client = api.Client();
        var (id, _) = await CreateAsync(client, OrderBodies.Order());
        var bytes = "%PDF-1.4 invoice"u8.ToArray();

        var added = await ApiAssert.OkJsonAsync(await client.PostAsync($"/api/v1/orders/{id}/attachments?fileName=invoice.pdf",
            new ByteArrayContent(bytes) { Headers = { ContentType = new("application/pdf") } }));
        var attachmentId = added.GetProperty("createdId").GetString();
        var download = await client.GetAsync($"/api/v1/orders/{id}/attachments/{attachmentId}");
        var removed = await client.DeleteAsync($"/api/v1/orders/{id}/attachments/{attachmentId}?reason=wrong");
        var tooLarge = await client.PostAsync($"/api/v1/orders/{id}/attachments?fileName=big.pdf",
            new ByteArrayContent(new byte[11 * 1024 * 1024]) { Headers = { ContentType = new("application/pdf") } });

        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        await ApiAssert.ProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Fact]
    public async Task Another_tenants_order_answers_404_on_every_order_endpoint_and_is_never_listed()
    {
        using var acme = api.Client();
        using var globex = api.Client(ApiCluster.GlobexAdminKey);
        var marker = Unique("iso");
        var (id, _) = await CreateAsync(acme, OrderBodies.Order(tags: [marker]));
        await SearchProjection.ListedAsync(acme, $"/api/v1/orders?tag={marker}", 1); // in the read model: the tenant check below is not a lag

        var reads = new[] { "", "/actions", "/timeline", "/audit", "/notes", "/communications", "/attachments/a1" };
        var writes = new (string Path, object Body)[]
        {
            ("/actions/cancel", new { reason = "x" }), ("/cancel", new { reason = "x" }), ("/hold", new { }), ("/resume", new { }),
            ("/approve", new { }), ("/reject", new { reason = "x" }), ("/change-tags", new { add = new[] { "x" } }),
            ("/change-lines", new { remove = new[] { "l1" } }), ("/change-fulfilment", new { billingSameAsShipping = true }),
            ("/set-custom-fields", new { values = new { } }), ("/change-priority", new { priority = "high" }),
            ("/notes", new { text = "x" }), ("/notes/n1", new { text = "x" }), ("/communications", new { party = "x", summary = "x" }),
        };
        foreach (var path in reads)
            await ApiAssert.ProblemAsync(await globex.GetAsync($"/api/v1/orders/{id}{path}"), HttpStatusCode.NotFound);
        foreach (var (path, body) in writes)
            await ApiAssert.ProblemAsync(await globex.PostJsonAsync($"/api/v1/orders/{id}{path}", body), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await globex.DeleteAsync($"/api/v1/orders/{id}/attachments/a1"), HttpStatusCode.NotFound);
        var globexList = await ApiAssert.OkJsonAsync(await globex.GetAsync($"/api/v1/orders?tag={marker}"));
        var acmeOrder = await ApiAssert.OkJsonAsync(await acme.GetAsync($"/api/v1/orders/{id}"));

        Assert.Equal(0, globexList.GetProperty("items").GetArrayLength());
        Assert.Equal(1, acmeOrder.GetProperty("version").GetInt64()); // nothing globex sent changed it
    }

    [Fact]
    public async Task Search_filters_and_pages_with_a_cursor_without_gaps_or_repeats()
    {
        using var client = api.Client();
        var marker = Unique("page");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await CreateAsync(client, OrderBodies.Order(customerId: "c-page", tags: [marker], priority: i == 0 ? "urgent" : "normal"))).Id);
        await SearchProjection.ListedAsync(client, $"/api/v1/orders?tag={marker}", 5);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders?tag={marker}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}")));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null && pages < 10);
        var urgent = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders?tag={marker}&priority=urgent"));
        var text = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders?q={ids[3][..12]}&customerId=c-page"));
        var badCursor = await client.GetAsync("/api/v1/orders?cursor=not-a-cursor");
        var badLimit = await client.GetAsync("/api/v1/orders?limit=1000");
        var wrongTypeLimit = await client.GetAsync("/api/v1/orders?limit=abc");
        var badPriority = await client.GetAsync("/api/v1/orders?priority=mega");

        Assert.Equal(ids.AsEnumerable().Reverse(), seen); // newest first, each once
        Assert.Equal([ids[0]], urgent.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()));
        Assert.Contains(ids[3], text.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()));
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(badCursor, HttpStatusCode.BadRequest), "cursor");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(badLimit, HttpStatusCode.BadRequest), "limit");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(wrongTypeLimit, HttpStatusCode.BadRequest), "limit");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(badPriority, HttpStatusCode.BadRequest), "priority");
    }
}
