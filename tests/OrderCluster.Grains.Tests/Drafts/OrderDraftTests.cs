using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Drafts;

/// <summary>The order-entry draft: steps validated when saved, prefilled from the customer and templates, submitted once.</summary>
public sealed class OrderDraftTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = await DomainTestSilo.StartAsync();
        await _silo.Grains.Customer("acme", "c-1").SaveProfileAsync(new SaveCustomerProfile { Actor = Admin, Profile = Profile() });
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private IOrderDraftGrain Draft(string id = "d-1") => _silo.Grains.Draft("acme", id);

    private static StartDraft Start => new() { Actor = Clerk, Channel = SalesChannel.Phone(), Currency = "EUR" };

    private static ImmutableArray<NewOrderLine> ThreeLines => [Line("SKU-1", 2, 10m), Line("SKU-2", 1, 25.50m), Line("SKU-3", 4, 12.50m)];

    private static SaveDraftFulfilment Fulfilment => new() { Actor = Clerk, Shipping = new ShippingSelection { Method = "standard", Price = 4.50m } };

    [Fact]
    public async Task A_draft_goes_through_its_steps_prefilled_from_the_customer_and_submits_a_placed_order()
    {
        var started = await Draft().StartAsync(Start);
        var afterCustomer = await Draft().SaveCustomerAsync(new SaveDraftCustomer { Actor = Clerk, CustomerId = "c-1" });
        var afterLines = await Draft().SaveLinesAsync(new SaveDraftLines { Actor = Clerk, Lines = ThreeLines });
        var review = await Draft().SaveFulfilmentAsync(Fulfilment);
        var submitted = await Draft().SubmitAsync(new SubmitDraft { Actor = Clerk, ExpectedVersion = review.Version });

        Assert.Equal([DraftStep.Customer, DraftStep.Lines, DraftStep.Fulfilment, DraftStep.Review],
            new[] { started, afterCustomer, afterLines, review }.Select(d => d.CurrentStep));
        Assert.Equal((Profile().Addresses[0], Profile().Addresses[1]), (afterCustomer.ShippingAddress, afterCustomer.BillingAddress));
        Assert.Equal((new Money(100m, "EUR"), 0), (review.Review!.Totals.Total, review.Review.Problems.Length));
        var order = await _silo.Grains.Order("acme", submitted.OrderId).GetAsync();
        Assert.Equal(("approved", ChannelKind.Phone, "Hamburg"), (order.Status, order.Channel.Kind, order.BillingAddress!.City));
        Assert.Equal(("clerk-1", "Jane Doe"), (order.CreatedBy.UserId, order.Customer.Name));
        var draft = await Draft().GetAsync();
        Assert.Equal((DraftStatus.Submitted, submitted.OrderId), (draft.Status, draft.OrderId));
    }

    [Fact]
    public async Task Each_step_is_validated_when_saved_and_a_refused_step_changes_nothing()
    {
        await Draft().StartAsync(Start);
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => Draft().SaveCustomerAsync(new SaveDraftCustomer { Actor = Clerk, CustomerId = "nobody" }));
        await Draft().SaveCustomerAsync(new SaveDraftCustomer { Actor = Clerk, CustomerId = "c-1" });

        var lines = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Draft().SaveLinesAsync(new SaveDraftLines { Actor = Clerk, Lines = [Line("A", 0, 1m), Line("B", 1, -2m)] }));

        Assert.Equal(("customerId", ErrorCodes.CustomerNotFound), (unknown.Error.Errors.Single().Field, unknown.Error.Errors.Single().Code));
        Assert.Equal(["lines[0].quantity", "lines[1].unitPrice"], lines.Error.FieldNames.Order());
        var draft = await Draft().GetAsync();
        Assert.Equal((DraftStep.Lines, 2L, 0), (draft.CurrentStep, draft.Version, draft.Lines.Length));
    }

    [Fact]
    public async Task Steps_cannot_be_skipped_and_only_a_reviewed_draft_submits()
    {
        await Draft().StartAsync(Start);

        var skip = await Assert.ThrowsAsync<OrderRuleViolationException>(() => Draft().SaveFulfilmentAsync(Fulfilment));
        var submit = await Assert.ThrowsAsync<OrderRuleViolationException>(() => Draft().SubmitAsync(new SubmitDraft { Actor = Clerk }));

        Assert.Equal(ErrorCodes.DraftStepNotReached, skip.Code);
        Assert.Equal(ErrorCodes.DraftStepNotReached, submit.Code);
    }

    [Fact]
    public async Task Going_back_to_a_step_and_saving_it_returns_to_the_review()
    {
        await Draft().StartAsync(Start);
        await Draft().SaveCustomerAsync(new SaveDraftCustomer { Actor = Clerk, CustomerId = "c-1" });
        await Draft().SaveLinesAsync(new SaveDraftLines { Actor = Clerk, Lines = ThreeLines });
        await Draft().SaveFulfilmentAsync(Fulfilment);

        var back = await Draft().GoToStepAsync(new GoToDraftStep { Actor = Clerk, Step = DraftStep.Lines });
        var again = await Draft().SaveLinesAsync(new SaveDraftLines { Actor = Clerk, Lines = [Line("SKU-1", 1, 15_000m)] });

        Assert.Equal((DraftStep.Lines, null), (back.CurrentStep, back.Review));
        Assert.Equal(DraftStep.Review, again.CurrentStep);
        Assert.Equal<string>(["manager"], again.Review!.ApprovalLevels); // the review shows the approval the order will need
    }

    [Fact]
    public async Task A_draft_from_a_template_skips_the_lines_step()
    {
        await _silo.Grains.Templates("acme").SaveAsync(new SaveOrderTemplate
        {
            Actor = Admin,
            Template = new OrderTemplate
            {
                TemplateId = "weekly", Name = "Weekly restock", Currency = "EUR", Lines = ThreeLines, Tags = ["standing-order"],
                Shipping = new ShippingSelection { Method = "standard", Price = 4.50m },
            },
        });

        var started = await Draft().StartAsync(Start with { TemplateId = "weekly" });
        var afterCustomer = await Draft().SaveCustomerAsync(new SaveDraftCustomer { Actor = Clerk, CustomerId = "c-1" });
        var review = await Draft().SaveFulfilmentAsync(Fulfilment);
        var submitted = await Draft().SubmitAsync(new SubmitDraft { Actor = Clerk });

        Assert.Equal<DraftStep>([DraftStep.Lines], started.CompletedSteps);
        Assert.Equal(DraftStep.Fulfilment, afterCustomer.CurrentStep);
        Assert.Equal(DraftStep.Review, review.CurrentStep);
        var order = await _silo.Grains.Order("acme", submitted.OrderId).GetAsync();
        Assert.Equal((3, "standing-order"), (order.Lines.Length, order.Tags.Single()));
    }

    [Fact]
    public async Task Submitting_twice_returns_the_same_order()
    {
        await Draft().StartAsync(Start);
        await Draft().SaveCustomerAsync(new SaveDraftCustomer { Actor = Clerk, CustomerId = "c-1" });
        await Draft().SaveLinesAsync(new SaveDraftLines { Actor = Clerk, Lines = ThreeLines });
        await Draft().SaveFulfilmentAsync(Fulfilment);

        var first = await Draft().SubmitAsync(new SubmitDraft { Actor = Clerk });
        var second = await Draft().SubmitAsync(new SubmitDraft { Actor = Clerk });
        var closed = await Assert.ThrowsAsync<OrderRuleViolationException>(() => Draft().SaveLinesAsync(new SaveDraftLines { Actor = Clerk, Lines = ThreeLines }));

        Assert.Equal(first with { Replayed = true }, second);
        Assert.Equal(ErrorCodes.DraftClosed, closed.Code);
    }

    [Fact]
    public async Task The_review_lists_what_blocks_submitting()
    {
        await _silo.Grains.CustomFields("acme").PublishAsync(new PublishCustomFieldSchema
        {
            Actor = Admin, Fields = [new CustomFieldDefinition { Name = "costCenter", Type = CustomFieldType.String, Required = true }],
        });
        await Draft().StartAsync(Start);
        await Draft().SaveCustomerAsync(new SaveDraftCustomer { Actor = Clerk, CustomerId = "c-1" });
        await Draft().SaveLinesAsync(new SaveDraftLines { Actor = Clerk, Lines = ThreeLines });

        var review = await Draft().SaveFulfilmentAsync(Fulfilment);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Draft().SubmitAsync(new SubmitDraft { Actor = Clerk }));
        await Draft().GoToStepAsync(new GoToDraftStep { Actor = Clerk, Step = DraftStep.Fulfilment });
        var fixedReview = await Draft().SaveFulfilmentAsync(Fulfilment with
        {
            CustomFields = ImmutableSortedDictionary<string, CustomFieldValue>.Empty.Add("costCenter", CustomFieldValue.Of("CC-1")),
        });

        Assert.Equal(["customFields.costCenter"], review.Review!.Problems.Select(p => p.Field));
        Assert.Equal(["customFields.costCenter"], refused.Error.FieldNames);
        Assert.Empty(fixedReview.Review!.Problems);
        Assert.Equal("approved", (await Draft().SubmitAsync(new SubmitDraft { Actor = Clerk })).Status);
    }
}
