namespace OrderCluster.GrainInterfaces.Fulfilment;

/// <summary>
/// Stable error codes of warehouses, sourcing, fulfilment, returns, archiving, automation and notifications
/// (the order domain's own codes are in <see cref="ErrorCodes"/>). Clients depend on them: they never change.
/// </summary>
public static class FulfilmentErrorCodes
{
    public const string WarehouseNotFound = "warehouse-not-found";
    public const string InsufficientStock = "insufficient-stock";
    public const string StockWouldGoNegative = "stock-would-go-negative";
    public const string ReservationMismatch = "reservation-mismatch";
    public const string ReservationNotFound = "reservation-not-found";
    public const string WarehouseInactive = "warehouse-inactive";
    public const string NoCapacity = "no-capacity";

    public const string OrderNotAllocatable = "order-not-allocatable";
    public const string AlreadyAllocated = "already-allocated";
    public const string NothingAllocated = "nothing-allocated";
    public const string ShipmentNotFound = "shipment-not-found";
    public const string ShipmentTransitionNotAllowed = "shipment-transition-not-allowed";

    public const string ReturnNotFound = "return-not-found";
    public const string ReturnTransitionNotAllowed = "return-transition-not-allowed";
    public const string ReturnExceedsShipped = "return-exceeds-shipped";
    public const string RefundExceedsLimit = "refund-exceeds-limit";
    public const string RefundNotFound = "refund-not-found";
    public const string RefundTransitionNotAllowed = "refund-transition-not-allowed";

    public const string OrdersNotMergeable = "orders-not-mergeable";
    public const string SplitNotAllowed = "split-not-allowed";
    public const string OrderArchived = "order-archived";
    public const string OrderNotArchived = "order-not-archived";
    public const string OrderNotArchivable = "order-not-archivable";

    public const string RuleNotFound = "rule-not-found";
    public const string TemplateMissing = "notification-template-missing";
}
