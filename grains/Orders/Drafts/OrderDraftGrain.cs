using Microsoft.Extensions.Options;
using OrderCluster.GrainInterfaces;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;
using OrderCluster.Grains.Tenants;

namespace OrderCluster.Grains.Orders.Drafts;

/// <summary>
/// The streamlined order entry, keyed <c>{tenant}/{draftId}</c>: customer → lines → addresses and shipping →
/// review → submit. Each step is validated when saved; the customer's default addresses prefill the fulfilment
/// step and a template prefills lines, shipping, tags, custom fields and priority. See grains/README.md.
/// </summary>
internal sealed partial class OrderDraftGrain(
    [PersistentState("draft")] IPersistentState<OrderDraftState> state,
    IOptions<OrderOptions> options,
    TimeProvider time) : Grain, IOrderDraftGrain
{
    private TenantKey Key => TenantKeys.Parse(GetPrimaryKeyString(), "draftId");

    public async Task<OrderDraft> StartAsync(StartDraft command)
    {
        var key = Key;
        var hash = RequestHash.OfContent(command, GrainInterfacesJsonContext.Default.StartDraft);
        if (state.State.Version > 0)
        {
            if (state.State.StartHash == hash) return View();
            throw new OrderRuleViolationException(ErrorCodes.DraftClosed, $"Draft {key.Id} was already started.", state.State.Version);
        }

        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        OrderInput.Channel(errors, command.Channel);
        errors.Currency("currency", command.Currency);
        if (command.TemplateId is not null) errors.Add(TenantKeys.CheckId(command.TemplateId, "templateId"));
        errors.ThrowIfAny();

        var draft = new OrderDraftState
        {
            Channel = command.Channel,
            Currency = command.Currency,
            TemplateId = command.TemplateId,
            StartedBy = command.Actor,
            StartedAt = time.GetUtcNow(),
            StartHash = hash,
        };
        if (command.TemplateId is { } templateId)
        {
            var template = await GrainFactory.GetGrain<IOrderTemplatesGrain>(TenantKeys.ForTenant(key.TenantId)).GetAsync(templateId);
            // The template's lines are a complete lines step: the user goes from the customer straight to fulfilment.
            draft = DraftSteps.Complete(draft with
            {
                Channel = template.Channel ?? draft.Channel,
                Currency = template.Currency,
                Lines = template.Lines,
                Shipping = template.Shipping,
                Priority = template.Priority,
                Tags = template.Tags,
                CustomFields = template.CustomFields,
            }, DraftStep.Lines);
            draft = draft with { CurrentStep = DraftStep.Customer };
        }

        await CommitAsync(draft);
        return View();
    }

    public async Task<OrderDraft> SaveCustomerAsync(SaveDraftCustomer command)
    {
        var draft = RequireOpen(command.Actor, command.ExpectedVersion, DraftStep.Customer);
        var errors = new FieldErrors();
        errors.Add(TenantKeys.CheckId(command.CustomerId, "customerId"));
        if (command.Channel is not null) OrderInput.Channel(errors, command.Channel);
        errors.ThrowIfAny();

        var customer = await FindCustomerAsync(command.CustomerId);
        var profile = customer.Profile!;
        Address? AddressAt(int? index) => index is { } i && i < profile.Addresses.Length ? profile.Addresses[i] : null;
        var shipping = AddressAt(profile.DefaultShippingAddress) ?? profile.Addresses.FirstOrDefault();
        var billing = AddressAt(profile.DefaultBillingAddress);
        var sameCustomer = draft.Customer?.CustomerId == command.CustomerId;
        draft = DraftSteps.Complete(draft with
        {
            Customer = new CustomerRef { CustomerId = command.CustomerId, Name = profile.Name, Email = profile.Emails.FirstOrDefault() },
            Channel = command.Channel ?? draft.Channel,
            // Prefill from the profile; a changed customer brings its own addresses.
            ShippingAddress = sameCustomer ? draft.ShippingAddress ?? shipping : shipping,
            BillingAddress = sameCustomer ? draft.BillingAddress : billing == shipping ? null : billing,
        }, DraftStep.Customer);
        await CommitAsync(await WithReviewAsync(draft));
        return View();
    }

    public async Task<OrderDraft> SaveLinesAsync(SaveDraftLines command)
    {
        var draft = RequireOpen(command.Actor, command.ExpectedVersion, DraftStep.Lines);
        var errors = new FieldErrors();
        OrderInput.Lines(errors, command.Lines, options.Value.MaxLines);
        errors.ThrowIfAny();
        draft = DraftSteps.Complete(draft with { Lines = command.Lines }, DraftStep.Lines);
        await CommitAsync(await WithReviewAsync(draft));
        return View();
    }

    public async Task<OrderDraft> SaveFulfilmentAsync(SaveDraftFulfilment command)
    {
        var draft = RequireOpen(command.Actor, command.ExpectedVersion, DraftStep.Fulfilment);
        var shippingAddress = command.ShippingAddress ?? draft.ShippingAddress;
        var errors = new FieldErrors();
        OrderInput.Address(errors, shippingAddress, "shippingAddress");
        OrderInput.Address(errors, command.BillingAddress, "billingAddress", required: false);
        if (command.BillingSameAsShipping && command.BillingAddress is not null)
            errors.Add("billingAddress", "conflict", "Give a billing address or billingSameAsShipping, not both.");
        OrderInput.Shipping(errors, command.Shipping);
        if (command.Priority is { } priority) OrderInput.Priority(errors, priority);
        var tags = command.Tags is { } given ? TagRules.NormalizeAll(errors, given, options.Value.MaxTagLength, "tags") : null;
        if (tags?.Count > options.Value.MaxTags) errors.Add("tags", "too-many", $"An order has at most {options.Value.MaxTags} tags.");
        if (command.CustomFields is { } fields)
        {
            var schema = await GrainFactory.GetGrain<ICustomFieldSchemaGrain>(TenantKeys.ForTenant(Key.TenantId)).GetCurrentAsync();
            CustomFieldRules.ValidateValues(errors, schema, CustomFieldRules.AsWrites(fields));
        }

        errors.Text("note", command.Note, options.Value.MaxNoteLength, required: false, multiline: true);
        errors.ThrowIfAny();

        draft = DraftSteps.Complete(draft with
        {
            ShippingAddress = shippingAddress,
            BillingAddress = command.BillingSameAsShipping ? null : command.BillingAddress ?? draft.BillingAddress,
            Shipping = command.Shipping,
            Priority = command.Priority ?? draft.Priority,
            Tags = tags is null ? draft.Tags : [.. tags],
            CustomFields = command.CustomFields ?? draft.CustomFields,
            Note = command.Note ?? draft.Note,
        }, DraftStep.Fulfilment);
        await CommitAsync(await WithReviewAsync(draft));
        return View();
    }

    public async Task<OrderDraft> GoToStepAsync(GoToDraftStep command)
    {
        var draft = RequireOpen(command.Actor, command.ExpectedVersion, command.Step);
        if (draft.CurrentStep == command.Step) return View();
        await CommitAsync(await WithReviewAsync(draft with { CurrentStep = command.Step }));
        return View();
    }

    public async Task<OrderCommandResult> SubmitAsync(SubmitDraft command)
    {
        var key = Key;
        var draft = state.State;
        if (draft.Status == DraftStatus.Submitted && draft.SubmitResult is { } done) return done with { Replayed = true };
        if (draft.Status != DraftStatus.Submitting)
        {
            draft = RequireOpen(command.Actor, command.ExpectedVersion, DraftStep.Review);
            if (draft.CurrentStep != DraftStep.Review)
                throw new OrderRuleViolationException(ErrorCodes.DraftStepNotReached, "Review the draft before submitting it.", draft.Version);
            draft = await WithReviewAsync(draft);
            if (draft.Review is { Problems.IsEmpty: false } review)
                throw new ValidationFailedException(review.Problems, "The draft is not ready: " + string.Join(" ", review.Problems.Select(p => p.Message)));
            draft = draft with { Status = DraftStatus.Submitting, OrderId = draft.OrderId ?? Guid.CreateVersion7(time.GetUtcNow()).ToString("N") };
            await CommitAsync(draft);
        }

        var order = GrainFactory.GetGrain<IOrderGrain>(TenantKeys.For(key.TenantId, draft.OrderId!));
        OrderCommandResult result;
        try
        {
            result = await order.CreateAsync(ToCreateOrder(draft, command.Actor));
        }
        catch (DomainException)
        {
            // The order refused the draft (e.g. the schema now requires a field): the draft opens again at the review.
            await CommitAsync(state.State with { Status = DraftStatus.Open });
            throw;
        }

        await CommitAsync(state.State with { Status = DraftStatus.Submitted, SubmitResult = result });
        return result;
    }

    public async Task<OrderDraft> DiscardAsync(DiscardDraft command)
    {
        var draft = RequireOpen(command.Actor, command.ExpectedVersion, state.State.CurrentStep);
        await CommitAsync(draft with { Status = DraftStatus.Discarded });
        return View();
    }

    public Task<OrderDraft> GetAsync()
    {
        RequireStarted();
        return Task.FromResult(View());
    }
}
