using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Search;
using OrderCluster.Grains.Search;
using OrderCluster.Runtime.Storage;
using OrderCluster.Runtime.Storage.Postgres;
using OrderCluster.Testing.Postgres;

namespace OrderCluster.Bench.Search;

/// <summary>
/// The order search read model on PostgreSQL: fills N orders' rows through the store's upserts (one tenant, varied
/// regions, tags, customers and words), then runs each filter kind many times through the store and, as the baseline
/// in the same run on the same table, the same filter written without an index to use (LIKE on the document, the
/// custom field as text, tag membership with ANY), both newest first with the page limit. Prints p50/p99 per kind.
/// Options: <c>--rows N</c> (default 100000), <c>--queries N</c> (default 200), <c>--postgres CONNECTION</c>.
/// </summary>
internal sealed class SearchBenchmark : IBenchmarkSuite
{
    private const string Tenant = "bench";
    private const int Customers = 10_000;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string Name => "search";

    public string Description => "order search read model: filter latency p50/p99 with GIN indexes vs the same filters without (PostgreSQL)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = int.Parse(Option(args, "--rows") ?? "100000", CultureInfo.InvariantCulture);
        var queries = int.Parse(Option(args, "--queries") ?? "200", CultureInfo.InvariantCulture);
        var connectionString = Option(args, "--postgres") ?? await (await PostgresServer.GetAsync()).CreateDatabaseAsync(cancellationToken);
        await using var services = new ServiceCollection().AddPostgresStorage(connectionString).AddOrderSearch().BuildServiceProvider();
        await services.GetRequiredService<IGrainStateStore>().InitializeAsync(cancellationToken);
        var store = services.GetRequiredService<IOrderSearchStore>();
        var schema = services.GetRequiredService<PostgresReadModelDatabase>();
        await using var plain = NpgsqlDataSource.Create(connectionString);

        var fill = Stopwatch.StartNew();
        foreach (var chunk in Enumerable.Range(0, rows).Chunk(1000))
            await store.UpsertAsync([.. chunk.Select(RowOf)], cancellationToken);
        fill.Stop();
        BenchReport.Figure("search.fill.rows", rows, "rows");
        BenchReport.Figure("search.fill.throughput", rows / fill.Elapsed.TotalSeconds, "rows/s");
        await using (var analyze = plain.CreateCommand(schema.Sql("ANALYZE {schema}.order_search"))) await analyze.ExecuteNonQueryAsync(cancellationToken);

        var random = new Random(42);
        var kinds = new (string Kind, Func<OrderSearchQuery> Query, Func<(string Where, object Value)> Baseline)[]
        {
            ("text", () => new OrderSearchQuery { Text = $"w{random.Next(rows)}" }, () => ("document LIKE $2", $"%w{random.Next(rows)}%")),
            ("custom_field", () => new OrderSearchQuery { CustomFields = ImmutableSortedDictionary<string, string>.Empty.Add("region", $"r{random.Next(1000)}") },
                () => ("custom_fields ->> 'region' = $2", $"r{random.Next(1000)}")),
            ("tag", () => new OrderSearchQuery { Tag = $"t{random.Next(500)}" }, () => ("$2 = ANY (tags)", $"t{random.Next(500)}")),
            ("customer", () => new OrderSearchQuery { CustomerId = $"c{random.Next(Customers)}" }, () => ("lower(customer_id) = lower($2)", $"c{random.Next(Customers)}")),
        };
        foreach (var (kind, query, baseline) in kinds)
        {
            var indexed = await MeasureAsync(queries, () => store.SearchAsync(Tenant, query() with { Limit = 51 }, cancellationToken));
            var scan = await MeasureAsync(Math.Max(10, queries / 10), async () =>
            {
                var (where, value) = baseline();
                await using var command = plain.CreateCommand(schema.Sql(
                    $"SELECT order_id FROM {{schema}}.order_search WHERE tenant_id = $1 AND archived = false AND {where} ORDER BY created_at DESC, order_id DESC LIMIT 51"));
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Tenant });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = (string)value });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                }
            });
            Report($"search.{kind}", indexed);
            Report($"search.{kind}.baseline_scan", scan);
        }

        var newest = await MeasureAsync(queries, () => store.SearchAsync(Tenant, new OrderSearchQuery { Limit = 51 }, cancellationToken));
        Report("search.newest_page", newest);
        return 0;
    }

    private static OrderSearchRow RowOf(int i) => new()
    {
        TenantId = Tenant, OrderId = $"o{i}", Version = 1, LastSequence = 1, Status = i % 7 == 0 ? "shipped" : "placed",
        Channel = (ChannelKind)(i % 4), CustomerId = $"c{i % Customers}", CustomerName = $"Customer {i % 5000}",
        Priority = (OrderPriority)(i % 4), Tags = [$"t{i % 500}"], Total = i % 1000, Currency = "EUR",
        CreatedAt = T0.AddSeconds(i), UpdatedAt = T0.AddSeconds(i),
        CustomFields = ImmutableSortedDictionary<string, string>.Empty.Add("region", $"r{i % 1000}"),
        Document = $"o{i} w{i} customer {i % 5000} porto sku {i % 300}",
    };

    private static async Task<double[]> MeasureAsync(int count, Func<Task> run)
    {
        for (var i = 0; i < Math.Min(5, count); i++) await run(); // warm-up: connections, plans
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await run();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        return samples;
    }

    private static void Report(string name, double[] sorted)
    {
        BenchReport.Figure($"{name}.p50", sorted[(int)(sorted.Length * 0.50)], "ms");
        BenchReport.Figure($"{name}.p99", sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))], "ms");
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
