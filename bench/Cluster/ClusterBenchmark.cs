using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OrderCluster.Bench.Runtime;
using OrderCluster.Runtime;
using OrderCluster.Runtime.Placement;
using OrderCluster.Testing.Postgres;

namespace OrderCluster.Bench.Cluster;

/// <summary>
/// <c>cluster</c>: calls from this process (silo A) to grains on a second silo process (B), 1 KB argument, 64
/// concurrent callers, against a raw TCP echo of the same payload over one connection (what the silo link uses) to a
/// child process, measured in alternating slices; then the time from SIGKILL of a third silo process to its grains
/// answering again. Options: <c>--seconds N</c> (default 5), <c>--postgres CONNECTION</c>.
/// </summary>
internal sealed class ClusterBenchmark : IBenchmarkSuite
{
    private const int Callers = 64;
    private const int Grains = 10_000;

    public string Name => "cluster";

    public string Description => "cross-silo calls vs raw TCP echo between processes; failover time after SIGKILL";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = TimeSpan.FromSeconds(double.Parse(Option(args, "--seconds") ?? "5", CultureInfo.InvariantCulture));
        var database = Option(args, "--postgres") ?? await (await PostgresServer.GetAsync()).CreateDatabaseAsync(cancellationToken);
        var cluster = "bench-" + Guid.NewGuid().ToString("N")[..8];

        await using var local = await ClusterBenchSilo.StartAsync(database, cluster, FreePort());
        using var remote = await StartSiloAsync(database, cluster);
        await local.WaitForSilosAsync(2);
        await MeasureCallsAsync(local, seconds);

        var before = local.View.Ring.Silos;
        using var doomed = await StartSiloAsync(database, cluster);
        await local.WaitForSilosAsync(3);
        await MeasureFailoverAsync(local, local.View.Ring.Silos.Except(before).Single(), doomed);
        return 0;
    }

    private static Task<ChildProcess> StartSiloAsync(string database, string cluster) =>
        ChildProcess.StartAsync("cluster-silo", "--database", database, "--cluster", cluster, "--port", FreePort().ToString(CultureInfo.InvariantCulture));

    private static async Task MeasureCallsAsync(ClusterBenchSilo local, TimeSpan duration)
    {
        var payload = new byte[1024];
        var grains = KeysOwnedBy(local, "ping", s => !s.Equals(local.View.LocalSilo)).Take(Grains)
            .Select(k => local.Grains.GetGrain<IPingGrain>(k)).ToArray();
        foreach (var chunk in grains.Chunk(500)) await Task.WhenAll(chunk.Select(g => g.PingAsync(payload)));

        var echoPort = FreePort();
        using var echo = await ChildProcess.StartAsync("echo-server", "--port", echoPort.ToString(CultureInfo.InvariantCulture));
        await using var client = await RawTcpEchoClient.ConnectAsync(echoPort);

        var (calls, baseline) = await Runtime.Load.CompareAsync(Callers, duration,
            (c, s) => grains[(int)((c * 7919 + s) % Grains)].PingAsync(payload),
            (_, _) => client.SendAsync(payload));

        BenchReport.Figure("cluster.cross_silo_calls", calls, "calls/s");
        BenchReport.Figure("cluster.cross_silo_calls.raw_tcp_echo_baseline", baseline, "calls/s");
        BenchReport.Figure("cluster.cross_silo_calls.ratio_to_baseline", calls / baseline, "x");
    }

    private static async Task MeasureFailoverAsync(ClusterBenchSilo local, SiloAddress doomedSilo, ChildProcess doomed)
    {
        var grain = local.Grains.GetGrain<IWriterGrain>(KeysOwnedBy(local, "writer", s => s.Equals(doomedSilo)).First());
        await grain.WriteAsync(1);

        var watch = Stopwatch.StartNew();
        doomed.Kill();
        while (true)
        {
            try
            {
                using (GrainCallContext.WithTimeout(TimeSpan.FromSeconds(1))) await grain.WriteAsync(2);
                break;
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException or GrainCallOutcomeUnknownException)
            {
                if (watch.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("The killed silo's grains never answered again.");
            }
        }

        BenchReport.Figure("cluster.failover_after_sigkill", watch.Elapsed.TotalSeconds, "s");
    }

    private static IEnumerable<string> KeysOwnedBy(ClusterBenchSilo local, string grainType, Func<SiloAddress, bool> owner) =>
        Enumerable.Range(0, int.MaxValue).Select(i => $"{grainType}-{i}")
            .Where(k => owner(local.View.Ring.OwnerOf(new GrainId(grainType, k))!));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
