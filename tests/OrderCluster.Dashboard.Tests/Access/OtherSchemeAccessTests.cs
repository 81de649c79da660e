using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Dashboard.Tests.Grains;
using OrderCluster.Testing.Cluster;

namespace OrderCluster.Dashboard.Tests.Access;

/// <summary>
/// A scheme named in <c>Dashboard:AuthenticationSchemes</c> (as an API-key scheme would be): its scope claims decide who reads and who
/// acts, and its callers need no Origin header; session callers still do for actions, and never for reads.
/// </summary>
public sealed class OtherSchemeAccessTests : IAsyncLifetime
{
    private const string Scheme = "TestScopes";
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync(1, o =>
        {
            o.GrainAssemblies.Add(typeof(ProfileGrain).Assembly);
            o.JsonResolvers.Add(ProfileJsonContext.Default);
            o.Configuration["Dashboard:Users:ops"] = "operator-pass-1";
            o.Configuration["Dashboard:OperatorUsers:0"] = "ops";
            o.Configuration["Dashboard:AuthenticationSchemes:0"] = Scheme;
            o.ListenHttp = true;
            o.ConfigureServices = services =>
            {
                services.AddDashboard(new ConfigurationBuilder().AddInMemoryCollection(o.Configuration).Build());
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HeaderScopesHandler>(Scheme, null);
            };
            o.ConfigureApp = app => app.MapDashboard();
        });
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private HttpClient Client(string? scopes)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = _cluster.Silos[0].HttpAddress,
        };
        if (scopes is not null) client.DefaultRequestHeaders.Add(HeaderScopesHandler.Header, scopes);
        return client;
    }

    private const string Deactivate = "/dashboard/api/grain/deactivate?type=profile&key=p1";

    [Fact]
    public async Task The_operations_scope_reads_but_cannot_act_and_no_scope_reads_nothing()
    {
        using var reader = Client("operations");
        using var stranger = Client("orders:read");

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/dashboard/api/me")).StatusCode);
        var refused = await reader.PostAsync(Deactivate, null);
        var stranded = await stranger.GetAsync("/dashboard/api/me");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType); // one answer, whole
        Assert.Equal(HttpStatusCode.Forbidden, stranded.StatusCode);
    }

    [Fact]
    public async Task The_admin_scope_acts_without_an_origin_header()
    {
        await _cluster.Grains.GetGrain<IProfileGrain>("p1").GetTierAsync();
        using var operatorKey = Client("operations:admin");

        var response = await operatorKey.PostAsync(Deactivate, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_session_needs_the_origin_to_act_but_not_to_read()
    {
        await _cluster.Grains.GetGrain<IProfileGrain>("p1").GetTierAsync();
        using var session = Client(null);
        var origin = _cluster.Silos[0].HttpAddress!.GetLeftPart(UriPartial.Authority);
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/dashboard/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "ops", ["password"] = "operator-pass-1" }),
            Headers = { { "Origin", origin } },
        };
        Assert.Equal(HttpStatusCode.SeeOther, (await session.SendAsync(signIn)).StatusCode);

        var read = await session.GetAsync("/dashboard/api/me");
        var crossSite = await session.PostAsync(Deactivate, null);
        using var fromThePage = new HttpRequestMessage(HttpMethod.Post, Deactivate) { Headers = { { "Origin", origin } } };
        var sameSite = await session.SendAsync(fromThePage);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameSite.StatusCode);
    }

    /// <summary>Authenticates whoever sends <see cref="Header"/>, with one <c>scope</c> claim per space-separated value.</summary>
    private sealed class HeaderScopesHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Header = "X-Test-Scopes";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var scopes)) return Task.FromResult(AuthenticateResult.NoResult());
            var claims = scopes.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim("scope", s)).Prepend(new Claim(ClaimTypes.Name, "key-1"));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
        }
    }
}
