using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Text.Json;
using OrderCluster.Testing;

namespace OrderCluster.Silo.Tests.Demo;

/// <summary>
/// <c>--demo</c> on a fresh embedded SQLite database: the demo tenant gets customers, warehouses in use, orders, non-zero
/// KPIs and forecasts of its total series, and console users who sign in with the printed password; a restart with
/// <c>--demo</c> adds no second seed or history and gives the users the new start's password.
/// Waits are bounded (<see cref="Eventually"/>); nothing asserts how long anything takes.
/// </summary>
public sealed class DemoModeTests : IDisposable
{
    private const string Key = "demo-test-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(3);

    // a fast stream and short steps, so orders reach every state in a test's time; a fixed seed for repeatable demand
    private static readonly string[] DemoArguments =
        ["--demo", $"--Demo:ApiKey={Key}", "--Demo:OrdersPerHour=1200", "--Demo:StepDelay=00:00:01", "--Demo:RandomSeed=7", "--Demo:BackfillDays=14"];

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Demo_mode_seeds_the_tenant_drives_orders_and_has_KPIs_and_forecasts_and_a_restart_seeds_nothing_twice()
    {
        string firstPassword;
        await using (var silo = await StartAsync())
        {
            Assert.Contains(Key, silo.Output); // the key is printed for the newcomer
            firstPassword = await ConsolePasswordAsync(silo);
            Assert.Equal(HttpStatusCode.Created, await SignInAsync(silo, "manager", firstPassword));

            await Eventually.TrueAsync(async () => await StatusAsync(silo, "/api/v1/customers/c-001") == HttpStatusCode.OK, "a demo customer exists", Wait);
            await Eventually.TrueAsync(async () => (await GetAsync(silo, "/api/v1/orders?limit=5"))?.GetProperty("items").GetArrayLength() > 0,
                "the order list has demo orders", Wait);
            await Eventually.TrueAsync(async () => (await GetAsync(silo, "/api/v1/analytics/kpis?grain=hour"))?.EnumerateArray()
                .Any(p => p.GetProperty("dimension").GetString() == "" && p.GetProperty("figures").GetProperty("orders").GetInt64() > 0) == true,
                "the tenant's hourly KPIs count orders", Wait);
            await Eventually.TrueAsync(async () => (await GetAsync(silo, "/api/v1/analytics/dimensions"))?.EnumerateArray()
                .Any(d => d.GetString()!.StartsWith("warehouse:", StringComparison.Ordinal)) == true,
                "orders were allocated from the demo warehouses", Wait);
            foreach (var grain in new[] { "hour", "day" })
                await Eventually.TrueAsync(async () => (await GetAsync(silo, $"/api/v1/analytics/forecasts/{grain}")) is { } view
                        && view.GetProperty("latest").ValueKind == JsonValueKind.Object
                        && view.GetProperty("latest").GetProperty("points").GetArrayLength() > 0,
                    $"the tenant's {grain}ly total series has a forecast", Wait);

            Assert.Contains("3 warehouses configured, 36 stock receipts, 36 unit costs, 60 customers created", silo.Output);
            Assert.Equal(0, await silo.TerminateAsync());
        }

        await using (var again = await StartAsync())
        {
            await Eventually.TrueAsync(() => again.Output.Contains("18 already had history"), "the restarted demo looked at its history", Wait);
            var secondPassword = await ConsolePasswordAsync(again);
            Assert.Equal(HttpStatusCode.Created, await SignInAsync(again, "clerk", secondPassword));
            Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(again, "clerk", firstPassword));

            Assert.Contains("0 warehouses configured, 0 stock receipts, 0 unit costs, 0 customers created", again.Output);
            Assert.Contains("0 forecast series given", again.Output);
            await Eventually.TrueAsync(async () => (await GetAsync(again, "/api/v1/analytics/kpis?grain=hour"))?.EnumerateArray()
                .Any(p => p.GetProperty("figures").GetProperty("orders").GetInt64() > 0) == true, "the KPIs are still there", Wait);
            Assert.Equal(0, await again.TerminateAsync());
        }
    }

    /// <summary>Starts the silo and waits until <c>/readyz</c> answers 200; a slow answer (a busy shared machine) is asked again.</summary>
    private async Task<SiloProcess> StartAsync()
    {
        var silo = SiloProcess.Launch(_directory.Path, DemoArguments);
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (silo.Process.HasExited) Assert.Fail($"The silo exited with {silo.Process.ExitCode}:\n{silo.Output}");
                try
                {
                    return await StatusAsync(silo, "/readyz") == HttpStatusCode.OK;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false; // not listening yet, or too busy to answer within the client's timeout
                }
            }, "the demo silo is ready", Wait);
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>The console password the demo printed (a fresh random one per start).</summary>
    private static async Task<string> ConsolePasswordAsync(SiloProcess silo)
    {
        Match? printed = null;
        await Eventually.TrueAsync(() => (printed = Regex.Match(silo.Output, @"Demo console: .* password ([0-9a-f]{16})")).Success,
            "the demo prints its console users and password", Wait);
        return printed!.Groups[1].Value;
    }

    private static async Task<HttpStatusCode> SignInAsync(SiloProcess silo, string username, string password)
    {
        using var response = await silo.Http.PostAsJsonAsync("/api/v1/sessions", new { tenant = "demo", username, password });
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> StatusAsync(SiloProcess silo, string path)
    {
        using var response = await silo.Http.SendAsync(Request(path));
        return response.StatusCode;
    }

    private static async Task<JsonElement?> GetAsync(SiloProcess silo, string path)
    {
        using var response = await silo.Http.SendAsync(Request(path));
        if (response.StatusCode != HttpStatusCode.OK) return null;
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static HttpRequestMessage Request(string path) =>
        new(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Key) } };
}
