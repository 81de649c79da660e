using System.Globalization;

namespace OrderCluster.Bench.Chaos;

/// <summary>The options of <c>chaos prepare</c> and <c>chaos verify</c>; <see cref="Parse"/> refuses anything it does not understand, naming it.</summary>
internal sealed record ChaosOptions
{
    public const string Usage =
        "chaos prepare --url URL[,URL…] --key KEY [--sla-seconds S]\n"
        + "       chaos verify --url URL[,URL…] --key KEY --postgres CONNECTION --ledger FILE [--schema NAME] [--grace-seconds S] [--patience-seconds S]";

    private static readonly string[] Known = ["--url", "--key", "--postgres", "--ledger", "--schema", "--sla-seconds", "--grace-seconds", "--patience-seconds"];

    public required string Command { get; init; }

    public IReadOnlyList<Uri> Silos { get; init; } = [];

    public string Key { get; init; } = "";

    public string? Postgres { get; init; }

    public string? Ledger { get; init; }

    /// <summary>The cluster's schema in the database. Default: <c>ordercluster</c>, the storage default.</summary>
    public string Schema { get; init; } = "ordercluster";

    /// <summary>The shipping SLA <c>prepare</c> publishes, short so that deadlines come due, warn and breach during the run. Default: 60 s.</summary>
    public TimeSpan Sla { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long past its due time a timer may still be pending (a timer poll, a silo's restart). Default: 60 s.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long analytics may take to agree with the recomputation. Default: 120 s.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(120);

    public static ChaosOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        if (args.Count == 0 || args[0] is not ("prepare" or "verify")) return Fail(out error, "the first argument must be 'prepare' or 'verify'");
        var options = new ChaosOptions { Command = args[0] };
        for (var i = 1; i < args.Count; i += 2)
        {
            var name = args[i];
            if (!Known.Contains(name)) return Fail(out error, $"unknown option '{name}'; known: {string.Join(", ", Known)}");
            if (i + 1 >= args.Count) return Fail(out error, $"{name} needs a value");
            var value = args[i + 1];
            switch (name)
            {
                case "--url":
                    var silos = new List<Uri>();
                    foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!Uri.TryCreate(part, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                            return Fail(out error, $"--url takes absolute http(s) addresses separated by commas, not '{part}'");
                        silos.Add(url);
                    }

                    options = options with { Silos = silos };
                    break;
                case "--key": options = options with { Key = value }; break;
                case "--postgres": options = options with { Postgres = value }; break;
                case "--ledger": options = options with { Ledger = value }; break;
                case "--schema": options = options with { Schema = value }; break;
                default:
                    if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds is <= 0 or > 86_400)
                        return Fail(out error, $"{name} must be seconds from 0 to 86400, not '{value}'");
                    var span = TimeSpan.FromSeconds(seconds);
                    options = name switch
                    {
                        "--sla-seconds" => options with { Sla = span },
                        "--grace-seconds" => options with { Grace = span },
                        _ => options with { Patience = span },
                    };
                    break;
            }
        }

        if (options.Silos.Count == 0 || options.Key.Length == 0) return Fail(out error, "--url and --key are required");
        if (options.Command == "verify" && (options.Postgres is null || options.Ledger is null))
            return Fail(out error, "verify needs --postgres (the cluster's database) and --ledger (the file 'bench load --ledger' wrote)");
        if (!options.Schema.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')) return Fail(out error, "--schema must be a plain identifier");
        return options;
    }

    private static ChaosOptions? Fail(out string? error, string message)
    {
        error = message;
        return null;
    }
}
