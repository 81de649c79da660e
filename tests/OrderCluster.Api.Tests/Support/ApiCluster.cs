using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderCluster.Api.Hosting;
using OrderCluster.GrainInterfaces;
using OrderCluster.Grains;
using OrderCluster.Testing.Cluster;

namespace OrderCluster.Api.Tests.Support;

/// <summary>
/// A real silo on PostgreSQL listening for HTTP, set up as silo/Program.cs sets it up: the order domain, the API's
/// grains, exception handling, the API pipeline and endpoints. Two tenants have bootstrap admin keys.
/// </summary>
public sealed class ApiCluster : IAsyncLifetime
{
    public const string AcmeAdminKey = "acme-bootstrap-admin-key-0123456789abcdef";
    public const string GlobexAdminKey = "globex-bootstrap-admin-key-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings;
    private TestCluster _cluster = null!;

    public ApiCluster() : this(new Dictionary<string, string?>())
    {
    }

    internal ApiCluster(Dictionary<string, string?> settings) => _settings = settings;

    public TestCluster Cluster => _cluster;

    public Uri BaseAddress => _cluster.Silos[0].HttpAddress!;

    public IGrainFactory Grains => _cluster.Grains;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync(1, o =>
        {
            o.GrainAssemblies.Add(typeof(GrainInterfacesJsonContext).Assembly);
            o.GrainAssemblies.Add(typeof(GrainsJsonContext).Assembly);
            o.GrainAssemblies.Add(ApiServiceCollectionExtensions.GrainAssembly);
            o.JsonResolvers.Add(GrainInterfacesJsonContext.Default);
            o.JsonResolvers.Add(GrainsJsonContext.Default);
            o.JsonResolvers.Add(ApiServiceCollectionExtensions.GrainJson);
            o.Configuration["Api:BootstrapKeys:0:Tenant"] = "acme";
            o.Configuration["Api:BootstrapKeys:0:Key"] = AcmeAdminKey;
            o.Configuration["Api:BootstrapKeys:0:Roles:0"] = "admin";
            o.Configuration["Api:BootstrapKeys:1:Tenant"] = "globex";
            o.Configuration["Api:BootstrapKeys:1:Key"] = GlobexAdminKey;
            o.Configuration["Api:BootstrapKeys:1:Roles:0"] = "admin";
            o.Configuration["Api:RateLimitPermits"] = "100000";
            foreach (var (key, value) in _settings) o.Configuration[key] = value;
            o.ListenHttp = true;
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(o.Configuration).Build();
            o.ConfigureServices = services =>
            {
                services.AddOrderDomain(configuration);
                services.AddOrderClusterApi(configuration);
                if (Environment.GetEnvironmentVariable("API_TEST_LOGS") == "1") services.AddLogging(l => l.AddConsole());
            };
            o.ConfigureApp = app =>
            {
                app.UseExceptionHandler();
                app.UseStatusCodePages();
                app.UseOrderClusterApi();
                app.MapOrderClusterApi();
            };
        });
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>A client authenticated with <paramref name="key"/> (none when null).</summary>
    public HttpClient Client(string? key = AcmeAdminKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiCluster>
{
    public const string Name = "api";
}
