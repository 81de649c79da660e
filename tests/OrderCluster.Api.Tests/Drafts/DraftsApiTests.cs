using System.Net;
using System.Net.Http.Json;
using OrderCluster.Api.Tests.Customers;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Drafts;

/// <summary>An order entered step by step over HTTP: customer (addresses prefilled), lines, shipping, review, submit once.</summary>
[Collection(ApiCollection.Name)]
public sealed class DraftsApiTests(ApiCluster api)
{
    [Fact]
    public async Task A_draft_goes_through_its_steps_and_submits_one_order_even_when_submit_is_retried()
    {
        using var client = api.Client();
        var customerId = $"cust-{Guid.NewGuid():N}"[..20];
        await ApiAssert.OkJsonAsync(await client.PutAsJsonAsync($"/api/v1/customers/{customerId}", CustomersApiTests.Profile("Grace")));

        var started = await client.PostJsonAsync("/api/v1/drafts", new { channel = new { kind = "phone" }, currency = "EUR" });
        var draftPath = started.Headers.Location!.ToString();
        await ApiAssert.OkJsonAsync(started, HttpStatusCode.Created);
        var customer = await ApiAssert.OkJsonAsync(await client.PutAsJsonAsync($"{draftPath}/customer", new { customerId }));
        var skipAhead = await client.PostJsonAsync($"{draftPath}/go-to-step", new { step = "review" });
        await ApiAssert.OkJsonAsync(await client.PutAsJsonAsync($"{draftPath}/lines", new { lines = new[] { new { sku = "SKU-9", quantity = 3, unitPrice = 7.5m } } }));
        var review = await ApiAssert.OkJsonAsync(await client.PutAsJsonAsync($"{draftPath}/fulfilment", new { shipping = new { method = "express", price = 9m } }));
        var stale = await client.PostJsonAsync($"{draftPath}/submit", new { }, ifMatch: "\"1\"");
        var submitted = await client.PostJsonAsync($"{draftPath}/submit", new { });
        var again = await client.PostJsonAsync($"{draftPath}/submit", new { });

        Assert.Equal("Grace", customer.GetProperty("shippingAddress").GetProperty("name").GetString()); // prefilled from the profile
        await ApiAssert.ProblemAsync(skipAhead, HttpStatusCode.Conflict);
        Assert.Equal("review", review.GetProperty("currentStep").GetString());
        Assert.Equal(31.5m, review.GetProperty("review").GetProperty("totals").GetProperty("total").GetProperty("amount").GetDecimal());
        await ApiAssert.ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "version-conflict");
        var result = await ApiAssert.OkJsonAsync(submitted);
        var orderId = result.GetProperty("orderId").GetString();
        Assert.Equal(orderId, (await ApiAssert.OkJsonAsync(again)).GetProperty("orderId").GetString());
        var order = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/orders/{orderId}"));
        Assert.Equal("phone", order.GetProperty("channel").GetProperty("kind").GetString());
        var listed = await SearchProjection.ListedAsync(client, $"/api/v1/orders?customerId={customerId}", 1);
        Assert.Equal([orderId], listed.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()));
    }
}
