using OrderCluster.Bench.Common;

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
        if (args.Count == 0 || args[0] is not ("prepare" or "verify"))
        {
            error = "the first argument must be 'prepare' or 'verify'";
            return null;
        }

        var options = new ChaosOptions { Command = args[0] };
        error = OptionReader.Read([.. args.Skip(1)], Known, [], (name, value) =>
        {
            var text = value!;
            string? Apply(string? refusal, Func<ChaosOptions> set)
            {
                if (refusal is null) options = set();
                return refusal;
            }

            string? Seconds(Func<TimeSpan, ChaosOptions> set) => Apply(OptionReader.Seconds(name, text, 1, 86_400, out var t), () => set(t));
            return name switch
            {
                "--url" => Apply(OptionReader.HttpUrls(name, text, out var urls), () => options with { Silos = urls }),
                "--key" => Apply(OptionReader.ApiKey(name, text), () => options with { Key = text }),
                "--postgres" => Apply(null, () => options with { Postgres = text }),
                "--ledger" => Apply(null, () => options with { Ledger = text }),
                "--schema" => Apply(text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? null : "--schema must be a plain identifier",
                    () => options with { Schema = text }),
                "--sla-seconds" => Seconds(t => options with { Sla = t }),
                "--grace-seconds" => Seconds(t => options with { Grace = t }),
                _ => Seconds(t => options with { Patience = t }),
            };
        });
        if (error is null && (options.Silos.Count == 0 || options.Key.Length == 0)) error = "--url and --key are required";
        if (error is null && options.Command == "verify" && (options.Postgres is null || options.Ledger is null))
            error = "verify needs --postgres (the cluster's database) and --ledger (the file 'bench load --ledger' wrote)";
        return error is null ? options : null;
    }
}
