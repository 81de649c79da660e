using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.GrainInterfaces.Warehouses;
using OrderCluster.Grains;
using OrderCluster.Grains.Warehouses;
using OrderCluster.Runtime;
using OrderCluster.Runtime.Storage;
using OrderCluster.Testing.Silos;

namespace OrderCluster.Bench.Warehouse;

/// <summary>
/// One warehouse grain under a stream of orders of 3 lines, each reserved then shipped, on an in-process silo. Two
/// warehouses in the same run: "batched" reserves an order's lines in one call and one write (ReserveManyAsync, what
/// fulfilment does now); "per-line", the baseline, makes one call and one write per line (ReserveAsync, as before).
/// Prints reservation throughput per path and the stored state's size after 1k, 5k and 10k orders, next to the size the
/// same state would have with every shipped reservation retained (the previous behaviour), rebuilt from the same run.
/// Options: <c>--orders N</c> (default 10000), <c>--storage memory|sqlite|postgres</c> (default memory).
/// </summary>
internal sealed class WarehouseBenchmark : IBenchmarkSuite
{
    private const string Tenant = "bench";
    private static readonly string[] Skus = ["SKU-1", "SKU-2", "SKU-3"];

    public string Name => "warehouse";

    public string Description => "warehouse grain: reserve+ship orders of 3 lines, lines/s batched vs per-line and state bytes vs shipped retained";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var orders = int.Parse(Option(args, "--orders") ?? "10000", CultureInfo.InvariantCulture);
        var storage = Enum.Parse<TestStorage>(Option(args, "--storage") ?? "memory", ignoreCase: true);
        var connection = storage switch
        {
            TestStorage.Memory => null,
            TestStorage.Sqlite => $"Data Source={Path.Combine(Path.GetTempPath(), $"warehouse-bench-{Guid.NewGuid():N}.db")}",
            _ => await TestDatabases.CreateAsync(storage),
        };
        await using var silo = await TestSilo.StartAsync(o =>
        {
            o.Storage = storage;
            o.ConnectionString = connection;
            o.GrainAssemblies.Add(typeof(GrainInterfacesJsonContext).Assembly);
            o.GrainAssemblies.Add(typeof(GrainsJsonContext).Assembly);
            o.JsonResolvers.Add(GrainInterfacesJsonContext.Default);
            o.JsonResolvers.Add(GrainsJsonContext.Default);
            o.JsonResolvers.Add(GrainInterfaces.Analytics.AnalyticsContractsJsonContext.Default);
            o.JsonResolvers.Add(Grains.Analytics.AnalyticsJsonContext.Default);
            o.Configuration["Runtime:CallTimeout"] = "01:00:00";
            o.ConfigureServices = services => services.AddOrderDomain(new ConfigurationBuilder().AddInMemoryCollection(o.Configuration).Build());
        });
        var store = silo.Get<IGrainStateStore>();
        var admin = new Actor { UserId = "bench", DisplayName = "Bench", Roles = [OrderRoles.Admin] };
        var checkpoints = new[] { 1_000, 5_000, 10_000 }.Where(c => c <= orders).Append(orders).Distinct().ToArray();

        foreach (var batched in new[] { true, false })
        {
            var path = batched ? "batched" : "per_line";
            var id = $"main-{path}";
            var wh = silo.Grains.GetGrain<IWarehouseGrain>($"{Tenant}/{id}");
            await wh.ConfigureAsync(new ConfigureWarehouse(admin, new WarehouseProfile { Name = id, CountryCode = "DE", CutOffUtc = new TimeOnly(23, 59, 59) }));
            foreach (var sku in Skus) await wh.ReceiveAsync(new ReceiveStock(admin, sku, 1_000_000));

            var reserving = new Stopwatch();
            var done = 0;
            foreach (var checkpoint in checkpoints)
            {
                for (; done < checkpoint; done++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var order = $"o-{done}";
                    var lines = Skus.Select((sku, i) => new ReserveLine($"l{i + 1}", sku, i + 1)).ToImmutableArray();
                    reserving.Start();
                    if (batched) await wh.ReserveManyAsync(new ReserveStockLines(order, lines));
                    else foreach (var l in lines) await wh.ReserveAsync(new ReserveStock(order, l.LineId, l.Sku, l.Quantity));
                    reserving.Stop();
                    foreach (var l in lines) await wh.DispatchAsync(new DispatchReservation(order, l.LineId, l.Quantity));
                }

                var stored = await store.ReadStateAsync(new GrainId("warehouse", $"{Tenant}/{id}"), "warehouse", cancellationToken);
                var bytes = stored?.Payload?.Length ?? 0;
                BenchReport.Figure($"warehouse.{path}.state_bytes.after_{checkpoint}_orders", bytes, "bytes");
                if (batched && stored?.Payload is { } payload)
                    BenchReport.Figure($"warehouse.baseline_shipped_retained.state_bytes.after_{checkpoint}_orders", RetainedSize(payload, checkpoint), "bytes");
            }

            BenchReport.Figure($"warehouse.{path}.reserve.lines_per_s", orders * Skus.Length / reserving.Elapsed.TotalSeconds, "lines/s");
            BenchReport.Figure($"warehouse.{path}.reserve.orders_per_s", orders / reserving.Elapsed.TotalSeconds, "orders/s");
            BenchReport.Figure($"warehouse.{path}.reserve.ms_per_order", reserving.Elapsed.TotalMilliseconds / orders, "ms");
            BenchReport.Figure($"warehouse.{path}.writes_per_order", batched ? 1 : Skus.Length, "writes");
        }

        return 0;
    }

    /// <summary>The stored state's size had every shipped reservation stayed in the open map (as before), rebuilt from this run's state.</summary>
    private static int RetainedSize(byte[] payload, int orders)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = GrainsJsonContext.Default };
        var state = JsonSerializer.Deserialize<WarehouseState>(payload, options)!;
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        var retained = Enumerable.Range(0, orders).SelectMany(o => Skus.Select((sku, i) => new StockReservation
        {
            Key = $"o-{o}/l{i + 1}", OrderId = $"o-{o}", LineId = $"l{i + 1}", Sku = sku, Quantity = i + 1, CostCurrency = "EUR",
            DispatchDate = day, Status = ReservationStatus.Shipped, ReservedAt = DateTimeOffset.UtcNow,
        }));
        var baseline = state with
        {
            Reservations = state.Reservations.SetItems(retained.Select(r => KeyValuePair.Create(r.Key, r))),
            Shipped = ImmutableSortedDictionary<string, ShippedReservation>.Empty,
        };
        return JsonSerializer.SerializeToUtf8Bytes(baseline, options).Length;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
