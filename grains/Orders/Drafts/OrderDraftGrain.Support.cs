using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;
using OrderCluster.Grains.Tenants;

namespace OrderCluster.Grains.Orders.Drafts;

/// <summary>Checks, the review, persistence and the view of the draft.</summary>
internal sealed partial class OrderDraftGrain
{
    private OrderDraftState RequireStarted()
    {
        var key = Key;
        if (state.State.Version == 0) throw new NotFoundException(ErrorCodes.DraftNotFound, $"Draft {key.Id} was not found.", "draftId");
        return state.State;
    }

    /// <summary>The draft, if it is open, the version is current, the actor valid and the step reachable.</summary>
    private OrderDraftState RequireOpen(Actor actor, long? expectedVersion, DraftStep step)
    {
        var draft = RequireStarted();
        if (draft.Status != DraftStatus.Open)
            throw new OrderRuleViolationException(ErrorCodes.DraftClosed, $"The draft is {draft.Status.ToString().ToLowerInvariant()}.", draft.Version);
        if (expectedVersion is { } expected && expected != draft.Version) throw new VersionConflictException("draft", expected, draft.Version);
        var errors = new FieldErrors();
        OrderInput.Actor(errors, actor);
        errors.ThrowIfAny();
        if (!DraftSteps.CanOpen(draft, step))
            throw new OrderRuleViolationException(ErrorCodes.DraftStepNotReached,
                $"Step {step} is not reached yet; the draft is at {draft.CurrentStep}.", draft.Version);
        return draft;
    }

    private async Task<CustomerSnapshot> FindCustomerAsync(string customerId)
    {
        try
        {
            var customer = await GrainFactory.GetGrain<ICustomerGrain>(TenantKeys.For(Key.TenantId, customerId)).GetAsync();
            if (customer.Registered) return customer;
        }
        catch (NotFoundException)
        {
        }

        throw ValidationFailedException.For("customerId", ErrorCodes.CustomerNotFound, $"No registered customer '{customerId}'.");
    }

    /// <summary>At the review step: totals, the approval the order would need, and what still blocks submitting.</summary>
    private async Task<OrderDraftState> WithReviewAsync(OrderDraftState draft)
    {
        if (draft.CurrentStep != DraftStep.Review) return draft.Review is null ? draft : draft with { Review = null };
        var tenant = TenantKeys.ForTenant(Key.TenantId);
        var problems = new FieldErrors();
        var schema = await GrainFactory.GetGrain<ICustomFieldSchemaGrain>(tenant).GetCurrentAsync();
        CustomFieldRules.ValidateWrite(problems, schema, CustomFieldRules.AsWrites(draft.CustomFields),
            CustomFieldRules.WithDefaults(schema, draft.CustomFields));
        if (draft.Customer is null) problems.Add("customerId", "required", "Choose a customer.");
        if (draft.ShippingAddress is null) problems.Add("shippingAddress", "required", "Give a shipping address.");
        if (draft.Shipping is null) problems.Add("shipping", "required", "Choose shipping.");

        var totals = OrderTotalsCalculator.For(draft.Currency, draft.Lines, draft.Shipping?.Price ?? 0);
        var workflow = await GrainFactory.GetGrain<IWorkflowDefinitionsGrain>(tenant).GetCurrentAsync();
        var customer = draft.Customer is { } c
            ? await GrainFactory.GetGrain<ICustomerGrain>(TenantKeys.For(Key.TenantId, c.CustomerId)).GetApprovalProfileAsync()
            : CustomerApprovalProfile.Unknown;
        var decision = ApprovalEvaluator.Evaluate(workflow.Approval, new ApprovalFacts(totals.Total, totals.DiscountPercent,
            draft.Channel!, customer, CustomFieldRules.WithDefaults(schema, draft.CustomFields)));
        return draft with
        {
            Review = new DraftReview
            {
                Totals = totals,
                ApprovalLevels = [.. decision.Levels.Select(l => l.Name)],
                ApprovalReasons = decision.Reasons,
                Problems = [.. problems.Items],
            },
        };
    }

    private static CreateOrder ToCreateOrder(OrderDraftState draft, Actor actor) => new()
    {
        Actor = actor,
        Customer = draft.Customer!,
        Channel = draft.Channel!,
        Currency = draft.Currency,
        Lines = draft.Lines,
        ShippingAddress = draft.ShippingAddress!,
        BillingAddress = draft.BillingAddress,
        Shipping = draft.Shipping!,
        CustomFields = draft.CustomFields,
        Tags = draft.Tags,
        Priority = draft.Priority,
        Note = draft.Note,
        Place = true,
    };

    private Task CommitAsync(OrderDraftState next) =>
        WriteStateOrReloadAsync(state, next with { Version = state.State.Version + 1, UpdatedAt = time.GetUtcNow() });

    private OrderDraft View()
    {
        var s = state.State;
        var key = Key;
        return new OrderDraft
        {
            TenantId = key.TenantId,
            DraftId = key.Id,
            Version = s.Version,
            Status = s.Status,
            CurrentStep = s.CurrentStep,
            CompletedSteps = s.Completed,
            TemplateId = s.TemplateId,
            Channel = s.Channel!,
            Currency = s.Currency,
            Customer = s.Customer,
            Lines = s.Lines,
            ShippingAddress = s.ShippingAddress,
            BillingAddress = s.BillingAddress,
            Shipping = s.Shipping,
            Priority = s.Priority,
            Tags = s.Tags,
            CustomFields = s.CustomFields,
            Note = s.Note,
            Review = s.Review,
            OrderId = s.OrderId,
            StartedBy = s.StartedBy!,
            StartedAt = s.StartedAt,
            UpdatedAt = s.UpdatedAt,
        };
    }
}
