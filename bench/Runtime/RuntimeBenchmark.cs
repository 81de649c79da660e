using System.Globalization;
using Npgsql;
using OrderCluster.Runtime;
using OrderCluster.Testing.Postgres;

namespace OrderCluster.Bench.Runtime;

/// <summary>
/// <c>runtime</c>: local grain calls against a Channel ping-pong, PostgreSQL state writes through the runtime
/// against one-row upsert transactions, and the heap cost of an idle activation.
/// Options: <c>--seconds N</c> per measurement (default 5), <c>--only calls|writes|activations</c>,
/// <c>--postgres CONNECTION</c> (default: a private durable server started from the installed binaries; <c>--no-fsync</c>
/// uses one with fsync off), <c>--batches N</c> (group-commit batches in flight, default the runtime's).
/// </summary>
internal sealed class RuntimeBenchmark : IBenchmarkSuite
{
    private const int Callers = 64;
    private const int Grains = 10_000;
    private const int IdleActivations = 100_000;

    public string Name => "runtime";

    public string Description => "grain calls vs Channel ping-pong, state writes vs one-row upserts, bytes per activation";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = TimeSpan.FromSeconds(double.Parse(Option(args, "--seconds") ?? "5", CultureInfo.InvariantCulture));
        var only = Option(args, "--only"); // calls | writes | activations
        if (only is null or "calls") await MeasureCallsAsync(seconds);
        if (only is null or "writes")
        {
            var postgres = Option(args, "--postgres");
            if (postgres is null)
            {
                // Production durability (fsync and synchronous commit on), where group commit matters; --no-fsync
                // uses the test server instead.
                var fast = args.Contains("--no-fsync");
                BenchReport.Note($"starting a private PostgreSQL server ({(fast ? "fsync off" : "fsync on, synchronous commit")})");
                var server = fast ? await PostgresServer.GetAsync() : await PostgresServer.StartDurableAsync();
                postgres = await server.CreateDatabaseAsync(cancellationToken);
            }

            var batches = Option(args, "--batches") is { } b ? int.Parse(b, CultureInfo.InvariantCulture) : (int?)null;
            await MeasureStateWritesAsync(postgres, seconds, batches);
        }

        if (only is null or "activations") await MeasureIdleActivationsAsync();
        return 0;
    }

    private static async Task MeasureCallsAsync(TimeSpan duration)
    {
        var payload = new byte[1024];
        await using var silo = await BenchSilo.StartAsync(postgres: null);
        var grains = Enumerable.Range(0, Grains).Select(i => silo.Grains.GetGrain<IPingGrain>($"ping-{i}")).ToArray();
        await Task.WhenAll(grains.Select(g => g.PingAsync(payload))); // activate all first
        await using var channel = new ChannelPingPong(Environment.ProcessorCount);
        Func<int, long, Task> callGrain = (c, s) => grains[(int)((c * 7919 + s) % Grains)].PingAsync(payload);
        Func<int, long, Task> callChannel = (_, _) => channel.PingAsync(payload);

        var (calls, baseline) = await Load.CompareAsync(Callers, duration, callGrain, callChannel);

        BenchReport.Figure("runtime.local_calls", calls, "calls/s");
        BenchReport.Figure("runtime.local_calls.channel_pingpong_baseline", baseline, "calls/s");
        BenchReport.Figure("runtime.local_calls.ratio_to_baseline", calls / baseline, "x");
    }

    private static async Task MeasureStateWritesAsync(string postgres, TimeSpan duration, int? batches)
    {
        await using (var silo = await BenchSilo.StartAsync(postgres, batches))
        {
            var grains = Enumerable.Range(0, Grains).Select(i => silo.Grains.GetGrain<IWriterGrain>($"writer-{i}")).ToArray();
            await Task.WhenAll(grains.Select(g => g.ReadAsync()));

            await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres) { MaxPoolSize = Callers + 8 }.ConnectionString);
            await using (var create = dataSource.CreateCommand(
                             "CREATE TABLE IF NOT EXISTS bench_one_row (id text PRIMARY KEY, payload jsonb NOT NULL, version bigint NOT NULL)"))
                await create.ExecuteNonQueryAsync();
            Func<int, long, Task> upsert = async (caller, sequence) =>
            {
                await using var command = dataSource.CreateCommand(
                    "INSERT INTO bench_one_row (id, payload, version) VALUES ($1, $2::jsonb, 1) "
                    + "ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, version = bench_one_row.version + 1");
                command.Parameters.AddWithValue($"writer-{(caller * 7919 + sequence) % Grains}");
                command.Parameters.AddWithValue($"{{\"value\":{sequence}}}");
                await command.ExecuteNonQueryAsync();
            };
            Func<int, long, Task> write = (c, s) => grains[(int)((c * 7919 + s) % Grains)].WriteAsync(s);

            var (writes, baseline) = await Load.CompareAsync(Callers, duration, write, upsert);
            BenchReport.Figure("runtime.state_writes.postgres", writes, "writes/s");
            BenchReport.Figure("runtime.state_writes.one_row_upsert_baseline", baseline, "writes/s");
            BenchReport.Figure("runtime.state_writes.ratio_to_baseline", writes / baseline, "x");
        }
    }

    private static async Task MeasureIdleActivationsAsync()
    {
        await using var silo = await BenchSilo.StartAsync(postgres: null);
        await silo.Grains.GetGrain<IWriterGrain>("warm").ReadAsync();

        var before = SettledHeap();
        var grains = new IWriterGrain[IdleActivations];
        for (var i = 0; i < IdleActivations; i++) grains[i] = silo.Grains.GetGrain<IWriterGrain>($"idle-{i:D6}");
        var beforeActivation = SettledHeap(); // the references we hold are not the activations' cost
        foreach (var chunk in grains.Chunk(1000)) await Task.WhenAll(chunk.Select(g => g.ReadAsync()));
        var after = SettledHeap();
        GC.KeepAlive(grains);

        var states = new WriterState[IdleActivations];
        var beforeStates = SettledHeap();
        for (var i = 0; i < IdleActivations; i++) states[i] = new WriterState();
        var stateBytes = (SettledHeap() - beforeStates) / (double)IdleActivations;
        GC.KeepAlive(states);

        var perActivation = (after - beforeActivation) / (double)IdleActivations;
        BenchReport.Note($"heap before references {before}, before activation {beforeActivation}, after {after}");
        BenchReport.Figure("runtime.idle_activation.bytes", perActivation, "bytes");
        BenchReport.Figure("runtime.idle_activation.state_bytes", stateBytes, "bytes");
        BenchReport.Figure("runtime.idle_activation.bytes_beyond_state", perActivation - stateBytes, "bytes");
    }

    private static long SettledHeap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
