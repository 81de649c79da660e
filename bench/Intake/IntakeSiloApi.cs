using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrderCluster.Bench.Intake;

/// <summary>The calls the suite makes around the measurement: what the silo serves, the integrations' keys, and the run's orders.</summary>
internal sealed class IntakeSiloApi(HttpClient http, string adminKey)
{
    /// <summary>
    /// The route of stock allocation for one order (<c>POST /api/v1/orders/{orderId}/fulfilment/allocate</c>) when the silo's
    /// OpenAPI document lists it; otherwise null and why.
    /// </summary>
    public async Task<(string? Path, string Reason)> FindAllocationRouteAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("/openapi/v1.json", cancellationToken);
            if (!response.IsSuccessStatusCode) return (null, $"the silo's OpenAPI document answered {(int)response.StatusCode}, so allocation cannot be found");
            using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
            var allocate = paths.FirstOrDefault(p => p.StartsWith("/api/v1/orders/{", StringComparison.Ordinal)
                && p.EndsWith("/fulfilment/allocate", StringComparison.Ordinal));
            if (allocate is null)
                return (null, "the silo's API has no stock-allocation route (/api/v1/orders/{orderId}/fulfilment/allocate is not in /openapi/v1.json); "
                    + "orders are created and placed, but no stock is reserved");
            var parameter = allocate["/api/v1/orders/".Length..allocate.IndexOf('}', StringComparison.Ordinal)].TrimStart('{');
            return (allocate.Replace("{" + parameter + "}", "{orderId}", StringComparison.Ordinal), "reserving stock for every approved order through " + allocate);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, $"the silo's OpenAPI document could not be read ({e.Message}), so allocation cannot be found");
        }
    }

    /// <summary>
    /// Configures a warehouse of the run (in the orders' country) and receives <paramref name="units"/> of every catalogue SKU,
    /// so allocation reserves real stock; null when done, else why the silo refused.
    /// </summary>
    public async Task<string?> StockWarehouseAsync(string warehouseId, int units, CancellationToken cancellationToken)
    {
        var profile = new { profile = new { name = warehouseId, countryCode = "DE", priority = 1, costCurrency = "EUR", active = true } };
        if (await RefusalAsync(HttpMethod.Put, $"/api/v1/warehouses/{warehouseId}", profile, cancellationToken) is { } refused) return refused;
        for (var i = 0; i < MarketplaceOrders.Skus; i++)
        {
            var receive = new { sku = MarketplaceOrders.SkuOf(i), quantity = units, reference = warehouseId };
            if (await RefusalAsync(HttpMethod.Post, $"/api/v1/warehouses/{warehouseId}/receive", receive, cancellationToken) is { } refusal) return refusal;
        }

        return null;
    }

    private async Task<string?> RefusalAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var request = Authorized(method, path);
        request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? null : $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
    }

    /// <summary>Creates one key per integration (scopes <c>orders:*</c>, roles to place and allocate); null with the refusal when the admin key may not.</summary>
    public Task<(List<(string KeyId, string Key)>? Keys, string? Refusal)> CreateIntegrationKeysAsync(string runTag, int count, CancellationToken cancellationToken) =>
        CreateKeysAsync(Enumerable.Range(0, count).Select(i => $"{runTag}-{MarketplaceOrders.MarketplaceOf(i)}-{i}").ToList(),
            ["orders:*"], ["order-manager", "warehouse"], cancellationToken);

    /// <summary>
    /// Creates one key per name with <paramref name="scopes"/> and workflow <paramref name="roles"/>; when the admin key may not,
    /// revokes those already made and answers null with the refusal.
    /// </summary>
    public async Task<(List<(string KeyId, string Key)>? Keys, string? Refusal)> CreateKeysAsync(IReadOnlyList<string> names, string[] scopes, string[] roles,
        CancellationToken cancellationToken)
    {
        var keys = new List<(string, string)>(names.Count);
        foreach (var name in names)
        {
            using var request = Authorized(HttpMethod.Post, "/api/v1/api-keys");
            request.Content = JsonContent.Create(new { name, scopes, roles });
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await RevokeAsync(keys, cancellationToken);
                return (null, $"POST /api/v1/api-keys answered {(int)response.StatusCode}: {text}");
            }

            using var created = JsonDocument.Parse(text);
            keys.Add((created.RootElement.GetProperty("apiKey").GetProperty("keyId").GetString()!, created.RootElement.GetProperty("key").GetString()!));
        }

        return (keys, null);
    }

    public async Task RevokeAsync(IEnumerable<(string KeyId, string Key)> keys, CancellationToken cancellationToken)
    {
        foreach (var (keyId, _) in keys)
        {
            using var request = Authorized(HttpMethod.Delete, $"/api/v1/api-keys/{Uri.EscapeDataString(keyId)}");
            using var response = await http.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>The tenant the admin key belongs to (<c>GET /api/v1/me</c>).</summary>
    public async Task<string> TenantAsync(CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Get, "/api/v1/me");
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET /api/v1/me answered {(int)response.StatusCode}: {text}");
        using var caller = JsonDocument.Parse(text);
        return caller.RootElement.GetProperty("tenantId").GetString()!;
    }

    /// <summary>The ids of every order tagged <paramref name="runTag"/> created since <paramref name="since"/>, page by page, with how often each is listed.</summary>
    public async Task<Dictionary<string, int>> ListRunOrdersAsync(string runTag, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, int>(StringComparer.Ordinal);
        string? cursor = null;
        var from = Uri.EscapeDataString(since.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        do
        {
            var path = $"/api/v1/orders?tag={Uri.EscapeDataString(runTag)}&createdFrom={from}&limit=200"
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            using var request = Authorized(HttpMethod.Get, path);
            using var response = await http.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode == 429)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken);
                continue;
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {text}");
            using var page = JsonDocument.Parse(text);
            foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
            {
                var id = item.GetProperty("orderId").GetString()!;
                listed[id] = listed.GetValueOrDefault(id) + 1;
            }

            cursor = page.RootElement.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);

        return listed;
    }

    private HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        return request;
    }
}
