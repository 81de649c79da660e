using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Api.Admin;
using OrderCluster.Api.Problems;
using OrderCluster.Api.Tests.Support;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Testing;
using OrderCluster.Testing.Cluster;
using OrderCluster.TestGrains;

namespace OrderCluster.Api.Tests.Admin;

/// <summary>
/// The stream admin endpoints on a silo listening for HTTP: operators only, dead letters listed, re-driven and discarded,
/// a group reset, explicit subscriptions, and bad requests answered with problem details.
/// </summary>
public sealed class StreamAdminApiTests : IAsyncLifetime
{
    private const string Operator = "ops", OperatorPassword = "operator-pass-1", Viewer = "sre", ViewerPassword = "viewer-pass-2";
    private const string PoisonGroup = "implicit:poison-consumer:poison";
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync(1, o =>
        {
            o.GrainAssemblies.Add(typeof(ICounterGrain).Assembly);
            o.JsonResolvers.Add(TestGrainsJsonContext.Default);
            o.Configuration[$"Dashboard:Users:{Operator}"] = OperatorPassword;
            o.Configuration[$"Dashboard:Users:{Viewer}"] = ViewerPassword;
            o.Configuration["Dashboard:OperatorUsers:0"] = Operator;
            o.Configuration["Streams:RetryBackoff"] = "00:00:00.050";
            o.Configuration["Streams:MaxDeliveryAttempts"] = "2";
            // The poison events' one field is "text": redacting it shows the dashboard's rules reach the dead-letter list.
            o.Configuration["Dashboard:RedactedFields:0"] = "text";
            o.ListenHttp = true;
            o.ConfigureServices = services => services.AddDashboard(new ConfigurationBuilder()
                .AddInMemoryCollection(o.Configuration).Build());
            o.ConfigureApp = app =>
            {
                app.MapDashboard();
                app.MapStreamAdminApi().RequireOperator();
            };
        });
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private Uri BaseAddress => _cluster.Silos[0].HttpAddress!;

    /// <summary>A client signed in to the dashboard (its session cookie), sending this silo as Origin like the dashboard page does.</summary>
    private async Task<HttpClient> SignedInAsync(string user, string password)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("Origin", BaseAddress.GetLeftPart(UriPartial.Authority));
        var signIn = await client.PostAsync("/dashboard/signin",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user, ["password"] = password }));
        Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        return client;
    }

    [Fact]
    public async Task Only_operators_may_use_the_stream_admin_endpoints()
    {
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };
        using var viewer = await SignedInAsync(Viewer, ViewerPassword);
        using var crossSite = await SignedInAsync(Operator, OperatorPassword);
        crossSite.DefaultRequestHeaders.Remove("Origin");
        crossSite.DefaultRequestHeaders.Add("Origin", "https://evil.example");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/admin/streams/groups")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/admin/streams/groups")).StatusCode);
        var refused = await crossSite.PostAsync("/api/v1/admin/streams/dead-letters/1/redrive", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_operator_sees_a_dead_letter_redrives_it_after_the_fix_and_discards_another()
    {
        using var http = await SignedInAsync(Operator, OperatorPassword);
        var silo = _cluster.Silos[0];
        var run = Guid.NewGuid().ToString("N")[..8];
        StreamEventData Poison(string key, string text) => new(new StreamId("poison", $"{key}-{run}"), "text", new PoisonEvent(text));
        await silo.Services.GetRequiredService<IStreamPublisher>().PublishAsync([Poison("sick", "poison"), Poison("dropped", "poison")]);

        var letters = default(JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            letters = await http.GetFromJsonAsync<JsonElement>($"/api/v1/admin/streams/dead-letters?group={Uri.EscapeDataString(PoisonGroup)}");
            return letters.GetArrayLength() == 2;
        }, "both poison events are dead-lettered");
        long IdOf(string key) => letters.EnumerateArray().Single(l => l.GetProperty("stream").GetProperty("key").GetString() == $"{key}-{run}")
            .GetProperty("id").GetInt64();

        var stillPoison = await http.PostAsync($"/api/v1/admin/streams/dead-letters/{IdOf("sick")}/redrive", null);
        await silo.Grains.GetGrain<IPoisonConsumerGrain>($"sick-{run}").HealAsync();
        var redriven = await http.PostAsync($"/api/v1/admin/streams/dead-letters/{IdOf("sick")}/redrive", null);
        var discarded = await http.DeleteAsync($"/api/v1/admin/streams/dead-letters/{IdOf("dropped")}");
        var left = await http.GetFromJsonAsync<JsonElement>($"/api/v1/admin/streams/dead-letters?group={Uri.EscapeDataString(PoisonGroup)}");

        Assert.Equal(HttpStatusCode.Conflict, stillPoison.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redriven.StatusCode);
        Assert.Equal(["1:poison"], await silo.Grains.GetGrain<IPoisonConsumerGrain>($"sick-{run}").GetHandledAsync());
        Assert.Equal(HttpStatusCode.NoContent, discarded.StatusCode);
        Assert.Empty(await silo.Grains.GetGrain<IPoisonConsumerGrain>($"dropped-{run}").GetHandledAsync());
        Assert.Equal(0, left.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync($"/api/v1/admin/streams/dead-letters/{IdOf("dropped")}")).StatusCode);
        // The refusals are the API's problem details: application/problem+json, a status and a stable type.
        await ApiAssert.ProblemAsync(stillPoison, HttpStatusCode.Conflict, "redrive-failed");
        await ApiAssert.ProblemAsync(await http.DeleteAsync($"/api/v1/admin/streams/dead-letters/{IdOf("dropped")}"), HttpStatusCode.NotFound, "dead-letter-not-found");
    }

    [Fact]
    public async Task Dead_letter_payloads_are_redacted_with_the_dashboards_rules()
    {
        using var http = await SignedInAsync(Operator, OperatorPassword);
        var silo = _cluster.Silos[0];
        var key = $"redact-{Guid.NewGuid():N}"[..15];
        await silo.Services.GetRequiredService<IStreamPublisher>().PublishAsync([new(new StreamId("poison", key), "text", new PoisonEvent("poison"))]);

        var letter = default(JsonElement);
        await Eventually.TrueAsync(async () =>
        {
            var letters = await http.GetFromJsonAsync<JsonElement>($"/api/v1/admin/streams/dead-letters?group={Uri.EscapeDataString(PoisonGroup)}");
            letter = letters.EnumerateArray().FirstOrDefault(l => l.GetProperty("stream").GetProperty("key").GetString() == key);
            return letter.ValueKind == JsonValueKind.Object;
        }, "the poison event is dead-lettered");
        var payload = letter.GetProperty("payloadJson").GetString()!;
        var dashboardView = silo.Services.GetRequiredService<OrderCluster.Runtime.PayloadRedactor>().Redact("""{"text":"poison"}""");
        await http.DeleteAsync($"/api/v1/admin/streams/dead-letters/{letter.GetProperty("id").GetInt64()}");

        Assert.DoesNotContain("poison", payload, StringComparison.Ordinal);
        Assert.Contains(OrderCluster.Runtime.PayloadRedactor.Mask, payload, StringComparison.Ordinal);
        Assert.Equal(dashboardView, payload);
    }

    [Fact]
    public async Task Groups_lag_reset_and_subscriptions_work_over_http()
    {
        using var http = await SignedInAsync(Operator, OperatorPassword);

        var subscribed = await http.PutAsJsonAsync("/api/v1/admin/streams/subscriptions/audit", new { @namespace = "test", streamKey = "only-this", consumer = "stream-recorder/audit" });
        var groups = await http.GetFromJsonAsync<JsonElement>("/api/v1/admin/streams/groups");
        var lag = await http.GetAsync("/api/v1/admin/streams/lag");
        var reset = await http.PostAsJsonAsync("/api/v1/admin/streams/groups/audit/reset", new { fromStart = true });
        var unsubscribed = await http.DeleteAsync("/api/v1/admin/streams/subscriptions/audit");
        var unsubscribedAgain = await http.DeleteAsync("/api/v1/admin/streams/subscriptions/audit");

        Assert.Equal(HttpStatusCode.NoContent, subscribed.StatusCode);
        var names = groups.EnumerateArray().Select(g => g.GetProperty("group").GetString()).ToList();
        Assert.Contains("audit", names);
        Assert.Contains(PoisonGroup, names);
        Assert.Equal(HttpStatusCode.OK, lag.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, reset.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unsubscribed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unsubscribedAgain.StatusCode);
        await ApiAssert.ProblemAsync(unsubscribedAgain, HttpStatusCode.NotFound, "subscription-not-found");
    }

    [Theory]
    [InlineData("POST", "/api/v1/admin/streams/groups/x/reset", """{"fromStart":true,"fromTime":"2026-01-01T00:00:00Z"}""", "fromStart")]
    [InlineData("POST", "/api/v1/admin/streams/groups/x/reset", """{"streamNamespace":"test","streamKey":"k"}""", "fromSequence")]
    [InlineData("PUT", "/api/v1/admin/streams/subscriptions/s1", """{"namespace":"test","consumer":"no-slash"}""", "consumer")]
    [InlineData("PUT", "/api/v1/admin/streams/subscriptions/implicit:x", """{"namespace":"test","consumer":"a/b"}""", "id")]
    [InlineData("GET", "/api/v1/admin/streams/dead-letters?limit=0", null, "limit")]
    public async Task Bad_requests_are_400_problem_details_naming_the_field(string method, string path, string? body, string field)
    {
        using var http = await SignedInAsync(Operator, OperatorPassword);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(ApiProblems.TypeBase + "invalid-request", problem.GetProperty("type").GetString());
    }
}
