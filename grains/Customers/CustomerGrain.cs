using System.Globalization;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Customers;

/// <summary>
/// A customer, keyed <c>{tenant}/{customerId}</c>. Order grains record their orders here one update at a time (the
/// grain is turn-based), and an update older than the stored entry is ignored, so concurrent orders of one customer
/// leave exactly one entry each and lifetime figures that add up.
/// </summary>
internal sealed class CustomerGrain(
    [PersistentState("customer")] IPersistentState<CustomerState> state,
    TimeProvider time) : Grain, ICustomerGrain
{
    public const int MaxEmails = 10;
    public const int MaxPhones = 10;
    public const int MaxAddresses = 20;
    public const int MaxThresholds = 20;

    private TenantKey Key => TenantKeys.Parse(GetPrimaryKeyString(), "customerId");

    public async Task<CustomerSnapshot> SaveProfileAsync(SaveCustomerProfile command)
    {
        _ = Key;
        CheckVersion(command.ExpectedVersion);
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        ValidateProfile(errors, command.Profile);
        errors.ThrowIfAny();
        await CommitAsync(state.State with { Profile = command.Profile }, command.Actor);
        return Snapshot();
    }

    public async Task<CustomerSnapshot> SetApprovalThresholdsAsync(SetApprovalThresholds command)
    {
        _ = Key;
        CheckVersion(command.ExpectedVersion);
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        var thresholds = command.Thresholds.IsDefault ? [] : command.Thresholds;
        if (thresholds.Length > MaxThresholds) errors.Add("thresholds", "too-many", $"At most {MaxThresholds} thresholds.");
        for (var i = 0; i < thresholds.Length; i++)
        {
            errors.Currency($"thresholds[{i}].currency", thresholds[i].Currency);
            errors.Amount($"thresholds[{i}].amount", thresholds[i].Amount);
            if (thresholds.Take(i).Any(t => t.Currency == thresholds[i].Currency))
                errors.Add($"thresholds[{i}].currency", "duplicate", $"One threshold per currency ({thresholds[i].Currency} is listed twice).");
        }

        errors.ThrowIfAny();
        await CommitAsync(state.State with { ApprovalThresholds = thresholds }, command.Actor);
        return Snapshot();
    }

    public Task<CustomerSnapshot> GetAsync()
    {
        var key = Key;
        if (state.State.Version == 0) throw new NotFoundException(ErrorCodes.CustomerNotFound, $"Customer {key.Id} was not found.", "customerId");
        return Task.FromResult(Snapshot());
    }

    public Task<CustomerApprovalProfile> GetApprovalProfileAsync()
    {
        _ = Key;
        return Task.FromResult(state.State.Profile is { } profile
            ? new CustomerApprovalProfile { Registered = true, RiskLevel = profile.RiskLevel, ApprovalThresholds = state.State.ApprovalThresholds }
            : CustomerApprovalProfile.Unknown with { ApprovalThresholds = state.State.ApprovalThresholds });
    }

    public Task<Page<CustomerOrderEntry>> GetOrdersAsync(PageRequest page)
    {
        _ = Key;
        var limit = Math.Clamp(page.Limit, 1, PageRequest.MaxLimit);
        var newestFirst = page.Order == SortOrder.NewestFirst;
        var ordered = newestFirst
            ? state.State.Orders.Values.OrderByDescending(SortKey, StringComparer.Ordinal)
            : state.State.Orders.Values.OrderBy(SortKey, StringComparer.Ordinal);
        var after = page.Cursor;
        var remaining = after is null ? ordered : ordered.Where(e =>
            newestFirst ? string.CompareOrdinal(SortKey(e), after) < 0 : string.CompareOrdinal(SortKey(e), after) > 0);
        var items = remaining.Take(limit + 1).ToList();
        var more = items.Count > limit;
        if (more) items.RemoveAt(limit);
        return Task.FromResult(new Page<CustomerOrderEntry>
        {
            Items = [.. items],
            NextCursor = more ? SortKey(items[^1]) : null,
            Total = state.State.Orders.Count,
        });
    }

    public async Task RecordOrderAsync(CustomerOrderEntry entry)
    {
        _ = Key;
        var errors = new FieldErrors();
        errors.Add(TenantKeys.CheckId(entry.OrderId, "orderId"));
        errors.Currency("total.currency", entry.Total.Currency);
        errors.ThrowIfAny();

        var current = state.State;
        var previous = current.Orders.GetValueOrDefault(entry.OrderId);
        if (previous is not null && previous.OrderVersion >= entry.OrderVersion) return; // a repeat or an older update
        var values = current.ValueByCurrency;
        if (previous is { Cancelled: false }) values = Add(values, previous.Total, -1);
        if (!entry.Cancelled) values = Add(values, entry.Total, +1);
        var cancelled = current.CancelledCount - (previous is { Cancelled: true } ? 1 : 0) + (entry.Cancelled ? 1 : 0);
        await CommitAsync(current with
        {
            Orders = current.Orders.SetItem(entry.OrderId, entry),
            ValueByCurrency = values,
            CancelledCount = cancelled,
        }, actor: null);
    }

    private Task CommitAsync(CustomerState next, Actor? actor) => WriteStateOrReloadAsync(state,
        next with { Version = state.State.Version + 1, UpdatedAt = time.GetUtcNow(), UpdatedBy = actor ?? state.State.UpdatedBy });

    private void CheckVersion(long? expected)
    {
        if (expected is { } v && v != state.State.Version) throw new VersionConflictException("customer", v, state.State.Version);
    }

    private CustomerSnapshot Snapshot()
    {
        var s = state.State;
        var orders = s.Orders.Values;
        return new CustomerSnapshot
        {
            TenantId = Key.TenantId,
            CustomerId = Key.Id,
            Version = s.Version,
            Registered = s.Profile is not null,
            Profile = s.Profile,
            ApprovalThresholds = s.ApprovalThresholds,
            Lifetime = new CustomerLifetime
            {
                OrderCount = s.Orders.Count,
                CancelledCount = s.CancelledCount,
                TotalValue = [.. s.ValueByCurrency.Select(v => new Money(v.Value, v.Key))],
                FirstOrderAt = s.Orders.IsEmpty ? null : orders.Min(o => o.CreatedAt),
                LastOrderAt = s.Orders.IsEmpty ? null : orders.Max(o => o.CreatedAt),
            },
        };
    }

    private static ImmutableSortedDictionary<string, decimal> Add(ImmutableSortedDictionary<string, decimal> values, Money amount, int sign) =>
        values.SetItem(amount.Currency, values.GetValueOrDefault(amount.Currency) + sign * amount.Amount);

    /// <summary>Orders sort by creation time, then id; the key is also the page cursor.</summary>
    private static string SortKey(CustomerOrderEntry e) =>
        $"{e.CreatedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{e.OrderId}";

    private static void ValidateProfile(FieldErrors errors, CustomerProfile? profile)
    {
        if (profile is null)
        {
            errors.Add("profile", "required", "profile is required.");
            return;
        }

        errors.Text("profile.name", profile.Name, OrderInput.MaxNameLength);
        if (profile.Emails.Length > MaxEmails) errors.Add("profile.emails", "too-many", $"At most {MaxEmails} e-mail addresses.");
        for (var i = 0; i < profile.Emails.Length; i++)
        {
            errors.Text($"profile.emails[{i}]", profile.Emails[i], 254);
            if (profile.Emails[i] is { } email && !email.Contains('@')) errors.Add($"profile.emails[{i}]", "invalid-format", "An e-mail address holds an '@'.");
        }

        if (profile.Phones.Length > MaxPhones) errors.Add("profile.phones", "too-many", $"At most {MaxPhones} phone numbers.");
        for (var i = 0; i < profile.Phones.Length; i++) errors.Text($"profile.phones[{i}]", profile.Phones[i], 40);
        if (profile.Addresses.Length > MaxAddresses) errors.Add("profile.addresses", "too-many", $"At most {MaxAddresses} addresses.");
        for (var i = 0; i < profile.Addresses.Length; i++) OrderInput.Address(errors, profile.Addresses[i], $"profile.addresses[{i}]");
        if (profile.DefaultShippingAddress is { } s && (s < 0 || s >= profile.Addresses.Length))
            errors.Add("profile.defaultShippingAddress", "out-of-range", "defaultShippingAddress is an index into addresses.");
        if (profile.DefaultBillingAddress is { } b && (b < 0 || b >= profile.Addresses.Length))
            errors.Add("profile.defaultBillingAddress", "out-of-range", "defaultBillingAddress is an index into addresses.");
        if (!Enum.IsDefined(profile.RiskLevel)) errors.Add("profile.riskLevel", "unknown-value", "Unknown risk level.");
    }
}
