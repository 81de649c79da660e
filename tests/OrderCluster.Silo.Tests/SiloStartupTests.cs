using System.Net;
using System.Net.Http.Json;

namespace OrderCluster.Silo.Tests;

public sealed class SiloStartupTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task With_no_configuration_it_starts_on_embedded_SQLite_under_data_and_answers_healthz()
    {
        await using var silo = await SiloProcess.StartAsync(_directory.Path);

        using var health = await silo.Http.GetAsync("/healthz");
        using var ready = await silo.Http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(File.Exists(Path.Combine(_directory.Path, "data", "ordercluster.db")), silo.Output);
    }

    [Fact]
    public async Task The_anonymous_sample_endpoints_are_not_served_unless_enabled()
    {
        await using var silo = await SiloProcess.StartAsync(_directory.Path, "--Samples:Enabled=false");

        using var increment = await silo.Http.PostAsJsonAsync("/api/v1/samples/counters/x/increment", new { by = 1 });
        using var reminder = await silo.Http.GetAsync("/api/v1/samples/reminders/x");

        Assert.Equal(HttpStatusCode.NotFound, increment.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reminder.StatusCode);
    }

    [Theory]
    [InlineData("--Storage:Provider=Oracle", "Storage:Provider")]
    [InlineData("--Storage:Provider=Postgres", "Storage:ConnectionString")]
    [InlineData("--Runtime:CallTimeout=-00:00:01", "Runtime:CallTimeout")]
    [InlineData("--Timers:PollInterval=00:00:00", "Timers:PollInterval")]
    [InlineData("--Storage:Batching:MaxBatchSize=0", "Storage:Batching:MaxBatchSize")]
    public async Task A_bad_setting_fails_startup_with_a_message_naming_it(string argument, string setting)
    {
        await using var silo = SiloProcess.Launch(_directory.Path, argument);

        var exitCode = await silo.WaitForExitAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains(setting, silo.Output);
        Assert.DoesNotContain("   at ", silo.Output); // a message, not a stack trace
    }

    [Fact]
    public async Task Metrics_are_served_in_Prometheus_text_format_with_grain_call_figures()
    {
        await using var silo = await SiloProcess.StartAsync(_directory.Path);
        using var increment = await silo.Http.PostAsJsonAsync("/api/v1/samples/counters/m/increment", new { by = 1 });
        increment.EnsureSuccessStatusCode();

        using var response = await silo.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE ordercluster_grain_call_duration_seconds histogram", text);
        Assert.Contains("ordercluster_grain_call_duration_seconds_count{grain_type=\"sample-counter\",method=\"ISampleCounterGrain.IncrementAsync\"} 1", text);
        Assert.Contains("ordercluster_grain_call_duration_seconds_bucket{grain_type=\"sample-counter\",method=\"ISampleCounterGrain.IncrementAsync\",le=\"+Inf\"} 1", text);
        Assert.Contains("ordercluster_storage_batch_size_bucket{operation=\"commit\"", text);
        Assert.Contains("ordercluster_activations{grain_type=\"sample-counter\"} 1", text);
    }
}
