using System.Net;
using System.Text;
using OrderCluster.Api.Hosting;
using OrderCluster.Api.Imports;
using OrderCluster.Api.Tests.Customers;
using OrderCluster.Api.Tests.Support;
using System.Text.Json;

namespace OrderCluster.Api.Tests.Security;

/// <summary>
/// Input over the API's limits: a body over its route's limit (<c>Api:MaxJsonBodyBytes</c> for JSON, the import limit for
/// imports) on every route that reads a body is a 413 problem, an attachment over <c>Api:MaxUploadBytes</c> a 413, a huge header 431, a deeply nested body a 400, an
/// overlong <c>Idempotency-Key</c> a 400, a huge query string 414; never a 5xx, and nothing refused is stored.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OversizedInputTests(ApiCluster api)
{
    private static readonly long JsonLimit = new ApiOptions().MaxJsonBodyBytes;
    private static readonly long UploadLimit = new ApiOptions().MaxUploadBytes;

    /// <summary>The one route whose body is not JSON: a file, limited by <c>Api:MaxUploadBytes</c> instead.</summary>
    private const string AttachmentRoute = "POST /api/v1/orders/{orderId}/attachments";

    private const string ImportRoute = "POST /api/v1/imports";

    [Fact]
    public async Task A_body_over_its_routes_limit_is_a_413_problem_on_every_route_that_reads_a_body_and_is_not_stored()
    {
        using var client = api.Client();
        var customerId = $"sec-big-{Guid.NewGuid():N}"[..20];
        var routes = RouteTable.Api(api).Where(r => r.ReadsBody && r.ToString() != AttachmentRoute).ToList();

        var failures = new List<string>();
        foreach (var route in routes)
        {
            // Imports take a file of orders, up to their own limit; every other body is JSON up to Api:MaxJsonBodyBytes.
            var limit = route.ToString() == ImportRoute ? ImportsApi.MaxBytes : JsonLimit;
            var body = $$"""{"name":"{{new string('x', (int)limit)}}"}""";
            var path = route.Fill(p => p == "customerId" ? customerId : RouteTable.Placeholder(p));
            using var response = await client.SendRawAsync(new HttpMethod(route.Method), path, body);
            if (!await IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large")) failures.Add($"{route}: {(int)response.StatusCode}");
        }

        var customer = await client.GetAsync($"/api/v1/customers/{customerId}");
        Assert.True(routes.Count > 50, $"only {routes.Count} routes read a body");
        Assert.Contains(routes, r => r.ToString() == ImportRoute);
        Assert.True(failures.Count == 0, $"{failures.Count} of {routes.Count} routes did not answer 413:\n{string.Join("\n", failures)}");
        await ApiAssert.ProblemAsync(customer, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read()
    {
        using var client = api.Client();
        var customerId = $"sec-near-{Guid.NewGuid():N}"[..20];
        var profile = JsonSerializer.Serialize(CustomersApiTests.Profile("Near the limit"), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var padded = profile[..^1] + $$""","padding":"{{new string(' ', (int)JsonLimit - profile.Length - 20)}}"}""";

        var response = await client.SendRawAsync(HttpMethod.Put, $"/api/v1/customers/{customerId}", padded);

        // Read (an unknown member is a 400 naming it), not refused for its size.
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest), "padding");
    }

    [Fact]
    public async Task An_attachment_over_the_upload_limit_is_a_413_problem_and_is_not_stored()
    {
        using var client = api.Client();
        var order = (await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order()), HttpStatusCode.Created)).GetProperty("orderId").GetString();
        var before = await client.GetAsync($"/api/v1/orders/{order}");

        var declared = await client.PostAsync($"/api/v1/orders/{order}/attachments?fileName=big.bin",
            new ByteArrayContent(new byte[UploadLimit + 1]) { Headers = { ContentType = new("application/octet-stream") } });
        var chunked = await client.PostAsync($"/api/v1/orders/{order}/attachments?fileName=big.bin",
            new StreamContent(new MemoryStream(new byte[UploadLimit + 1])) { Headers = { ContentType = new("application/octet-stream"), ContentLength = null } });
        var after = await client.GetAsync($"/api/v1/orders/{order}");

        await ApiAssert.ProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        await ApiAssert.ProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task A_huge_header_is_431_and_a_huge_query_string_414()
    {
        using var client = api.Client();
        using var header = new HttpRequestMessage(HttpMethod.Get, "/api/v1/orders");
        header.Headers.TryAddWithoutValidation("X-Padding", new string('h', 64 * 1024));

        var hugeHeader = await client.SendAsync(header);
        var hugeQuery = await client.GetAsync("/api/v1/orders?q=" + new string('q', 64 * 1024));
        var manyParameters = await client.GetAsync("/api/v1/orders?" + string.Join('&', Enumerable.Range(0, 1000).Select(i => $"cf.f{i}=1")));

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, hugeHeader.StatusCode);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, hugeQuery.StatusCode);
        Assert.True(manyParameters.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong, $"{(int)manyParameters.StatusCode}");
    }

    [Theory]
    [InlineData(65)]
    [InlineData(10_000)]
    public async Task A_deeply_nested_body_is_a_400_problem(int depth)
    {
        using var client = api.Client();
        var customerId = $"sec-deep-{Guid.NewGuid():N}"[..20];
        var nested = new string('[', depth) + new string(']', depth);

        var order = await client.SendRawAsync(HttpMethod.Post, "/api/v1/orders", $$"""{"tags":{{nested}}}""");
        var customer = await client.SendRawAsync(HttpMethod.Put, $"/api/v1/customers/{customerId}", $$"""{"name":"Deep","addresses":{{nested}}}""");
        var stored = await client.GetAsync($"/api/v1/customers/{customerId}");

        await ApiAssert.ProblemAsync(order, HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(customer, HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(stored, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_overlong_or_unprintable_idempotency_key_is_a_400_problem_naming_it_and_nothing_is_created()
    {
        using var client = api.Client();
        var customerId = $"sec-idem-{Guid.NewGuid():N}"[..20];

        var overlong = await Put(new string('k', 10_000));
        var unprintable = await Put("key\u0001with-control");
        var stored = await client.GetAsync($"/api/v1/customers/{customerId}");

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(overlong, HttpStatusCode.BadRequest), "Idempotency-Key");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(unprintable, HttpStatusCode.BadRequest), "Idempotency-Key");
        await ApiAssert.ProblemAsync(stored, HttpStatusCode.NotFound);

        Task<HttpResponseMessage> Put(string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/customers/{customerId}")
            {
                Content = new StringContent(JsonSerializer.Serialize(CustomersApiTests.Profile("Idem"), new JsonSerializerOptions(JsonSerializerDefaults.Web)), Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            return client.SendAsync(request);
        }
    }

    private static async Task<bool> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code) =>
        response.StatusCode == status && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
        && (await response.Content.ReadAsStringAsync()).Contains($"https://ordercluster.dev/problems/{code}", StringComparison.Ordinal);
}
