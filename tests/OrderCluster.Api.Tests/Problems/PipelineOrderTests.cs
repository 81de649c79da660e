using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Hosting;
using OrderCluster.Runtime;

namespace OrderCluster.Api.Tests.Problems;

/// <summary>
/// The API's pipeline as a silo builds it: authentication runs after the exception handler, so a key lookup that meets a
/// silo the cluster cannot reach (found by the chaos run: a killed silo still in membership) is the retryable 503 problem,
/// not a bare 500 from the server.
/// </summary>
public sealed class PipelineOrderTests
{
    [Fact]
    public async Task A_key_lookup_that_cannot_reach_its_silo_is_a_503_problem()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IGrainFactory, UnreachableGrains>();
        builder.Services.AddOrderClusterApi(new ConfigurationBuilder().Build());
        await using var app = builder.Build();
        app.UseExceptionHandler();
        app.UseOrderClusterApi();
        // An endpoint of the API's own policy: mapping the whole API would need the domain's services too.
        app.MapGet("/api/v1/probe", () => "reached").RequireAuthorization(ApiKeyAuthenticationHandler.SchemeName);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("X-Api-Key", "oc_0123456789abcdef_secretsecretsecretsecretsecret");

        using var response = await client.GetAsync("/api/v1/probe");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("temporarily-unavailable", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        await app.StopAsync();
    }

    /// <summary>A cluster whose every silo is out of reach: each grain call fails before it is sent.</summary>
    private sealed class UnreachableGrains : IGrainFactory
    {
        public T GetGrain<T>(string key) where T : IGrainWithStringKey => throw Unreachable(key);

        public T GetGrain<T>(GrainId grainId) where T : IGrain => throw Unreachable(grainId.ToString());

        private static SiloUnavailableException Unreachable(string grain) => new($"the silo of {grain} cannot be reached now");
    }
}
