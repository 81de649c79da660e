using System.Net;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Security;

/// <summary>A silo whose webhook targets are restricted by configuration: two allowed hosts (a public and a private address), private networks opened, http refused.</summary>
public sealed class RestrictedWebhooksFixture : IAsyncLifetime
{
    public const string AllowedPublic = "93.184.216.34", AllowedPrivate = "10.20.30.40";

    public ApiCluster Api { get; } = new(new Dictionary<string, string?>
    {
        ["Webhooks:AllowedHosts:0"] = AllowedPublic,
        ["Webhooks:AllowedHosts:1"] = AllowedPrivate,
        ["Webhooks:AllowedHosts:2"] = "169.254.169.254", // listed, yet a metadata address is refused always
        ["Webhooks:AllowedHosts:3"] = "*.hooks.invalid",
        ["Webhooks:AllowPrivateNetworks"] = "true",
    });

    public Task InitializeAsync() => Api.InitializeAsync();

    public Task DisposeAsync() => Api.DisposeAsync();
}

/// <summary>
/// Webhook targets restricted by configuration, over HTTP (the address guard's own rules are unit tested in the grains'
/// tests, the defaults in <c>WebhookTargetTests</c>): with <c>Webhooks:AllowedHosts</c> set only those hosts are accepted,
/// <c>AllowPrivateNetworks</c> opens a private address only if it is also allowed, a metadata address stays refused even
/// when listed, http stays refused without <c>AllowHttp</c>; every refusal is a 422 naming <c>url</c> on creation and on
/// update, and nothing refused is stored.
/// </summary>
public sealed class WebhookTargetSettingsTests(RestrictedWebhooksFixture fixture) : IClassFixture<RestrictedWebhooksFixture>
{
    [Theory]
    [InlineData("https://93.184.216.34/hooks")]
    [InlineData("https://10.20.30.40:8443/hooks")]
    public async Task An_allowed_host_is_accepted(string url)
    {
        using var client = fixture.Api.Client();

        var created = await client.PostJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "order.archived" } });

        var body = await ApiAssert.OkJsonAsync(created, HttpStatusCode.Created);
        Assert.Equal(url, body.GetProperty("subscription").GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("https://93.184.216.35/hooks")]                  // public, but not allowed
    [InlineData("https://10.20.30.41/hooks")]                    // private networks are open, but this host is not allowed
    [InlineData("https://169.254.169.254/latest/meta-data")]     // allowed by name, refused as a metadata address
    [InlineData("http://93.184.216.34/hooks")]                   // allowed host, but http is off
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://example.com/hooks")]
    public async Task A_host_the_settings_refuse_is_a_422_naming_the_url_and_is_not_stored(string url)
    {
        using var client = fixture.Api.Client(ApiCluster.GlobexAdminKey);
        var before = await client.GetStringAsync("/api/v1/webhooks");

        var refused = await client.PostJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "order.archived" } });
        var after = await client.GetStringAsync("/api/v1/webhooks");

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity), "url");
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Moving_a_subscription_to_a_host_the_settings_refuse_keeps_its_url()
    {
        using var client = fixture.Api.Client();
        var created = await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/webhooks", new { url = "https://93.184.216.34/move", eventTypes = new[] { "order.archived" } }),
            HttpStatusCode.Created);
        var id = created.GetProperty("subscription").GetProperty("subscriptionId").GetString();

        var moved = await client.PatchAsync($"/api/v1/webhooks/{id}", System.Net.Http.Json.JsonContent.Create(new { url = "https://93.184.216.35/move" }));
        var read = await ApiAssert.OkJsonAsync(await client.GetAsync($"/api/v1/webhooks/{id}"));

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(moved, HttpStatusCode.UnprocessableEntity), "url");
        Assert.Equal("https://93.184.216.34/move", read.GetProperty("url").GetString());
    }
}
