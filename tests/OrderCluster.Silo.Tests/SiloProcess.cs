using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrderCluster.Silo.Tests;

/// <summary>
/// The silo binary started as its own OS process, as an operator would run it. Output is captured for
/// failure messages; <see cref="Kill"/> is SIGKILL (no goodbye), <see cref="TerminateAsync"/> is SIGTERM.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process, Uri baseAddress)
    {
        Process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Process Process { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>Starts the silo in <paramref name="workingDirectory"/> and waits until <c>/readyz</c> answers 200.</summary>
    public static async Task<SiloProcess> StartAsync(string workingDirectory, params string[] arguments)
    {
        var silo = Launch(workingDirectory, arguments);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (silo.Process.HasExited)
                throw new InvalidOperationException($"The silo exited with {silo.Process.ExitCode} before it was ready:\n{silo.Output}");
            try
            {
                using var response = await silo.Http.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK) return silo;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The silo did not become ready:\n{silo.Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>Starts the silo without waiting for it (for start-up failure tests).</summary>
    public static SiloProcess Launch(string workingDirectory, params string[] arguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SiloBinary.Path);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The tests drive the runtime through the sample endpoints, which a silo serves only when asked to.
        if (!arguments.Any(a => a.StartsWith("--Samples:Enabled", StringComparison.Ordinal))) start.ArgumentList.Add("--Samples:Enabled=true");
        start.Environment["DOTNET_gcServer"] = "0"; // several silos share two cores in tests

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>SIGKILL: the process dies at once, with no shutdown code run.</summary>
    public void Kill()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.WaitForExit();
    }

    /// <summary>SIGTERM, as Kubernetes or systemd would send; waits for the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        if (!Process.HasExited)
        {
            using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", Process.Id.ToString()]);
            await kill.WaitForExitAsync();
        }

        await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return Process.ExitCode;
    }

    public async Task<int> WaitForExitAsync()
    {
        await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return Process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        Process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
