using System.Diagnostics;
using System.Net.Http.Json;
using OrderCluster.Testing.Postgres;
using Xunit.Abstractions;

namespace OrderCluster.Silo.Tests;

/// <summary>Silos as separate OS processes sharing PostgreSQL: one is killed with SIGKILL and the others take over.</summary>
public sealed class ClusterProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<SiloProcess> _silos = [];
    private readonly List<TempDirectory> _directories = [];
    private string _database = "";
    private readonly string _cluster = "proc-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync() => _database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
        foreach (var directory in _directories) directory.Dispose();
    }

    [Fact]
    public async Task After_SIGKILL_of_one_silo_process_the_others_serve_its_grains_and_no_acknowledged_write_is_lost()
    {
        for (var i = 0; i < 3; i++) _silos.Add(await StartSiloAsync());
        var keys = Enumerable.Range(0, 60).Select(i => $"proc-{i}").ToList();
        var acknowledged = new Dictionary<string, long>();
        foreach (var key in keys) acknowledged[key] = (await IncrementAsync(_silos[0], key))!.Value;
        foreach (var key in keys)
            Assert.Equal(acknowledged[key], (await _silos[1].Http.GetFromJsonAsync<Counter>($"/api/v1/samples/counters/{key}"))!.Value);

        var killed = Stopwatch.StartNew();
        _silos[2].Kill();
        var survivors = _silos.Take(2).ToList();
        foreach (var key in keys)
        {
            Counter? after = null;
            while (after is null)
            {
                after = await IncrementAsync(survivors[key.GetHashCode() & 1], key);
                if (after is null && killed.Elapsed > TimeSpan.FromSeconds(90)) Assert.Fail($"{key} did not answer again:\n{survivors[0].Output}");
            }

            Assert.True(after.Value > acknowledged[key], $"{key}: acknowledged {acknowledged[key]}, now {after.Value}");
        }

        output.WriteLine($"every grain answered again within {killed.Elapsed.TotalSeconds:0.0} s of SIGKILL");
    }

    private async Task<SiloProcess> StartSiloAsync()
    {
        var directory = new TempDirectory();
        _directories.Add(directory);
        return await SiloProcess.StartAsync(directory.Path,
            "--Storage:Provider=Postgres", $"--Storage:ConnectionString={_database}", $"--Cluster:Name={_cluster}",
            $"--Cluster:SiloPort={SiloProcess.FreePort()}", "--Cluster:AdvertisedAddress=127.0.0.1", "--Logging:LogLevel:Default=Warning");
    }

    /// <summary>One increment; null when the call failed (the silo answered an error or did not answer).</summary>
    private static async Task<Counter?> IncrementAsync(SiloProcess silo, string key)
    {
        try
        {
            using var response = await silo.Http.PostAsJsonAsync($"/api/v1/samples/counters/{key}/increment", new { by = 1 });
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<Counter>() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    private sealed record Counter(string Key, long Value, long Version);
}
