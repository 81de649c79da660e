using OrderCluster.Bench.Common;

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
        error = OptionReader.Read(args, Known, ["--shared-key"], (name, value) =>
        {
            string? refusal = null;
            switch (name)
            {
                case "--shared-key":
                    options = options with { SharedKey = true };
                    break;
                case "--url":
                    refusal = OptionReader.HttpUrl(name, value!, out var url);
                    options = options with { Url = url };
                    break;
                case "--key":
                    refusal = OptionReader.ApiKey(name, value!);
                    options = options with { Key = value };
                    break;
                case "--integrations":
                    refusal = OptionReader.WholeNumber(name, value!, 1, 4096, out var integrations);
                    options = options with { Integrations = (int)integrations };
                    break;
                case "--duration":
                    refusal = OptionReader.Seconds(name, value!, 1, 86_400, out var duration);
                    options = options with { Duration = duration };
                    break;
                case "--orders":
                    refusal = OptionReader.WholeNumber(name, value!, 1, long.MaxValue, out var orders);
                    options = options with { Orders = orders };
                    break;
                case "--retry-rate":
                    refusal = OptionReader.Fraction(name, value!, out var rate);
                    options = options with { RetryRate = rate };
                    break;
            }

            return refusal;
        });
        if (error is not null) return null;
        if (options.Url is not null && options.Key is null) return Fail(out error, OptionReader.KeyRequired);
        if (options.Url is null && options.Key is not null)
            return Fail(out error, "--key needs --url: a private silo makes its own key");
        return options;
    }

    private static IntakeOptions? Fail(out string? error, string message)
    {
        error = message;
        return null;
    }
}
