using System.Diagnostics;

namespace OrderCluster.Testing.Postgres;

/// <summary>
/// A detached shell that waits for the test process to end, however it ends (a test host may be killed before its
/// exit handlers finish), then stops the server and removes its directory.
/// </summary>
internal static class ServerWatchdog
{
    private const string Script =
        """
        exec </dev/null >/dev/null 2>&1
        while kill -0 "$1"; do sleep 1; done
        if [ -f "$3/postmaster.pid" ]; then
          if [ "$5" = root ]; then runuser -u postgres -- "$2" stop -D "$3" -m immediate -w -t 20; else "$2" stop -D "$3" -m immediate -w -t 20; fi
        fi
        rm -rf "$4"
        """;

    public static void Start(string pgCtl, string dataDirectory, string rootDirectory)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            // Our own pipes, never read: the watchdog must not hold the test host's output open after it exits.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])["-c", Script, "ordercluster-pg-watchdog", Environment.ProcessId.ToString(), pgCtl,
                     dataDirectory, rootDirectory, ServerProcess.IsRoot ? "root" : "user"])
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)
                            ?? throw new InvalidOperationException("Could not start the PostgreSQL cleanup watchdog (/bin/sh).");
    }
}
