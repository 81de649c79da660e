using System.Net;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Auth;

/// <summary>
/// Rate limits per key: a key over its budget gets 429 with Retry-After, another key of the same tenant does not; sign-in
/// attempts are limited per client address, whatever their outcome.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly ApiCluster _api = new(new Dictionary<string, string?>
    {
        ["Api:RateLimitPermits"] = "5",
        ["Api:RateLimitWindow"] = "00:01:00",
        ["Api:SignInPermitsPerMinute"] = "3",
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

    [Fact]
    public async Task Sign_in_attempts_over_the_per_address_budget_get_429_and_keys_keep_going()
    {
        using var anonymous = _api.Client(key: null);
        using var other = _api.Client("acme-second-bootstrap-key-0123456789abcdef");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await anonymous.PostJsonAsync("/api/v1/sessions", new { tenant = "acme", username = "nobody", password = $"guess-number-{i}" })).StatusCode);
        var limited = await anonymous.PostJsonAsync("/api/v1/sessions", new { tenant = "acme", username = "nobody", password = "guess-number-5" });

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 3).Append(HttpStatusCode.TooManyRequests), statuses);
        await ApiAssert.ProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/me")).StatusCode);
    }
}
