using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrderCluster.Runtime;
using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Timers;

namespace OrderCluster.Testing.Silos;

/// <summary>How a test silo stores state and timers.</summary>
public enum TestStorage
{
    Memory,
    Sqlite,
    Postgres,
}

/// <summary>Settings of a <see cref="TestSilo"/>.</summary>
public sealed class TestSiloOptions
{
    public TestStorage Storage { get; set; } = TestStorage.Memory;

    public string? ConnectionString { get; set; }

    /// <summary>A manual clock; the system clock when null.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Configuration keys, e.g. <c>Runtime:CallTimeout</c>.</summary>
    public Dictionary<string, string?> Configuration { get; } = new();

    /// <summary>Assemblies whose grains the silo hosts.</summary>
    public List<Assembly> GrainAssemblies { get; } = [];

    /// <summary>Source-generated JSON contracts of those grains.</summary>
    public List<IJsonTypeInfoResolver> JsonResolvers { get; } = [];

    public Action<IServiceCollection>? ConfigureServices { get; set; }
}

/// <summary>One silo in this process with the given grains, on the chosen storage, on a real host.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private bool _stopped;

    private TestSilo(IHost host) => Host = host;

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public static async Task<TestSilo> StartAsync(Action<TestSiloOptions>? configure = null)
    {
        var options = new TestSiloOptions();
        configure?.Invoke(options);
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(options.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (options.Time is not null) builder.Services.AddSingleton(options.Time);
        builder.Services.AddOrderClusterRuntime(runtime =>
        {
            foreach (var assembly in options.GrainAssemblies) runtime.AddGrains(assembly);
            foreach (var resolver in options.JsonResolvers) runtime.AddJsonTypeInfoResolver(resolver);
            if (options.Storage == TestStorage.Memory) runtime.UseInMemoryStorage();
        });
        TestStorageProviders.Add(builder.Services, options);
        options.ConfigureServices?.Invoke(builder.Services);

        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Moves <paramref name="clock"/> one timer poll interval (1 s) and waits, in real time, until the durable timer
    /// service has polled at the new time: a test's clock then never runs ahead of timer deliveries on a slow machine.
    /// </summary>
    public async Task AdvanceOneTimerPollAsync(ManualTimeProvider clock)
    {
        var timers = Get<DurableTimerService>();
        var polls = timers.PollCount;
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => timers.PollCount > polls, "the timer service finishes its poll");
    }

    /// <summary>Graceful stop: drains, deactivates, flushes.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await Host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Host.Dispose();
    }
}
