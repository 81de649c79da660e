using OrderCluster.GrainInterfaces.Returns;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Returns;

/// <summary>A tenant's refund policy, keyed <c>{tenant}</c>, versioned.</summary>
internal sealed class RefundPolicyGrain([PersistentState("refund-policy")] IPersistentState<RefundPolicyState> state) : Grain, IRefundPolicyGrain
{
    public static readonly RefundPolicy Default = new() { Version = 1 };

    public async Task<RefundPolicy> PublishAsync(PublishRefundPolicy command)
    {
        TenantKeys.ParseTenant(GetPrimaryKeyString());
        if (command.ExpectedVersion is { } expected && expected != Current.Version)
            throw new VersionConflictException("refund policy", expected, Current.Version);
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        errors.Amount("policy.approvalThreshold", command.Policy.ApprovalThreshold);
        errors.Text("policy.approverRole", command.Policy.ApproverRole, 64);
        errors.ThrowIfAny();
        var published = command.Policy with { Version = Current.Version + 1, PublishedBy = command.Actor };
        state.State = state.State with { Published = state.State.Published.Add(published) };
        await state.WriteStateAsync();
        return published;
    }

    public Task<RefundPolicy> GetCurrentAsync() => Task.FromResult(Current);

    private RefundPolicy Current => state.State.Published.IsEmpty ? Default : state.State.Published[^1];
}
