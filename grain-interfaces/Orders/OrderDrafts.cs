namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>The steps of the order-entry draft, in order. See grains/README.md for the step counts.</summary>
public enum DraftStep
{
    /// <summary>Choose the customer (and the channel, preset from where the draft started): addresses are prefilled from the profile.</summary>
    Customer,

    /// <summary>Enter the lines (prefilled from a template when started from one).</summary>
    Lines,

    /// <summary>Confirm or change the addresses; choose shipping; optionally priority, tags, custom fields, a note.</summary>
    Fulfilment,

    /// <summary>Check totals, approval preview and remaining problems; submit.</summary>
    Review,
}

public enum DraftStatus
{
    Open,

    /// <summary>Submit reserved the order id and is creating the order (a retry finishes it).</summary>
    Submitting,

    Submitted,

    Discarded,
}

/// <summary>What the review step shows: totals, whether approval will be needed and by whom, and what still blocks submitting.</summary>
public sealed record DraftReview
{
    public required OrderTotals Totals { get; init; }

    /// <summary>The approval levels the workflow's rules would ask for (empty: no approval needed).</summary>
    public ImmutableArray<string> ApprovalLevels { get; init; } = [];

    public ImmutableArray<string> ApprovalReasons { get; init; } = [];

    /// <summary>Problems that block submitting, by field (empty when ready).</summary>
    public ImmutableArray<FieldError> Problems { get; init; } = [];
}

/// <summary>An order draft, keyed <c>{tenant}/{draftId}</c>: the data of each saved step and where the user is.</summary>
public sealed record OrderDraft
{
    public required string TenantId { get; init; }

    public required string DraftId { get; init; }

    public long Version { get; init; }

    public DraftStatus Status { get; init; }

    public DraftStep CurrentStep { get; init; }

    public ImmutableArray<DraftStep> CompletedSteps { get; init; } = [];

    public string? TemplateId { get; init; }

    public required SalesChannel Channel { get; init; }

    public required string Currency { get; init; }

    public CustomerRef? Customer { get; init; }

    public ImmutableArray<NewOrderLine> Lines { get; init; } = [];

    public Address? ShippingAddress { get; init; }

    public Address? BillingAddress { get; init; }

    public ShippingSelection? Shipping { get; init; }

    public OrderPriority Priority { get; init; } = OrderPriority.Normal;

    public ImmutableArray<string> Tags { get; init; } = [];

    public ImmutableSortedDictionary<string, CustomFieldValue> CustomFields { get; init; } = ImmutableSortedDictionary<string, CustomFieldValue>.Empty;

    public string? Note { get; init; }

    /// <summary>Filled at the review step.</summary>
    public DraftReview? Review { get; init; }

    /// <summary>The order the draft created (or is creating).</summary>
    public string? OrderId { get; init; }

    public required Actor StartedBy { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Starts a draft; from a template, its lines, shipping, tags, custom fields and priority are prefilled.</summary>
public sealed record StartDraft
{
    public required Actor Actor { get; init; }

    /// <summary>Preset by the screen the draft starts from (a phone desk, a store).</summary>
    public required SalesChannel Channel { get; init; }

    public required string Currency { get; init; }

    public string? TemplateId { get; init; }
}

/// <summary>Step 1. The customer must be registered; its default addresses prefill step 3.</summary>
public sealed record SaveDraftCustomer
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>Changes the preset channel; null keeps it.</summary>
    public SalesChannel? Channel { get; init; }
}

/// <summary>Step 2: the full list of lines (replaces what the step held).</summary>
public sealed record SaveDraftLines
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public ImmutableArray<NewOrderLine> Lines { get; init; } = [];
}

/// <summary>Step 3. Null addresses keep the prefilled ones; the optional members keep their values when null.</summary>
public sealed record SaveDraftFulfilment
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public Address? ShippingAddress { get; init; }

    public Address? BillingAddress { get; init; }

    /// <summary>True: bill to the shipping address (drops a prefilled billing address).</summary>
    public bool BillingSameAsShipping { get; init; }

    public required ShippingSelection Shipping { get; init; }

    public OrderPriority? Priority { get; init; }

    public ImmutableArray<string>? Tags { get; init; }

    public ImmutableSortedDictionary<string, CustomFieldValue>? CustomFields { get; init; }

    public string? Note { get; init; }
}

/// <summary>Goes back to a completed step (or stays on the current one).</summary>
public sealed record GoToDraftStep
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }

    public required DraftStep Step { get; init; }
}

/// <summary>Step 4: creates and places the order from the reviewed draft.</summary>
public sealed record SubmitDraft
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }
}

public sealed record DiscardDraft
{
    public required Actor Actor { get; init; }

    public long? ExpectedVersion { get; init; }
}

/// <summary>
/// The streamlined order entry for people, keyed <c>{tenant}/{draftId}</c>: customer, lines, addresses and
/// shipping, review, submit. Each step is validated when saved (errors name the fields); the draft remembers its
/// step and data; submitting creates and places the order (idempotently: a retried submit returns the same order).
/// </summary>
public interface IOrderDraftGrain : IGrainWithStringKey
{
    Task<OrderDraft> StartAsync(StartDraft command);

    Task<OrderDraft> SaveCustomerAsync(SaveDraftCustomer command);

    Task<OrderDraft> SaveLinesAsync(SaveDraftLines command);

    Task<OrderDraft> SaveFulfilmentAsync(SaveDraftFulfilment command);

    Task<OrderDraft> GoToStepAsync(GoToDraftStep command);

    Task<OrderCommandResult> SubmitAsync(SubmitDraft command);

    Task<OrderDraft> DiscardAsync(DiscardDraft command);

    [ReadOnly]
    Task<OrderDraft> GetAsync();
}
