namespace OrderCluster.Bench.Charts;

/// <summary>
/// Reads <c>--name value</c> options and bare <c>--flag</c>s for the chart commands: unknown, repeated or value-less
/// options are refused with one line naming them, as the other suites do.
/// </summary>
internal static class ChartArgs
{
    /// <summary>The options given, a flag mapped to null; null and <paramref name="error"/> set if any is wrong.</summary>
    public static Dictionary<string, string?>? Read(IReadOnlyList<string> args, string[] valued, string[] flags, out string? error)
    {
        var given = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!valued.Contains(name) && !flags.Contains(name))
                return Fail(out error, $"unknown option '{name}'; known: {string.Join(", ", valued.Concat(flags))}");
            if (given.ContainsKey(name)) return Fail(out error, $"{name} is given twice");
            if (flags.Contains(name))
            {
                given[name] = null;
                continue;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return Fail(out error, $"{name} needs a value");
            given[name] = args[++i];
        }

        error = null;
        return given;
    }

    /// <summary>The comma-separated entries of a list option, trimmed; null and <paramref name="error"/> set if one is empty.</summary>
    public static List<string>? List(string option, string value, out string? error)
    {
        var items = value.Split(',').Select(s => s.Trim()).ToList();
        if (items.Any(s => s.Length == 0))
        {
            error = $"{option} has an empty entry in '{value}'; give a comma-separated list without empty entries";
            return null;
        }

        error = null;
        return items;
    }

    /// <summary>Checks that every one of <paramref name="required"/> was given, not blank; sets <paramref name="error"/> naming the first missing.</summary>
    public static bool HasAll(Dictionary<string, string?> given, string[] required, out string? error)
    {
        var missing = required.FirstOrDefault(r => !given.TryGetValue(r, out var value) || string.IsNullOrWhiteSpace(value));
        error = missing is null ? null : $"{missing} is required";
        return missing is null;
    }

    /// <summary>Checks the output path: an .svg file in a folder that exists, so a typo cannot overwrite the results it was made from.</summary>
    public static bool IsSvgPath(string path, out string? error)
    {
        error = null;
        if (!path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)) error = $"--out must name an .svg file, not '{path}'";
        else if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
            error = $"--out folder '{folder}' does not exist";
        return error is null;
    }

    private static Dictionary<string, string?>? Fail(out string? error, string message)
    {
        error = message;
        return null;
    }
}
