using Microsoft.Extensions.Logging;

namespace OrderCluster.Grains.Fulfilment;

/// <summary>Log messages of order fulfilment (event ids 5250–5299).</summary>
internal static partial class FulfilmentLog
{
    [LoggerMessage(EventId = 5250, Level = LogLevel.Debug, Message = "Fulfilment {OrderKey}: {Action} refused ({Code}): {Reason}")]
    public static partial void Refused(ILogger logger, string orderKey, string action, string code, string reason);

    [LoggerMessage(EventId = 5251, Level = LogLevel.Information, Message = "Fulfilment {OrderKey}: allocated {Units} units from {Warehouses} warehouses, {Backordered} backordered. {Summary}")]
    public static partial void Allocated(ILogger logger, string orderKey, int units, int warehouses, int backordered, string summary);

    [LoggerMessage(EventId = 5252, Level = LogLevel.Warning, Message = "Fulfilment {OrderKey}: {Sku} in {WarehouseId} was taken by another order between planning and reserving; backordered")]
    public static partial void ReservationLostRace(ILogger logger, string orderKey, string sku, string warehouseId);

    [LoggerMessage(EventId = 5253, Level = LogLevel.Warning, Message = "Fulfilment {OrderKey}: the order has not taken fulfilment version {Version} yet; sent again later")]
    public static partial void OrderSyncFailed(ILogger logger, Exception exception, string orderKey, long version);

    [LoggerMessage(EventId = 5254, Level = LogLevel.Warning, Message = "Fulfilment {OrderKey}: {Action} failed to commit; the activation reloads")]
    public static partial void CommitFailed(ILogger logger, Exception exception, string orderKey, string action);

    [LoggerMessage(EventId = 5255, Level = LogLevel.Information, Message = "Fulfilment {OrderKey}: released {Units} reserved units ({Reason})")]
    public static partial void Released(ILogger logger, string orderKey, int units, string reason);
}
