using System.Collections.Concurrent;
using System.Text;
using OrderCluster.Api.Tests.Support;
using OrderCluster.Api.Tests.Tenants;
using Xunit.Abstractions;

namespace OrderCluster.Api.Tests.Security;

/// <summary>
/// Random and hostile values in every path parameter and every documented query parameter of every route (the route
/// table for paths, the OpenAPI document for query parameters; bodies are <c>MutatedBodyTests</c>' job): no answer is a
/// 5xx and every 4xx is problem details (but for what Kestrel refuses before the app runs, see <see cref="RefusedByKestrel"/>). A fresh tenant's admin key sends them, so nothing of the shared tenants is
/// touched. The seed is printed, and <c>SECURITY_FUZZ_SEED</c> replays a run.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PathAndQueryFuzzTests(ApiCluster api, ITestOutputHelper output)
{
    private const int RequestsPerRoute = 24;
    private const int Parallelism = 8;

    private static readonly string[] Hostile =
    [
        "", " ", ".", "..", "../../etc/passwd", "..%2f..%2f", "%00", "\u0000", "\t\r\n", "' OR 1=1 --", "'; DROP TABLE order_search; --", "\"", "\\", "/", "?", "#", "&", "=", ";",
        "%", "%25", "+", "*", "-1", "0", "2147483648", "-9223372036854775809", "99999999999999999999999", "1e309", "NaN", "Infinity", "true", "null", "[]", "{}",
        "<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}", "\ud83d\ude00", "İ", "\u202e", "\ufeff", "ß", "2026-13-45T99:99:99Z", "0001-01-01", "9999-12-31T23:59:59+14:00",
        "P1D", "-00:00:01", "10675199.02:48:05.4775808", "day", "week", "manager", "hold", "v1", "orders:read", new string('a', 1000), new string('9', 400),
    ];

    [Fact]
    public async Task Random_and_hostile_path_and_query_values_on_every_route_get_no_5xx_and_problem_details_on_every_4xx()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("SECURITY_FUZZ_SEED"), out var fixedSeed) ? fixedSeed : Environment.TickCount;
        output.WriteLine($"SECURITY_FUZZ_SEED={seed}");
        var tenant = await FreshTenant.CreateAsync(api);
        using var client = api.Client(tenant.AdminKey);
        var queryParameters = await QueryParametersAsync(client);
        var routes = RouteTable.Api(api).Where(r => !r.Anonymous).ToList();
        var random = new Random(seed);
        var plan = routes.SelectMany(route => Enumerable.Range(0, RequestsPerRoute).Select(_ => (Route: route, Path: Path(route, queryParameters, random)))).ToList();

        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (item, ct) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(item.Route.Method), item.Path);
            if (item.Route.TakesBody) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(ct);
            if (status >= 500 || (status is >= 400 and < 500 && response.Content.Headers.ContentType?.MediaType != "application/problem+json" && !RefusedByKestrel(item.Path, status, text)))
                failures.Add($"{item.Route}: {Short(item.Path)} -> {status} {response.Content.Headers.ContentType?.MediaType} {Short(text)}");
        });
        output.WriteLine($"{plan.Count} requests to {routes.Count} routes");

        Assert.True(routes.Count > 100, $"only {routes.Count} routes");
        Assert.True(queryParameters.Values.Sum(p => p.Count) > 30, "the OpenAPI document lists too few query parameters");
        Assert.True(failures.IsEmpty, $"seed {seed}: {failures.Count} of {plan.Count} failed:\n{string.Join("\n", failures.Take(30))}");
    }

    [Fact]
    public async Task Hostile_query_values_on_the_routes_of_an_existing_order_and_attachment_get_no_5xx_and_problem_details_on_every_4xx()
    {
        var tenant = await FreshTenant.CreateAsync(api);
        using var client = api.Client(tenant.AdminKey);
        var queryParameters = await QueryParametersAsync(client);
        var order = (await ApiAssert.OkJsonAsync(await client.PostJsonAsync("/api/v1/orders", OrderBodies.Order()), System.Net.HttpStatusCode.Created)).GetProperty("orderId").GetString()!;
        var attachment = (await ApiAssert.OkJsonAsync(await client.PostAsync($"/api/v1/orders/{order}/attachments?fileName=a.pdf",
            new ByteArrayContent("%PDF-1.4 a"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } }))).GetProperty("createdId").GetString()!;
        string[] values = ["\u0000", "a\u0000b", "' OR 1=1 --", "\ud83d\ude00", new string('a', 1000), "-1", ""];
        var routes = RouteTable.Api(api).Where(r => r.Parameters.Count > 0 && r.Parameters.All(p => p is "orderId" or "attachmentId") && queryParameters.GetValueOrDefault($"{r.Method} {r.Pattern}") is { Count: > 0 }).ToList();

        var failures = new List<string>();
        foreach (var route in routes)
        foreach (var value in values)
        {
            var query = string.Join('&', queryParameters[$"{route.Method} {route.Pattern}"].Select(name => $"{name}={Uri.EscapeDataString(value)}"));
            var path = $"{route.Fill(p => p == "orderId" ? order : attachment)}?{query}";
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
            if (route.TakesBody) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            if (status >= 500 || (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
                failures.Add($"{route.Method} {Short(path)} -> {status} {Short(await response.Content.ReadAsStringAsync())}");
        }

        Assert.True(routes.Count >= 3, $"only {routes.Count} order routes with query parameters: {string.Join(", ", routes)}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// A path holding U+0000 is refused by Kestrel itself (a bare 400, before any middleware runs), as is a request line
    /// over its limit (414): the only 4xx answers without problem details.
    /// </summary>
    internal static bool RefusedByKestrel(string pathAndQuery, int status, string body) =>
        body.Length == 0 && ((status == 400 && pathAndQuery.Split('?')[0].Contains("%00", StringComparison.Ordinal)) || status == 414);

    /// <summary>The route with each path parameter and some of its documented query parameters (and now and then an unknown or repeated one) given random values.</summary>
    private static string Path(ApiRoute route, Dictionary<string, List<string>> queryParameters, Random random)
    {
        var path = route.Fill(_ => Value(random));
        var query = new List<string>();
        foreach (var name in queryParameters.GetValueOrDefault($"{route.Method} {Documented(route.Pattern)}", []))
            if (random.Next(3) > 0) query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(Value(random))}");
        if (random.Next(4) == 0) query.Add($"{Uri.EscapeDataString(Value(random))}={Uri.EscapeDataString(Value(random))}");
        if (random.Next(4) == 0 && query.Count > 0) query.Add(query[random.Next(query.Count)]);
        if (random.Next(6) == 0) query.Add($"cf.{Uri.EscapeDataString(Value(random))}={Uri.EscapeDataString(Value(random))}");
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    /// <summary>A hostile value, or a random string of printable and other characters.</summary>
    private static string Value(Random random)
    {
        if (random.Next(3) > 0) return Hostile[random.Next(Hostile.Length)];
        var chars = new char[random.Next(1, 40)];
        for (var i = 0; i < chars.Length; i++) chars[i] = random.Next(4) == 0 ? (char)random.Next(0x80, 0xD7FF) : (char)random.Next(0x20, 0x7F);
        return new string(chars);
    }

    /// <summary>The pattern as the OpenAPI document spells it (route constraints left out).</summary>
    private static string Documented(string pattern) => System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+):[^}]+\}", "{$1}");

    /// <summary>"METHOD /path" → its documented query parameter names.</summary>
    private static async Task<Dictionary<string, List<string>>> QueryParametersAsync(HttpClient client)
    {
        var document = await ApiAssert.OkJsonAsync(await client.GetAsync("/openapi/v1.json"));
        var parameters = new Dictionary<string, List<string>>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            if (!operation.Value.TryGetProperty("parameters", out var list)) continue;
            parameters[$"{operation.Name.ToUpperInvariant()} {path.Name}"] = list.EnumerateArray()
                .Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToList();
        }

        return parameters;
    }

    private static string Short(string text) => text[..Math.Min(text.Length, 200)];
}
