using System.Net;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Webhooks;

/// <summary>
/// Subscriptions may not target the silo's own network (SSRF): on a silo with the default settings, loopback, private,
/// link-local and metadata targets are a 422 problem naming <c>url</c>, on creation and on update, and nothing is stored.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookTargetTests(ApiCluster api)
{
    [Theory]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://localhost:8443/hooks")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://[::ffff:127.0.0.1]/hooks")]
    [InlineData("https://10.0.0.8/hooks")]
    [InlineData("https://192.168.1.20/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1")]
    [InlineData("https://[fe80::1]/hooks")]
    public async Task A_subscription_to_a_refused_target_is_a_422_naming_the_url(string url)
    {
        using var client = api.Client(ApiCluster.GlobexAdminKey);
        var before = await ApiAssert.OkJsonAsync(await client.GetAsync("/api/v1/webhooks"));

        var refused = await client.PostJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "*" } });
        var after = await ApiAssert.OkJsonAsync(await client.GetAsync("/api/v1/webhooks"));

        var problem = await ApiAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        ApiAssert.NamesField(problem, "url");
        Assert.Contains("may not target", problem.GetProperty("detail").GetString());
        Assert.Equal(before.GetProperty("items").GetArrayLength(), after.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Moving_a_subscription_to_a_refused_target_is_refused_and_keeps_its_url()
    {
        using var client = api.Client(ApiCluster.GlobexAdminKey);
        var created = await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/webhooks", new { url = "https://93.184.216.34/hooks", eventTypes = new[] { "*" } }),
            HttpStatusCode.Created);
        var id = created.GetProperty("subscription").GetProperty("subscriptionId").GetString();

        var moved = await client.PatchAsync($"/api/v1/webhooks/{id}", System.Net.Http.Json.JsonContent.Create(new { url = "https://169.254.169.254/latest" }));
        var read = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/webhooks/{id}"));

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(moved, HttpStatusCode.UnprocessableEntity), "url");
        Assert.Equal("https://93.184.216.34/hooks", read.GetProperty("url").GetString());
        await client.DeleteAsync($"/api/v1/webhooks/{id}");
    }
}
