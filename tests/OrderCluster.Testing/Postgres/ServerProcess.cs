using System.Diagnostics;
using System.Text;

namespace OrderCluster.Testing.Postgres;

/// <summary>
/// Runs the PostgreSQL tools. initdb and the server refuse to run as root, so as root every tool runs
/// as the <c>postgres</c> user through <c>runuser</c>.
/// </summary>
internal static class ServerProcess
{
    public const string ServiceUser = "postgres";

    public static bool IsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    /// <summary>Runs <paramref name="tool"/> (as the service user when root) and returns its output; throws on a non-zero exit.</summary>
    public static async Task<string> RunToolAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var (exitCode, output) = await RunAsync(tool, arguments, timeout, cancellationToken);
        if (exitCode != 0)
            throw new InvalidOperationException(
                $"'{Path.GetFileName(tool)} {string.Join(' ', arguments)}' exited with code {exitCode}:{Environment.NewLine}{output}");
        return output;
    }

    /// <summary>Runs <paramref name="tool"/> (as the service user when root) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        using var process = new Process { StartInfo = CreateStartInfo(tool, arguments) };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{Path.GetFileName(tool)} {string.Join(' ', arguments)}' did not finish within {timeout}.");
        }

        process.WaitForExit(); // flushes the asynchronous output readers
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>The synchronous variant, for process-exit handlers where nothing may be awaited.</summary>
    public static void RunSync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        using var process = new Process { StartInfo = CreateStartInfo(tool, arguments) };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout)) process.Kill(entireProcessTree: true);
    }

    /// <summary>Gives the service user ownership of <paramref name="path"/> (when running as root).</summary>
    public static async Task GrantToServiceUserAsync(string path, CancellationToken cancellationToken)
    {
        if (!IsRoot) return;
        using var process = Process.Start(new ProcessStartInfo("chown", ["-R", $"{ServiceUser}:{ServiceUser}", path])
            { RedirectStandardError = true, UseShellExecute = false })!;
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"Could not give the '{ServiceUser}' user ownership of {path} (chown exited with {process.ExitCode}): {error}. " +
                "Installing PostgreSQL with 'apt-get install -y postgresql' creates that user.");
    }

    private static ProcessStartInfo CreateStartInfo(string tool, IReadOnlyList<string> arguments)
    {
        var start = IsRoot ? new ProcessStartInfo("runuser") : new ProcessStartInfo(tool);
        if (IsRoot)
        {
            foreach (var arg in (string[])["-u", ServiceUser, "--", tool]) start.ArgumentList.Add(arg);
        }

        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true; // never let a tool wait on the test host's console
        start.UseShellExecute = false;
        return start;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
