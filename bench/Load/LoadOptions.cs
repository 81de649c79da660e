using OrderCluster.Bench.Common;

namespace OrderCluster.Bench.Load;

/// <summary>The options of the <c>load</c> suite; <see cref="Parse"/> refuses anything it does not understand, naming the option.</summary>
internal sealed record LoadOptions
{
    /// <summary>The option names, as <c>--help</c> and refusals list them.</summary>
    public static readonly string[] Known =
    [
        "--url", "--key", "--integrations", "--operators", "--planners", "--duration", "--stock", "--retry-rate", "--ledger", "--progress", "--timeline",
    ];

    public const string Usage = "load [--url URL[,URL…] --key KEY] [--integrations M] [--operators N] [--planners P] [--duration SECONDS] "
        + "[--stock UNITS] [--retry-rate 0..1] [--ledger FILE] [--progress SECONDS] [--timeline FILE]";

    /// <summary>The silos of one cluster to drive, requests spread round-robin. Default: none, so a private silo on SQLite is started.</summary>
    public IReadOnlyList<Uri> Urls { get; init; } = [];

    /// <summary>An admin key of the tenant (it creates the actors' keys and the run's warehouse). Required with <see cref="Urls"/>.</summary>
    public string? Key { get; init; }

    /// <summary>Simulated marketplace integrations posting orders, each with its own key and retry policy. Default: 16.</summary>
    public int Integrations { get; init; } = 16;

    /// <summary>Operators moving acknowledged orders through the workflow. Default: 4.</summary>
    public int Operators { get; init; } = 4;

    /// <summary>Planners reading forecasts, KPIs and order searches. Default: 2.</summary>
    public int Planners { get; init; } = 2;

    /// <summary>How long the load runs (after the <c>/healthz</c> baseline). Default: 60 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Units of each catalogue SKU received into the run's warehouse; small numbers make SKUs sell out. Default: 1,000,000.</summary>
    public int Stock { get; init; } = 1_000_000;

    /// <summary>Fraction of orders re-sent with the same Idempotency-Key, as after a lost response. Default: 0.1.</summary>
    public double RetryRate { get; init; } = 0.1;

    /// <summary>JSON-lines file of every acknowledged write (the chaos checker's input). Default: none.</summary>
    public string? Ledger { get; init; }

    /// <summary>Seconds between progress lines on stderr. Default: 5.</summary>
    public TimeSpan Progress { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>CSV file with one row per progress tick. Default: none.</summary>
    public string? Timeline { get; init; }

    /// <summary>Reads <paramref name="args"/>; returns null and sets <paramref name="error"/> to one line naming the bad option.</summary>
    public static LoadOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new LoadOptions();
        error = OptionReader.Read(args, Known, [], (name, value) =>
        {
            var text = value!;
            string? Whole(long min, long max, Func<long, LoadOptions> set) => Set(OptionReader.WholeNumber(name, text, min, max, out var n), () => set(n));
            string? Time(double max, Func<TimeSpan, LoadOptions> set) => Set(OptionReader.Seconds(name, text, 1, max, out var t), () => set(t));
            string? Set(string? refusal, Func<LoadOptions> set)
            {
                if (refusal is null) options = set();
                return refusal;
            }

            return name switch
            {
                "--url" => OptionReader.HttpUrls(name, text, out var urls) ?? Set(null, () => options with { Urls = urls }),
                "--key" => Set(OptionReader.ApiKey(name, text), () => options with { Key = text }),
                "--integrations" => Whole(1, 4096, n => options with { Integrations = (int)n }),
                "--operators" => Whole(0, 4096, n => options with { Operators = (int)n }),
                "--planners" => Whole(0, 4096, n => options with { Planners = (int)n }),
                "--stock" => Whole(1, 1_000_000_000, n => options with { Stock = (int)n }),
                "--duration" => Time(86_400, t => options with { Duration = t }),
                "--progress" => Time(3600, t => options with { Progress = t }),
                "--retry-rate" => Set(OptionReader.Fraction(name, text, out var rate), () => options with { RetryRate = rate }),
                "--ledger" => Set(null, () => options with { Ledger = text }),
                _ => Set(null, () => options with { Timeline = text }),
            };
        });
        if (error is not null) return null;
        if (options.Urls.Count > 0 && options.Key is null) error = OptionReader.KeyRequired;
        else if (options.Urls.Count == 0 && options.Key is not null) error = "--key needs --url: a private silo makes its own key";
        return error is null ? options : null;
    }
}
