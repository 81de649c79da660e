namespace OrderCluster.GrainInterfaces.Returns;

/// <summary>
/// Returns and refunds of one order, keyed <c>{tenant}/{orderId}</c>: return requests with lines and reasons (at most
/// what was shipped, less earlier returns), an approval step, receiving (restock into the shipping warehouse, or write
/// off at cost), exchanges (a no-charge replacement order), and refunds (full or partial, never above the order's total,
/// approval above the tenant's threshold). Every change is an entry in the history.
/// </summary>
public interface IReturnsGrain : IGrainWithStringKey
{
    Task<AfterSalesSnapshot> RequestReturnAsync(RequestReturn command);

    Task<AfterSalesSnapshot> DecideReturnAsync(DecideReturn command);

    Task<AfterSalesSnapshot> ReceiveReturnAsync(ReceiveReturn command);

    Task<AfterSalesSnapshot> RequestRefundAsync(RequestRefund command);

    Task<AfterSalesSnapshot> DecideRefundAsync(DecideRefund command);

    [ReadOnly]
    Task<AfterSalesSnapshot> GetAsync();
}

/// <summary>A tenant's refund policy, keyed <c>{tenant}</c>; version 1 is the default (threshold 100, role finance).</summary>
public interface IRefundPolicyGrain : IGrainWithStringKey
{
    Task<RefundPolicy> PublishAsync(PublishRefundPolicy command);

    [ReadOnly]
    Task<RefundPolicy> GetCurrentAsync();
}
