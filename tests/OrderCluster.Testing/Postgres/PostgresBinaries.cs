namespace OrderCluster.Testing.Postgres;

/// <summary>Finds the PostgreSQL server binaries (initdb, pg_ctl) installed on this machine.</summary>
internal static class PostgresBinaries
{
    private const string InstallHint =
        "Install them with 'apt-get install -y postgresql' (Debian/Ubuntu), or set ORDERCLUSTER_PG_BIN to the folder holding initdb and pg_ctl.";

    /// <summary>The folder holding initdb and pg_ctl: ORDERCLUSTER_PG_BIN, the newest /usr/lib/postgresql/*/bin, then PATH.</summary>
    public static string FindBinDirectory()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("ORDERCLUSTER_PG_BIN") is { Length: > 0 } configured) candidates.Add(configured);

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            candidates.AddRange(Directory.GetDirectories(debianRoot)
                .Select(dir => (Dir: dir, Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

        foreach (var dir in candidates)
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
                return dir;

        throw new InvalidOperationException(
            $"PostgreSQL server binaries (initdb, pg_ctl) were not found in ORDERCLUSTER_PG_BIN, {debianRoot}/*/bin or PATH. {InstallHint}");
    }
}
