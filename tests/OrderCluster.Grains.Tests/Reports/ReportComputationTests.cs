using System.Globalization;
using OrderCluster.GrainInterfaces.Analytics;
using OrderCluster.GrainInterfaces.Reports;

namespace OrderCluster.Grains.Tests.Reports;

/// <summary>
/// Report rows against a recomputation written here from the KPI points (calendar weeks by <see cref="ISOWeek"/>, sums of the
/// figures first, measures of the sums after), and the definition rules: filters, top-N, sort, validation, relative ranges.
/// </summary>
public sealed class ReportComputationTests
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Channels = ["online", "marketplace", "in-store"];

    /// <summary>60 days of random cells: the total, and per channel, with every figure the measures read.</summary>
    private static List<KpiPoint> RandomPoints(int seed)
    {
        var random = new Random(seed);
        var points = new List<KpiPoint>();
        for (var day = 0; day < 60; day++)
        {
            var total = KpiFigures.Zero;
            foreach (var channel in Channels)
            {
                if (random.Next(4) == 0) continue; // a quiet channel that day: no cell
                var orders = random.Next(1, 20);
                var shipped = random.Next(0, orders + 1);
                var figures = new KpiFigures
                {
                    Orders = orders, Units = orders * random.Next(1, 4), Revenue = Math.Round((decimal)random.NextDouble() * 1_000, 2), Cancelled = random.Next(0, orders / 3 + 1),
                    Shipped = shipped, PlacedToShippedMs = shipped * random.Next(1, 50) * 3_600_000L, SlaMet = random.Next(0, 5), SlaBreached = random.Next(0, 3),
                    Cogs = Math.Round((decimal)random.NextDouble() * 400, 2), Margin = Math.Round((decimal)random.NextDouble() * 300 - 50, 2), ReturnedOrders = random.Next(0, orders / 4 + 1),
                };
                points.Add(new KpiPoint(Start.AddDays(day), $"channel:{channel}", figures));
                total = total.Plus(figures);
            }

            if (!total.IsZero) points.Add(new KpiPoint(Start.AddDays(day), "", total));
        }

        return points;
    }

    [Theory]
    [InlineData(ReportGrain.Day, "")]
    [InlineData(ReportGrain.Week, "")]
    [InlineData(ReportGrain.Month, "")]
    [InlineData(ReportGrain.Total, "")]
    [InlineData(ReportGrain.Day, "channel")]
    [InlineData(ReportGrain.Week, "channel")]
    [InlineData(ReportGrain.Month, "channel")]
    [InlineData(ReportGrain.Total, "channel")]
    public void Rows_equal_a_recomputation_from_the_kpi_points(ReportGrain grain, string dimension)
    {
        var points = RandomPoints(seed: 7);
        var definition = new ReportDefinition
        {
            Measures = ["orders", "revenue", "cancellation_rate", "avg_placed_to_shipped_hours", "sla_compliance", "margin_rate", "return_rate"], Dimension = dimension, Grain = grain,
        };

        var rows = ReportComputation.Rows(definition, points);

        var expected = points.Where(p => dimension.Length == 0 ? p.Dimension.Length == 0 : p.Dimension.StartsWith(dimension + ":", StringComparison.Ordinal))
            .GroupBy(p => (Period: Bucket(grain, p.PeriodStart), Value: dimension.Length == 0 ? null : p.Dimension[(dimension.Length + 1)..]))
            .Select(g =>
            {
                long orders = 0, cancelled = 0, shipped = 0, shippedMs = 0, met = 0, breached = 0, returned = 0;
                decimal revenue = 0, cogs = 0, margin = 0;
                foreach (var f in g.Select(p => p.Figures))
                {
                    orders += f.Orders; cancelled += f.Cancelled; shipped += f.Shipped; shippedMs += f.PlacedToShippedMs; met += f.SlaMet; breached += f.SlaBreached; revenue += f.Revenue;
                    cogs += f.Cogs; margin += f.Margin; returned += f.ReturnedOrders;
                }

                return (g.Key.Period, g.Key.Value, Values: new double?[]
                {
                    orders, (double)revenue, (double)cancelled / orders, shipped == 0 ? null : shippedMs / 3_600_000.0 / shipped, met + breached == 0 ? null : (double)met / (met + breached),
                    cogs + margin == 0 ? null : (double)(margin / (cogs + margin)), (double)returned / orders,
                });
            })
            .OrderBy(r => r.Period).ThenBy(r => r.Value, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, rows.Length);
        Assert.True(expected.Count >= (grain == ReportGrain.Total ? 1 : 2), "the case has rows to compare");
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal((expected[i].Period, expected[i].Value), (rows[i].PeriodStart, rows[i].Value));
            for (var m = 0; m < expected[i].Values.Length; m++)
                if (expected[i].Values[m] is { } value) Assert.Equal(value, rows[i].Values[m]!.Value, 9);
                else Assert.Null(rows[i].Values[m]);
        }
    }

    [Fact]
    public void Include_exclude_top_and_sort_keep_the_largest_values_over_the_whole_range_in_the_asked_order()
    {
        var points = RandomPoints(seed: 11);
        var revenueOf = Channels.ToDictionary(c => c, c => points.Where(p => p.Dimension == $"channel:{c}").Sum(p => p.Figures.Revenue));
        var top2 = revenueOf.OrderByDescending(kv => kv.Value).Take(2).Select(kv => kv.Key).ToHashSet();

        var topRows = ReportComputation.Rows(new ReportDefinition { Measures = ["orders", "revenue"], Dimension = "channel", Grain = ReportGrain.Week, Top = 2, SortBy = "revenue" }, points);
        var included = ReportComputation.Rows(new ReportDefinition { Measures = ["orders"], Dimension = "channel", Grain = ReportGrain.Total, Include = ["online", "in-store"] }, points);
        var excluded = ReportComputation.Rows(new ReportDefinition { Measures = ["orders"], Dimension = "channel", Grain = ReportGrain.Total, Exclude = ["online"] }, points);
        var ascending = ReportComputation.Rows(new ReportDefinition { Measures = ["orders"], Dimension = "channel", Grain = ReportGrain.Total, SortBy = "orders", Ascending = true }, points);
        var busiestDays = ReportComputation.Rows(new ReportDefinition { Measures = ["orders"], Grain = ReportGrain.Day, Top = 3, SortBy = "orders" }, points);

        Assert.Equal(top2, topRows.Select(r => r.Value!).ToHashSet());
        Assert.Equal(topRows.Select(r => r.Values[1]).OrderByDescending(v => v), topRows.Select(r => r.Values[1]));
        Assert.Equal(["in-store", "online"], included.Select(r => r.Value));
        Assert.Equal(["in-store", "marketplace"], excluded.Select(r => r.Value));
        Assert.Equal(ascending.Select(r => r.Values[0]).Order(), ascending.Select(r => r.Values[0]));
        var dailyOrders = points.Where(p => p.Dimension.Length == 0).Select(p => (double)p.Figures.Orders).OrderDescending().Take(3);
        Assert.Equal(dailyOrders, busiestDays.Select(r => r.Values[0]!.Value));
    }

    [Fact]
    public void Csv_is_rfc_4180_with_a_header_and_defused_formulas_byte_for_byte()
    {
        var result = new ReportResult
        {
            Definition = new ReportDefinition { Measures = ["orders", "sla_compliance", "revenue"], Dimension = "customer", Grain = ReportGrain.Day },
            From = Start, To = Start.AddDays(2),
            Columns = [.. new[] { "orders", "sla_compliance", "revenue" }.Select(m => ReportMeasures.Find(m)!.Column)],
            Rows =
            [
                new ReportRow(Start, "=HYPERLINK(\"x\")", [3, 0.5, 12.5]),
                new ReportRow(Start, "a,b", [1, null, -2.25]),
                new ReportRow(Start.AddDays(1), "@sum", [2, 1, 0]),
                new ReportRow(Start.AddDays(1), "line\nbreak", [1, null, 1e-7]),
            ],
        };

        var csv = ReportCsv.Write(result);

        Assert.Equal(
            "period_start,customer,orders,sla_compliance,revenue\r\n" +
            "2026-09-01T00:00:00Z,\"'=HYPERLINK(\"\"x\"\")\",3,0.5,12.5\r\n" +
            "2026-09-01T00:00:00Z,\"a,b\",1,,-2.25\r\n" +
            "2026-09-02T00:00:00Z,'@sum,2,1,0\r\n" +
            "2026-09-02T00:00:00Z,\"line\nbreak\",1,,1E-07\r\n",
            csv);
        Assert.Equal("orders\r\n5\r\n", ReportCsv.Write(result with { Definition = new ReportDefinition { Measures = ["orders"], Grain = ReportGrain.Total }, Columns = [ReportMeasures.Find("orders")!.Column], Rows = [new ReportRow(null, null, [5])] }));
    }

    [Fact]
    public void Bad_definitions_are_refused_naming_each_field()
    {
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(["measures"], FieldsOf(new ReportDefinition(), now));
        Assert.Equal(["measures[1]", "dimension", "sortBy"], FieldsOf(new ReportDefinition { Measures = ["orders", "nonsense"], Dimension = "planet", SortBy = "units" }, now));
        Assert.Equal(["include"], FieldsOf(new ReportDefinition { Measures = ["orders"], Include = ["x"] }, now));
        Assert.Equal(["range"], FieldsOf(new ReportDefinition { Measures = ["orders"], Range = "yesterday" }, now));
        Assert.Equal(["range"], FieldsOf(new ReportDefinition { Measures = ["orders"], Range = "last 0 days" }, now));
        Assert.Equal(["from"], FieldsOf(new ReportDefinition { Measures = ["orders"], From = now, To = now.AddDays(-1) }, now));
        Assert.Equal(["range"], FieldsOf(new ReportDefinition { Measures = ["orders"], Grain = ReportGrain.Hour, Range = "last 500 days" }, now));
        Assert.Equal(["top"], FieldsOf(new ReportDefinition { Measures = ["orders"], Top = 0 }, now));
        Assert.Equal(["grain"], FieldsOf(new ReportDefinition { Measures = ["orders"], Grain = (ReportGrain)42 }, now));
        Assert.Empty(ReportValidation.Check(new ReportDefinition { Measures = ["orders"], Dimension = "warehouse", Exclude = ["w-1"], Grain = ReportGrain.Month, Range = "last 3 months" }, now));
    }

    [Theory]
    [InlineData("last 30 days", "2026-10-23T00:00:00Z", "2026-11-22T00:00:00Z")]
    [InlineData("last 48 hours", "2026-11-19T13:00:00Z", "2026-11-21T13:00:00Z")]
    [InlineData("last 2 weeks", "2026-11-09T00:00:00Z", "2026-11-23T00:00:00Z")]
    [InlineData("Last 3 Months", "2026-09-01T00:00:00Z", "2026-12-01T00:00:00Z")]
    [InlineData("last-7-days", "2026-11-15T00:00:00Z", "2026-11-22T00:00:00Z")]
    public void A_relative_range_ends_with_the_current_period(string range, string from, string to)
    {
        var now = new DateTimeOffset(2026, 11, 21, 12, 30, 0, TimeSpan.Zero); // a Saturday

        Assert.Null(ReportValidation.ResolveRange(new ReportDefinition { Measures = ["orders"], Range = range }, now, out var start, out var end));

        Assert.Equal((DateTimeOffset.Parse(from, CultureInfo.InvariantCulture), DateTimeOffset.Parse(to, CultureInfo.InvariantCulture)), (start, end));
    }

    [Fact]
    public void Built_in_reports_are_valid_and_name_the_measures_they_wait_for()
    {
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(["volume-trends", "processing-time", "sla-compliance", "margin-by-sku", "margin-by-channel", "returns-rate", "top-customers", "step-times"],
            BuiltInReports.All.Select(r => r.ReportId));
        Assert.All(BuiltInReports.All, r => Assert.Empty(ReportValidation.Check(r.Definition, now)));
        Assert.All(BuiltInReports.All, r => Assert.All(r.WaitingFor, m => Assert.False(ReportMeasures.Exists(m))));
        Assert.All(BuiltInReports.All, r => Assert.All(r.Definition.Measures, m => Assert.True(ReportMeasures.Exists(m))));
        Assert.Equal<string>(["revenue", "units", "cogs", "margin", "margin_rate"], BuiltInReports.Find("margin-by-sku")!.Definition.Measures);
        Assert.Equal<string>(["orders", "returned_orders", "return_rate", "returned_units", "refunded"], BuiltInReports.Find("returns-rate")!.Definition.Measures);
    }

    [Fact]
    public void Schedules_fall_on_their_next_time_of_day_or_weekday_and_bad_ones_name_their_fields()
    {
        var saturdayNoon = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        var daily = new ReportSchedule { At = "06:30", Email = "ops@example.com" };
        var weekly = new ReportSchedule { Frequency = ReportFrequency.Weekly, Day = ReportWeekday.Monday, At = "12:00", Email = "ops@example.com" };

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 6, 30, 0, TimeSpan.Zero), ReportSchedules.NextAfter(daily, saturdayNoon));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 18, 0, 0, TimeSpan.Zero), ReportSchedules.NextAfter(daily with { At = "18:00" }, saturdayNoon));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), ReportSchedules.NextAfter(weekly, saturdayNoon));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), ReportSchedules.NextAfter(weekly with { Day = ReportWeekday.Saturday }, saturdayNoon));
        Assert.Empty(ReportSchedules.Check(daily));
        Assert.Equal(["at", "day", "email"], ReportSchedules.Check(new ReportSchedule { Frequency = ReportFrequency.Weekly, At = "25:00", Email = "nobody" }).Select(e => e.Field));
        Assert.Equal(["webhookSubscriptionId", "email"], ReportSchedules.Check(new ReportSchedule { At = "06:00", Channel = ReportDeliveryChannel.Webhook, Email = "a@b.c" }).Select(e => e.Field));
    }

    [Fact]
    public void Forecast_series_are_decided_in_one_place_and_include_a_daily_series_per_warehouse_in_units()
    {
        var series = ForecastSeriesRule.SeriesOf("acme", ["sku:B", "warehouse:w-2", "customer:c-1", "channel:online", "step:placed", "sku:A", "warehouse:w-1", "currency:EUR"]);

        Assert.Equal(["acme/hour/total", "acme/day/total", "acme/day/channel:online", "acme/day/sku:A", "acme/day/sku:B", "acme/day/warehouse:w-1", "acme/day/warehouse:w-2"],
            series.Select(s => s.Key));
        Assert.Empty(ForecastSeriesRule.SeriesOf("acme", []));
        Assert.True(SeriesId.Parse("acme/day/warehouse:w-1").MeasuresUnits);
        Assert.Equal(7, SeriesId.Parse("acme/day/warehouse:w-1").ValueOf(new KpiFigures { Orders = 2, Units = 7 }));
        Assert.Equal(2, SeriesId.Parse("acme/day/channel:online").ValueOf(new KpiFigures { Orders = 2, Units = 7 }));
    }

    private static DateTimeOffset? Bucket(ReportGrain grain, DateTimeOffset period) => grain switch
    {
        ReportGrain.Week => new DateTimeOffset(ISOWeek.ToDateTime(ISOWeek.GetYear(period.UtcDateTime), ISOWeek.GetWeekOfYear(period.UtcDateTime), DayOfWeek.Monday), TimeSpan.Zero),
        ReportGrain.Month => new DateTimeOffset(period.Year, period.Month, 1, 0, 0, 0, TimeSpan.Zero),
        ReportGrain.Total => null,
        _ => period,
    };

    private static List<string> FieldsOf(ReportDefinition definition, DateTimeOffset now) => [.. ReportValidation.Check(definition, now).Select(e => e.Field)];
}
