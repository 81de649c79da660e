using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace OrderCluster.Bench.Intake;

/// <summary>
/// The silo of this repository, built in Release and started as a child process on a private SQLite file with a bootstrap
/// key of its own, for <c>intake</c> without <c>--url</c>. Stopped with SIGTERM (drain), killed if it does not exit.
/// </summary>
internal sealed class PrivateSilo : IAsyncDisposable
{
    public const string Tenant = "intake-bench";
    private readonly Process _process;
    private readonly string _directory;
    private readonly Queue<string> _output = new();

    private PrivateSilo(Process process, string directory, Uri url, string key)
    {
        _process = process;
        _directory = directory;
        Url = url;
        Key = key;
    }

    public Uri Url { get; }

    public string Key { get; }

    /// <summary>Runs <paramref name="run"/> against <paramref name="urls"/> with <paramref name="key"/>, or, without any, against a private silo started for it and stopped after.</summary>
    public static async Task<int> RunAgainstAsync(IReadOnlyList<Uri> urls, string? key, Func<IReadOnlyList<Uri>, string, Task<int>> run,
        CancellationToken cancellationToken)
    {
        if (urls.Count > 0) return await run(urls, key!);
        await using var silo = await StartAsync(cancellationToken);
        return await run([silo.Url], silo.Key);
    }

    public static async Task<PrivateSilo> StartAsync(CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var project = Path.Combine(root, "silo", "OrderCluster.Silo.csproj");
        BenchReport.Note($"building {project} (Release)");
        await RunToEndAsync("dotnet", ["build", project, "-c", "Release", "--nologo", "-v", "q"], cancellationToken);
        var assembly = Path.Combine(root, "silo", "bin", "Release", "net10.0", "OrderCluster.Silo.dll");

        var directory = Directory.CreateTempSubdirectory("ordercluster-intake-").FullName;
        var key = "intake-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var url = new Uri($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     assembly, "--urls", url.ToString().TrimEnd('/'), "--Storage:Provider=Sqlite",
                     $"--Storage:ConnectionString=Data Source={Path.Combine(directory, "ordercluster.db")}",
                     $"--Api:BootstrapKeys:0:Tenant={Tenant}", $"--Api:BootstrapKeys:0:Key={key}", "--Api:BootstrapKeys:0:Roles:0=admin",
                     // Each integration has its own key; lift the per-key limit so the run measures the silo, not the policy.
                     "--Api:RateLimitPermits=1000000", "--Logging:LogLevel:Default=Warning",
                 })
            start.ArgumentList.Add(argument);

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var silo = new PrivateSilo(process, directory, url, key);
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        BenchReport.Note($"started a private silo (pid {process.Id}) on SQLite in {directory}, {url}");
        await silo.WaitUntilReadyAsync(cancellationToken);
        return silo;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 40) _output.Dequeue();
        }
    }

    private string Tail()
    {
        lock (_output) return string.Join(Environment.NewLine, _output);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the private silo exited with {_process.ExitCode}:{Environment.NewLine}{Tail()}");
            if (deadline.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"the private silo was not ready in 2 minutes:{Environment.NewLine}{Tail()}");
            try
            {
                using var response = await http.GetAsync("/readyz", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // not listening yet
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await RunToEndAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], CancellationToken.None);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        BenchReport.Note($"stopped the private silo (exit code {_process.ExitCode})");
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task RunToEndAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' failed ({process.ExitCode}):{Environment.NewLine}{await output}{await errors}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "OrderCluster.sln"))) return directory.FullName;
        throw new InvalidOperationException("cannot find the repository (OrderCluster.sln) above the bench binary to build the silo from; pass --url and --key");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
