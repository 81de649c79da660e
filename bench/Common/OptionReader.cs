using System.Globalization;

namespace OrderCluster.Bench.Common;

/// <summary>
/// Strict reading of a suite's <c>--name value</c> options: an unknown or repeated option, or one without its value, is
/// refused in one line naming it, and each value check below says what it wants and what it got.
/// </summary>
internal static class OptionReader
{
    /// <summary>
    /// Reads <paramref name="args"/>, calling <paramref name="apply"/> with each name and its value (null for one of
    /// <paramref name="flags"/>); returns the first refusal, <paramref name="apply"/>'s included, or null.
    /// </summary>
    public static string? Read(IReadOnlyList<string> args, IReadOnlyCollection<string> known, IReadOnlyCollection<string> flags,
        Func<string, string?, string?> apply)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!known.Contains(name)) return $"unknown option '{name}'; known: {string.Join(", ", known)}";
            if (!seen.Add(name)) return $"{name} is given twice";
            string? value = null;
            if (!flags.Contains(name))
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return $"{name} needs a value";
                value = args[++i];
            }

            if (apply(name, value) is { } refusal) return refusal;
        }

        return null;
    }

    public static string? WholeNumber(string name, string value, long min, long max, out long number) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= min && number <= max
            ? null
            : max == long.MaxValue
                ? $"{name} must be a whole number of at least {min}, not '{value}'"
                : $"{name} must be a whole number from {min} to {max}, not '{value}'";

    public static string? Seconds(string name, string value, double min, double max, out TimeSpan time)
    {
        var ok = double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds >= min && seconds <= max;
        time = ok ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        return ok ? null : $"{name} must be seconds from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{value}'";
    }

    public static string? Fraction(string name, string value, out double fraction) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out fraction) && fraction is >= 0 and <= 1
            ? null
            : $"{name} must be a fraction from 0 to 1, not '{value}'";

    public static string? HttpUrl(string name, string value, out Uri? url) =>
        Uri.TryCreate(value, UriKind.Absolute, out url) && url.Scheme is "http" or "https"
            ? null
            : $"{name} must be an absolute http or https address such as http://127.0.0.1:5080, not '{value}'";

    /// <summary>Comma-separated http(s) addresses (the silos of one cluster); the refusal of the first that is not one, or null.</summary>
    public static string? HttpUrls(string name, string value, out List<Uri> urls)
    {
        urls = [];
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (HttpUrl(name, part, out var url) is { } refusal) return refusal;
            urls.Add(url!);
        }

        return urls.Count == 0 ? $"{name} needs at least one address" : null;
    }

    public static string? ApiKey(string name, string value) =>
        value.Length == 0 || value.Any(char.IsWhiteSpace) ? $"{name} must be an API key without spaces" : null;

    /// <summary>Prints a refusal and the suite's usage on stderr; returns the exit code of a bad command line, 2.</summary>
    public static int Refuse(string suite, string? error, string usage)
    {
        Console.Error.WriteLine($"{suite}: {error}");
        Console.Error.WriteLine($"usage: {usage}");
        return 2;
    }

    /// <summary>The refusal of a remote run without a key: the silo has no built-in one.</summary>
    public const string KeyRequired = "--key is required with --url: the silo has no built-in key; start it with "
        + "--Api:BootstrapKeys:0:Tenant=T --Api:BootstrapKeys:0:Key=SECRET (32+ characters) and pass --key SECRET";
}
