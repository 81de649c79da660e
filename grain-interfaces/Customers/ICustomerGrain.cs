namespace OrderCluster.GrainInterfaces.Customers;

/// <summary>
/// A customer, keyed <c>{tenant}/{customerId}</c>: profile, approval thresholds, and the order-history index with
/// lifetime figures, which order grains keep current (one update per order change that matters, applied in
/// version order, so concurrent orders of one customer never lose an entry).
/// </summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    Task<CustomerSnapshot> SaveProfileAsync(SaveCustomerProfile command);

    Task<CustomerSnapshot> SetApprovalThresholdsAsync(SetApprovalThresholds command);

    /// <summary>The customer; not found when it has neither a profile nor orders.</summary>
    [ReadOnly]
    Task<CustomerSnapshot> GetAsync();

    /// <summary>Risk level and thresholds (defaults for a customer without a profile).</summary>
    [ReadOnly]
    Task<CustomerApprovalProfile> GetApprovalProfileAsync();

    /// <summary>The order history, newest first by creation time (or oldest first).</summary>
    [ReadOnly]
    Task<Page<CustomerOrderEntry>> GetOrdersAsync(PageRequest page);

    /// <summary>Adds or updates an order in the index (called by the order grain; an entry older than the stored one is ignored).</summary>
    Task RecordOrderAsync(CustomerOrderEntry entry);
}
