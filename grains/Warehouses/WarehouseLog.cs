using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace OrderCluster.Grains.Warehouses;

/// <summary>Log messages of warehouses (event ids 5200–5249) and the stock metrics.</summary>
internal static partial class WarehouseLog
{
    private static readonly Meter Meter = new("OrderCluster.Fulfilment");

    /// <summary>Reservations by outcome (<c>reserved</c>, <c>replayed</c>, <c>insufficient</c>, <c>no-capacity</c>).</summary>
    public static readonly Counter<long> Reservations = Meter.CreateCounter<long>("ordercluster_stock_reservations_total");

    [LoggerMessage(EventId = 5200, Level = LogLevel.Debug, Message = "Warehouse {WarehouseKey}: {Action} refused ({Code}): {Reason}")]
    public static partial void Refused(ILogger logger, string warehouseKey, string action, string code, string reason);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Warehouse {WarehouseKey}: {Action} failed to commit; the activation reloads")]
    public static partial void CommitFailed(ILogger logger, Exception exception, string warehouseKey, string action);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Warehouse {WarehouseKey}: stock of {Sku} adjusted by {Delta} ({Reason})")]
    public static partial void Adjusted(ILogger logger, string warehouseKey, string sku, int delta, string reason);
}
