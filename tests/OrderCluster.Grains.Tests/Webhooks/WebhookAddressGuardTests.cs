using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Grains.Webhooks;

namespace OrderCluster.Grains.Tests.Webhooks;

/// <summary>
/// The SSRF guard of webhook targets: metadata, loopback, private and link-local addresses are refused by default, by
/// name and by every resolved address, at subscription time and again when a delivery connects; settings open loopback
/// (tests, local development), private networks, and restrict targets to allowed hosts.
/// </summary>
public sealed class WebhookAddressGuardTests
{
    private static WebhookAddressGuard Guard(bool loopback = false, bool privateNetworks = false, params string[] hosts) =>
        new(new WebhookOptions { AllowLoopback = loopback, AllowPrivateNetworks = privateNetworks, AllowedHosts = hosts });

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("100.100.100.200")]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    public void Local_private_link_local_and_metadata_addresses_are_refused_by_default(string address) =>
        Assert.NotNull(Guard().RefuseAddress(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    public void Public_addresses_are_allowed(string address) => Assert.Null(Guard().RefuseAddress(IPAddress.Parse(address)));

    [Fact]
    public void Settings_open_loopback_and_private_networks_but_never_link_local_or_metadata()
    {
        var open = Guard(loopback: true, privateNetworks: true);

        Assert.Null(open.RefuseAddress(IPAddress.Loopback));
        Assert.Null(open.RefuseAddress(IPAddress.Parse("10.0.0.5")));
        Assert.Null(open.RefuseAddress(IPAddress.Parse("fd12::1")));
        Assert.NotNull(open.RefuseAddress(IPAddress.Parse("169.254.169.254")));
        Assert.NotNull(open.RefuseHost("metadata.google.internal"));
        Assert.NotNull(Guard(loopback: true).RefuseAddress(IPAddress.Parse("192.168.0.1")));
    }

    [Fact]
    public void Allowed_hosts_restrict_targets_by_exact_name_or_wildcard()
    {
        var guard = Guard(false, false, "hooks.example.com", "*.partner.example");

        Assert.Null(guard.RefuseHost("hooks.example.com"));
        Assert.Null(guard.RefuseHost("HOOKS.example.com."));
        Assert.Null(guard.RefuseHost("eu.partner.example"));
        Assert.NotNull(guard.RefuseHost("partner.example.evil.com"));
        Assert.NotNull(guard.RefuseHost("example.com"));
        Assert.NotNull(guard.RefuseHost("93.184.216.34"));
    }

    [Fact]
    public async Task A_name_is_refused_when_it_resolves_to_a_refused_address()
    {
        var refused = await Guard().RefuseResolvedAsync("localhost", CancellationToken.None);
        var allowed = await Guard(loopback: true).RefuseResolvedAsync("localhost", CancellationToken.None);

        Assert.NotNull(refused);
        Assert.Null(allowed);
    }

    [Fact]
    public async Task A_delivery_connection_checks_the_addresses_it_connects_to()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var refusing = Client(loopback: false);
        using var allowing = Client(loopback: true);
        // The receiver listens on 127.0.0.1; "localhost" names it too, as a name a DNS answer could point anywhere.
        var byName = new UriBuilder(receiver.Url) { Host = "localhost" }.Uri;

        var refusedLiteral = await Assert.ThrowsAsync<HttpRequestException>(() => refusing.PostAsync(receiver.Url, new StringContent("{}")));
        var refusedName = await Assert.ThrowsAsync<HttpRequestException>(() => refusing.PostAsync(byName, new StringContent("{}")));
        using var delivered = await allowing.PostAsync(receiver.Url, new StringContent("{}"));

        Assert.IsType<WebhookAddressRefusedException>(refusedLiteral.InnerException ?? refusedLiteral);
        Assert.IsType<WebhookAddressRefusedException>(refusedName.InnerException ?? refusedName);
        Assert.True(delivered.IsSuccessStatusCode);
        Assert.Single(receiver.Received);
    }

    /// <summary>The webhook HTTP client exactly as the silo registers it.</summary>
    private static HttpClient Client(bool loopback)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:AllowHttp"] = "true", ["Webhooks:AllowLoopback"] = loopback ? "true" : "false",
        }).Build();
        var services = new ServiceCollection().AddOrderWebhooks(configuration).BuildServiceProvider();
        return services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpWebhookSender.ClientName);
    }
}
