using System.Net;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Auth;

/// <summary>Rate limits per key: a key over its budget gets 429 with Retry-After, another key of the same tenant does not.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly ApiCluster _api = new(new Dictionary<string, string?>
    {
        ["Api:RateLimitPermits"] = "5",
        ["Api:RateLimitWindow"] = "00:01:00",
        ["Api:BootstrapKeys:2:Tenant"] = "acme",
        ["Api:BootstrapKeys:2:Key"] = "acme-second-bootstrap-key-0123456789abcdef",
    });

    public Task InitializeAsync() => _api.InitializeAsync();

    public Task DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task A_key_over_its_budget_gets_429_with_retry_after_and_other_keys_keep_going()
    {
        using var busy = _api.Client();
        using var other = _api.Client("acme-second-bootstrap-key-0123456789abcdef");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) statuses.Add((await busy.GetAsync("/api/v1/me")).StatusCode);
        var limited = await busy.GetAsync("/api/v1/me");
        var otherKey = await other.GetAsync("/api/v1/me");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Append(HttpStatusCode.TooManyRequests), statuses);
        await ApiAssert.ProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
    }
}
