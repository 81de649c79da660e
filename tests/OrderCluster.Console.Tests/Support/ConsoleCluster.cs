using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using OrderCluster.Api.Hosting;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Dashboard.OperationsConsole;
using OrderCluster.GrainInterfaces;
using OrderCluster.Grains;
using OrderCluster.Testing.Cluster;

namespace OrderCluster.Console.Tests.Support;

/// <summary>
/// A real silo on PostgreSQL listening for HTTP, set up as silo/Program.cs sets it up (the order domain, the API, the
/// console), with tenant <see cref="Tenant"/>'s bootstrap admin key and four console users created over the API:
/// <c>clerk</c> (sales), <c>manager</c> (order-manager), <c>finance</c> and <c>admin</c>, all with <see cref="Password"/>.
/// </summary>
public sealed class ConsoleCluster : IAsyncLifetime
{
    public const string Tenant = "acme";
    public const string AdminKey = "acme-console-bootstrap-admin-key-0123456789";
    public const string Password = "console-pass-1";

    /// <summary>The console users and their roles.</summary>
    public static IReadOnlyDictionary<string, string> Users { get; } = new Dictionary<string, string>
    {
        ["clerk"] = "sales", ["manager"] = "order-manager", ["finance"] = "finance", ["admin"] = "admin",
    };

    private TestCluster _cluster = null!;

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
            o.Configuration["Api:BootstrapKeys:0:Tenant"] = Tenant;
            o.Configuration["Api:BootstrapKeys:0:Key"] = AdminKey;
            o.Configuration["Api:BootstrapKeys:0:Roles:0"] = "admin";
            o.Configuration["Api:RateLimitPermits"] = "100000";
            o.Configuration["Api:SignInPermitsPerMinute"] = "1000";
            o.Configuration["Webhooks:AllowLoopback"] = "true";
            o.Configuration["Webhooks:AllowHttp"] = "true"; // the admin tests' receiver is http on 127.0.0.1
            o.Configuration["Webhooks:MaxAttempts"] = "1"; // a failed delivery is failed at once, so the admin tests can replay it
            o.ListenHttp = true;
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(o.Configuration).Build();
            o.ConfigureServices = services =>
            {
                services.AddOrderDomain(configuration);
                services.AddOrderClusterApi(configuration);
                services.AddDashboard(configuration);
            };
            o.ConfigureApp = app =>
            {
                app.UseExceptionHandler();
                app.UseStatusCodePages();
                app.UseOrderClusterApi();
                app.MapConsole();
                app.MapOrderClusterApi();
            };
        });

        using var admin = Client();
        foreach (var (username, role) in Users)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/users", new { username, password = Password, displayName = $"Test {username}", roles = new[] { role } });
            Assert.True(response.IsSuccessStatusCode, $"creating user {username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>A client authenticated with <paramref name="key"/> (the tenant's admin key by default; none when null).</summary>
    public HttpClient Client(string? key = AdminKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleCluster>, ICollectionFixture<Chromium>
{
    public const string Name = "console";
}
