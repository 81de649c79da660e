using System.Globalization;

namespace OrderCluster.Bench.Intake;

/// <summary>The options of the <c>intake</c> suite; <see cref="Parse"/> refuses anything it does not understand, naming the option.</summary>
internal sealed record IntakeOptions
{
    /// <summary>The option names, as <c>--help</c> and refusals list them.</summary>
    public static readonly string[] Known =
        ["--url", "--key", "--integrations", "--duration", "--orders", "--retry-rate", "--shared-key"];

    /// <summary>The running silo to drive (its API root, e.g. <c>http://127.0.0.1:5080</c>). Default: none, so a private silo on SQLite is started.</summary>
    public Uri? Url { get; init; }

    /// <summary>An API key of the tenant to create orders in (scopes <c>admin</c>, or <c>orders:*</c> with <c>--shared-key</c>).
    /// Required with <see cref="Url"/>: the silo has no built-in key. Default for a private silo: its bootstrap key.</summary>
    public string? Key { get; init; }

    /// <summary>Concurrent simulated marketplace integrations. Default: 32.</summary>
    public int Integrations { get; init; } = 32;

    /// <summary>Measured time of the order side (the baseline gets as much again, in alternating one-second slices). Default: 20 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Stop the measurement once this many orders are created (whichever of this and <see cref="Duration"/> comes first). Default: none.</summary>
    public long? Orders { get; init; }

    /// <summary>Fraction of orders whose create request is sent a second time with the same Idempotency-Key. Default: 0.1.</summary>
    public double RetryRate { get; init; } = 0.1;

    /// <summary>All integrations use <see cref="Key"/> instead of one key each, created through the API (needs <c>admin</c>). Default: false.</summary>
    public bool SharedKey { get; init; }

    public const string Usage =
        "intake [--url URL --key KEY] [--integrations N] [--duration SECONDS] [--orders N] [--retry-rate 0..1] [--shared-key]";

    /// <summary>Reads <paramref name="args"/>; returns null and sets <paramref name="error"/> to one line naming the bad option.</summary>
    public static IntakeOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new IntakeOptions();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!Known.Contains(name))
                return Fail(out error, $"unknown option '{name}'; known: {string.Join(", ", Known)}");
            if (!seen.Add(name)) return Fail(out error, $"{name} is given twice");
            if (name == "--shared-key")
            {
                options = options with { SharedKey = true };
                continue;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                return Fail(out error, $"{name} needs a value");
            var value = args[++i];
            switch (name)
            {
                case "--url":
                    if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                        return Fail(out error, $"--url must be an absolute http or https address such as http://127.0.0.1:5080, not '{value}'");
                    options = options with { Url = url };
                    break;
                case "--key":
                    if (value.Length == 0 || value.Any(char.IsWhiteSpace)) return Fail(out error, "--key must be an API key without spaces");
                    options = options with { Key = value };
                    break;
                case "--integrations":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 4096)
                        return Fail(out error, $"--integrations must be a whole number from 1 to 4096, not '{value}'");
                    options = options with { Integrations = n };
                    break;
                case "--duration":
                    if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 86_400)
                        return Fail(out error, $"--duration must be seconds from 1 to 86400, not '{value}'");
                    options = options with { Duration = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--orders":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var orders) || orders < 1)
                        return Fail(out error, $"--orders must be a whole number of at least 1, not '{value}'");
                    options = options with { Orders = orders };
                    break;
                case "--retry-rate":
                    if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) || rate is < 0 or > 1)
                        return Fail(out error, $"--retry-rate must be a fraction from 0 to 1, not '{value}'");
                    options = options with { RetryRate = rate };
                    break;
            }
        }

        if (options.Url is not null && options.Key is null)
            return Fail(out error, "--key is required with --url: the silo has no built-in key; start it with "
                + "--Api:BootstrapKeys:0:Tenant=T --Api:BootstrapKeys:0:Key=SECRET (32+ characters) and pass --key SECRET");
        if (options.Url is null && options.Key is not null)
            return Fail(out error, "--key needs --url: a private silo makes its own key");
        error = null;
        return options;
    }

    private static IntakeOptions? Fail(out string? error, string message)
    {
        error = message;
        return null;
    }
}
