using Npgsql;
using OrderCluster.GrainInterfaces.Search;
using OrderCluster.Grains.Search;
using Xunit.Abstractions;

namespace OrderCluster.Grains.Tests.Search;

/// <summary>
/// On a table of 50,000 orders of one tenant (analysed), the free-text, custom-field and tag searches use their GIN
/// indexes instead of reading the table, and a later page starts from the cursor in the newest-first index. Plans are
/// made on a plain session (no planner settings of the store), so they are the planner's own choice.
/// </summary>
public sealed class PostgresOrderSearchPlanTests(PostgresOrderSearchPlanTests.PopulatedTable table, ITestOutputHelper output)
    : IClassFixture<PostgresOrderSearchPlanTests.PopulatedTable>
{
    public const int Rows = 50_000;
    public const string Tenant = "plan";

    [Fact]
    public async Task Free_text_uses_the_gin_index_on_the_document_words()
    {
        var plan = await ExplainAsync(new OrderSearchQuery { Text = "w4242", Limit = 51 });

        Assert.Contains("order_search_words", plan);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.Equal(11, (await table.Fixture.Store.SearchAsync(Tenant, new OrderSearchQuery { Text = "w4242", Limit = 51 }, CancellationToken.None)).Length);
    }

    [Fact]
    public async Task A_custom_field_filter_uses_the_gin_index_on_the_custom_fields()
    {
        var query = new OrderSearchQuery { CustomFields = ImmutableSortedDictionary<string, string>.Empty.Add("region", "r7"), Limit = 51 };

        var plan = await ExplainAsync(query);

        Assert.Contains("order_search_custom_fields", plan);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.Equal(50, (await table.Fixture.Store.SearchAsync(Tenant, query, CancellationToken.None)).Length);
    }

    [Fact]
    public async Task A_tag_filter_uses_the_gin_index_on_the_tags()
    {
        var plan = await ExplainAsync(new OrderSearchQuery { Tag = "t7", Limit = 51 });

        Assert.Contains("order_search_tags", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    [Fact]
    public async Task A_customer_filter_uses_the_customer_index()
    {
        var plan = await ExplainAsync(new OrderSearchQuery { CustomerId = "c42", Limit = 51 });

        Assert.Contains("order_search_customer", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    [Fact]
    public async Task A_page_after_a_cursor_is_a_range_scan_of_the_newest_first_index()
    {
        var plan = await ExplainAsync(new OrderSearchQuery { After = new OrderSearchPosition(PopulatedTable.T0.AddSeconds(25_000), "o25000"), Limit = 51 });

        Assert.Contains("Index Scan using order_search_newest", plan);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.DoesNotContain("Sort", plan);
    }

    private async Task<string> ExplainAsync(OrderSearchQuery query)
    {
        var (sql, parameters) = PostgresOrderSearchStore.BuildSearch(Tenant, query);
        await using var command = table.Plain.CreateCommand("EXPLAIN " + table.Fixture.Database.Sql(sql));
        command.Parameters.AddRange(parameters.ToArray());
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        }

        var plan = string.Join('\n', lines);
        output.WriteLine(plan);
        return plan;
    }

    /// <summary>The search table with <see cref="Rows"/> rows: region r0–r999, tag t0–t499, a unique word w{i} per row.</summary>
    public sealed class PopulatedTable : IAsyncLifetime
    {
        public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public PostgresSearchStoreFixture Fixture { get; } = new();

        public NpgsqlDataSource Plain { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Fixture.InitializeAsync();
            await Fixture.Store.FindAsync(Tenant, "none", CancellationToken.None); // creates the table
            Plain = NpgsqlDataSource.Create(Fixture.ConnectionString);
            await using var fill = Plain.CreateCommand(Fixture.Database.Sql(
                """
                INSERT INTO {schema}.order_search (tenant_id, order_id, version, last_sequence, status, channel, customer_id, customer_name,
                    client_reference, priority, tags, total, currency, created_at, updated_at, custom_fields, assignee, archived, document)
                SELECT $1, 'o' || i, 1, 1, 'placed', 'Online', 'c' || (i % 5000), 'Customer ' || i, NULL, 'Normal', ARRAY['t' || (i % 500)],
                    i % 1000, 'EUR', $2 + make_interval(secs => i), $2 + make_interval(secs => i), jsonb_build_object('region', 'r' || (i % 1000)),
                    NULL, false, 'o' || i || ' w' || i || ' customer ' || (i % 5000) || ' porto sku ' || (i % 300)
                FROM generate_series(1, $3) AS i
                """));
            fill.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Tenant });
            fill.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = T0.UtcDateTime });
            fill.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Rows });
            await fill.ExecuteNonQueryAsync();
            await using var analyze = Plain.CreateCommand(Fixture.Database.Sql("ANALYZE {schema}.order_search"));
            await analyze.ExecuteNonQueryAsync();
        }

        public async Task DisposeAsync()
        {
            await Plain.DisposeAsync();
            await Fixture.DisposeAsync();
        }
    }
}
