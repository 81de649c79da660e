namespace OrderCluster.Silo.Demo;

/// <summary>What the demo does, as structured logs (event ids 7000–7049).</summary>
internal static partial class DemoLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information,
        Message = "Demo mode: tenant {Tenant}, API key {ApiKey} (try: curl -s -H \"Authorization: Bearer {ApiKey}\" {BaseAddress}/api/v1/analytics/kpis?grain=hour)")]
    public static partial void Started(ILogger logger, string tenant, string apiKey, string baseAddress);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information,
        Message = "Demo console: {BaseAddress}/console/ tenant {Tenant}, users {Users}, password {Password}")]
    public static partial void ConsoleUsers(ILogger logger, string baseAddress, string tenant, string users, string password);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Demo console user {Username} of tenant {Tenant} not set up: {Reason}")]
    public static partial void ConsoleUserFailed(ILogger logger, string username, string tenant, string reason);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Demo seed of tenant {Tenant}: {WarehousesConfigured} warehouses configured, {StockReceipts} stock receipts, {UnitCosts} unit costs, {CustomersCreated} customers created ({Products} products, {Warehouses} warehouses, {Customers} customers in the catalogue)")]
    public static partial void Seeded(ILogger logger, string tenant, int warehousesConfigured, int stockReceipts, int unitCosts, int customersCreated,
        int products, int warehouses, int customers);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Demo backfill of tenant {Tenant}: {Series} forecast series given {Hours} hours / {Days} days of history ({Orders} orders), {Skipped} already had history")]
    public static partial void Backfilled(ILogger logger, string tenant, int series, int hours, int days, int orders, int skipped);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Demo order stream of tenant {Tenant} started: {OrdersPerHour:F0} orders per hour now, {CatchUp} orders to catch up the current hour")]
    public static partial void StreamStarted(ILogger logger, string tenant, double ordersPerHour, int catchUp);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Demo order stream of tenant {Tenant}: {Created} orders created, {Delivered} delivered, {Shipped} shipped, {Returned} returned and refunded, {Cancelled} cancelled, {Rejected} rejected, {Failed} failed steps so far; {InFlight} in flight")]
    public static partial void Progress(ILogger logger, string tenant, long created, long delivered, long shipped, long returned, long cancelled, long rejected, long failed, int inFlight);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Demo restock of tenant {Tenant}: warehouse {WarehouseId} received {Units} units of {Sku}")]
    public static partial void Restocked(ILogger logger, string tenant, string warehouseId, int units, string sku);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Demo order {OrderId} of tenant {Tenant}: step {Step} refused ({Code}); the demo leaves the order where it is")]
    public static partial void StepRefused(ILogger logger, string tenant, string orderId, string step, string code);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "Demo order {OrderId} of tenant {Tenant}: step {Step} failed; the demo leaves the order where it is")]
    public static partial void StepFailed(ILogger logger, Exception exception, string tenant, string orderId, string step);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "Demo order of tenant {Tenant} not created: {Reason}")]
    public static partial void CreateFailed(ILogger logger, Exception? exception, string tenant, string reason);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Error, Message = "Demo of tenant {Tenant} stopped: {Stage} failed")]
    public static partial void DemoFailed(ILogger logger, Exception exception, string tenant, string stage);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Demo of tenant {Tenant} stopped after {Created} orders")]
    public static partial void Stopped(ILogger logger, string tenant, long created);
}
