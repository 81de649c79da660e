using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Orders;

/// <summary>Approval paths, who may perform what, illegal transitions, hold and resume, and versioned definitions.</summary>
public sealed class WorkflowTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DomainTestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private async Task<IOrderGrain> CreateAsync(string id, CreateOrder command, string tenant = "acme")
    {
        var order = _silo.Grains.Order(tenant, id);
        await order.CreateAsync(command);
        return order;
    }

    [Fact]
    public async Task A_multi_level_approval_goes_manager_then_finance_and_then_approves()
    {
        var order = await CreateAsync("o-ml", OrderOf(60_000m));

        var afterManager = await order.ApproveAsync(new ApproveOrder { Actor = Manager, Level = "manager", Comment = "fine" });
        var waiting = (await order.GetAsync()).Approval!;
        var afterFinance = await order.ApproveAsync(new ApproveOrder { Actor = FinanceOfficer });

        Assert.Equal("pending-approval", afterManager.Status);
        Assert.Equal("finance", waiting.CurrentStep!.Level);
        Assert.Equal("approved", afterFinance.Status);
        var approval = (await order.GetAsync()).Approval!;
        Assert.Equal(ApprovalStatus.Approved, approval.Status);
        Assert.Equal([("manager", "manager-1"), ("finance", "finance-1")], approval.Steps.Select(s => (s.Level, s.DecidedBy!.UserId)));
        var granted = (await order.GetEventsAsync(0, 100)).OfType<ApprovalGranted>().ToList();
        Assert.Equal([["finance"], []], granted.Select(g => g.RemainingLevels.ToArray()));
    }

    [Fact]
    public async Task Each_approver_approves_one_level_only()
    {
        var order = await CreateAsync("o-once", OrderOf(60_000m));
        await order.ApproveAsync(new ApproveOrder { Actor = ManagerAndFinance });

        var error = await Assert.ThrowsAsync<OrderRuleViolationException>(() => order.ApproveAsync(new ApproveOrder { Actor = ManagerAndFinance }));

        Assert.Equal((ErrorCodes.ApproverAlreadyApproved, 2L), (error.Code, error.Error.CurrentVersion));
        Assert.Equal("pending-approval", (await order.GetAsync()).Status);
    }

    [Fact]
    public async Task An_approver_needs_the_role_of_the_current_level()
    {
        var order = await CreateAsync("o-role", OrderOf(60_000m));

        var wrongRole = await Assert.ThrowsAsync<ActionForbiddenException>(() => order.ApproveAsync(new ApproveOrder { Actor = FinanceOfficer }));
        var wrongLevel = await Assert.ThrowsAsync<OrderRuleViolationException>(() => order.ApproveAsync(new ApproveOrder { Actor = Manager, Level = "finance" }));

        Assert.Equal(ErrorCodes.ActionForbidden, wrongRole.Code);
        Assert.Contains("order-manager", wrongRole.Message);
        Assert.Equal(ErrorCodes.ApprovalLevelNotCurrent, wrongLevel.Code);
    }

    [Fact]
    public async Task Approving_an_order_that_waits_for_nothing_is_refused_with_the_allowed_actions()
    {
        var order = await CreateAsync("o-none", Order());

        var error = await Assert.ThrowsAsync<OrderRuleViolationException>(() => order.ApproveAsync(new ApproveOrder { Actor = Manager }));

        Assert.Equal(ErrorCodes.ApprovalNotPending, error.Code);
        Assert.Equal<string>(["allocate", "cancel", "hold"], error.Error.AllowedActions);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_moves_the_order_to_the_rejected_state()
    {
        var order = await CreateAsync("o-rej", OrderOf(12_000m));

        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => order.RejectAsync(new RejectOrder { Actor = Manager, Reason = " " }));
        var rejected = await order.RejectAsync(new RejectOrder { Actor = Manager, Reason = "price too low" });

        Assert.Equal(["reason"], noReason.Error.FieldNames);
        Assert.Equal("cancelled", rejected.Status);
        var snapshot = await order.GetAsync();
        Assert.Equal((ApprovalStatus.Rejected, "price too low"), (snapshot.Approval!.Status, snapshot.Approval.RejectionReason));
        Assert.Single((await order.GetEventsAsync(0, 100)).OfType<ApprovalRejected>(), e => e.Reason == "price too low" && e.Level == "manager");
    }

    [Fact]
    public async Task The_rejected_state_is_configurable_and_a_reworked_order_is_approved_in_a_new_round()
    {
        var definition = await Workflows.DefaultAsync(_silo.Grains, "rework");
        await _silo.Grains.Workflows("rework").PublishAsync(new PublishWorkflow
        {
            Actor = Admin, Definition = definition with { Approval = definition.Approval with { RejectedState = "draft" } },
        });
        var order = await CreateAsync("o-1", OrderOf(12_000m), tenant: "rework");

        var rejected = await order.RejectAsync(new RejectOrder { Actor = Manager, Reason = "too big, split it" });
        await order.ChangeLinesAsync(new ChangeOrderLines { Actor = Clerk, Update = [new LineUpdate { LineId = "l1", UnitPrice = 900m }] });
        var replaced = await order.PerformActionAsync(Action("place", Clerk));

        Assert.Equal("draft", rejected.Status);
        Assert.Equal("approved", replaced.Status);
        Assert.Equal((ApprovalStatus.NotRequired, 1), ((await order.GetAsync()).Approval!.Status, (await order.GetAsync()).Approval!.Round));
    }

    [Fact]
    public async Task Only_the_roles_a_transition_names_may_perform_it()
    {
        var order = await CreateAsync("o-roles", Order());

        var clerk = await Assert.ThrowsAsync<ActionForbiddenException>(() => order.PerformActionAsync(Action("allocate", Clerk)));
        var warehouse = await order.PerformActionAsync(Action("allocate", Warehouse));

        Assert.Equal(ErrorCodes.ActionForbidden, clerk.Code);
        Assert.Contains("warehouse", clerk.Message);
        Assert.Equal("allocated", warehouse.Status);
    }

    [Theory]
    [InlineData("ship", "approved", new[] { "allocate", "cancel", "hold" })]
    [InlineData("place", "approved", new[] { "allocate", "cancel", "hold" })]
    [InlineData("resume", "approved", new[] { "allocate", "cancel", "hold" })]
    [InlineData("fly-away", "approved", new[] { "allocate", "cancel", "hold" })]
    public async Task An_illegal_transition_is_refused_with_the_allowed_actions(string action, string status, string[] allowed)
    {
        var order = await CreateAsync($"o-illegal-{action}", Order());

        var error = await Assert.ThrowsAsync<OrderRuleViolationException>(() => order.PerformActionAsync(Action(action, Admin)));

        Assert.Equal(ErrorCodes.TransitionNotAllowed, error.Code);
        Assert.Equal(allowed, error.Error.AllowedActions);
        Assert.Contains($"while the order is {status}", error.Message);
        Assert.Contains("Allowed now: allocate, cancel, hold", error.Message);
        Assert.Equal(1, error.Error.CurrentVersion);
    }

    [Fact]
    public async Task An_order_walks_the_whole_default_workflow_and_then_allows_nothing()
    {
        var order = await CreateAsync("o-walk", Order());
        var statuses = new List<string>();

        foreach (var action in new[] { "allocate", "start-picking", "pack", "ship", "deliver" })
            statuses.Add((await order.PerformActionAsync(Action(action, Warehouse))).Status);
        statuses.Add((await order.PerformActionAsync(Action("close", Manager))).Status);

        Assert.Equal(["allocated", "picking", "packed", "shipped", "delivered", "closed"], statuses);
        Assert.Empty(await order.GetAvailableActionsAsync(Admin));
        var error = await Assert.ThrowsAsync<OrderRuleViolationException>(() => order.PerformActionAsync(Action("cancel", Admin, "late")));
        Assert.Contains("none (the order is in a final state)", error.Message);
    }

    [Fact]
    public async Task Hold_and_resume_return_the_order_to_where_it_was()
    {
        var order = await CreateAsync("o-hold", Order());
        await order.PerformActionAsync(Action("allocate", Warehouse));
        await order.PerformActionAsync(Action("start-picking", Warehouse));

        var held = await order.PerformActionAsync(Action("hold", Manager, "customer called"));
        var snapshot = await order.GetAsync();
        var resumed = await order.PerformActionAsync(Action("resume", Manager));

        Assert.Equal(("on-hold", "picking"), (held.Status, snapshot.HeldFromStatus));
        Assert.Equal("picking", resumed.Status);
        Assert.Null((await order.GetAsync()).HeldFromStatus);
        var actions = await order.GetAvailableActionsAsync(Clerk);
        Assert.Equal(["pack", "cancel", "hold"], actions.Select(a => a.Action));
        Assert.Equal([false, false, false], actions.Select(a => a.Permitted));
    }

    [Fact]
    public async Task Cancelling_an_order_on_hold_ends_the_hold()
    {
        var order = await CreateAsync("o-hold-cancel", Order());
        await order.PerformActionAsync(Action("hold", Manager));

        var cancelled = await order.PerformActionAsync(Action("cancel", Manager, "customer withdrew"));

        Assert.Equal("cancelled", cancelled.Status);
        Assert.Null((await order.GetAsync()).HeldFromStatus);
    }

    [Fact]
    public async Task Cancelling_needs_a_reason()
    {
        var order = await CreateAsync("o-cancel", Order());

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => order.PerformActionAsync(Action("cancel", Manager)));
        var cancelled = await order.PerformActionAsync(Action("cancel", Manager, "customer withdrew"));

        Assert.Equal(["reason"], error.Error.FieldNames);
        Assert.Equal("cancelled", cancelled.Status);
    }

    [Fact]
    public async Task Approve_and_reject_are_offered_to_the_current_levels_role()
    {
        var order = await CreateAsync("o-offer", OrderOf(60_000m));

        var forManager = await order.GetAvailableActionsAsync(Manager);
        var viaAction = await order.PerformActionAsync(Action("approve", Manager));

        Assert.Equal([("approve", true), ("reject", true), ("cancel", true), ("hold", true)], forManager.Select(a => (a.Action, a.Permitted)));
        Assert.Equal("pending-approval", viaAction.Status);
        Assert.Equal("finance", (await order.GetAvailableActionsAsync(FinanceOfficer)).First().Roles.Single());
    }

    [Fact]
    public async Task An_edit_after_approval_was_requested_restarts_approval_on_the_new_content()
    {
        var order = await CreateAsync("o-edit", OrderOf(60_000m));
        await order.ApproveAsync(new ApproveOrder { Actor = Manager });

        await order.ChangeLinesAsync(new ChangeOrderLines { Actor = Clerk, Update = [new LineUpdate { LineId = "l1", UnitPrice = 20_000m }] });

        var approval = (await order.GetAsync()).Approval!;
        Assert.Equal((2, ApprovalStatus.Pending), (approval.Round, approval.Status));
        Assert.Equal(["manager"], approval.Steps.Select(s => s.Level));
        Assert.All(approval.Steps, s => Assert.Null(s.DecidedBy));
    }

    [Fact]
    public async Task An_approved_order_edited_above_a_threshold_goes_back_to_pending_approval()
    {
        var order = await CreateAsync("o-back", Order());

        var edited = await order.ChangeLinesAsync(new ChangeOrderLines { Actor = Clerk, Add = [Line("EXTRA", 1, 15_000m)] });

        Assert.Equal("pending-approval", edited.Status);
        var transitions = (await order.GetEventsAsync(0, 100)).OfType<OrderStatusChanged>().Select(e => e.Transition);
        Assert.Equal("request-approval", transitions.Last());
    }

    [Fact]
    public async Task Lines_cannot_change_once_the_order_is_allocated()
    {
        var order = await CreateAsync("o-locked", Order());
        await order.PerformActionAsync(Action("allocate", Warehouse));

        var error = await Assert.ThrowsAsync<OrderRuleViolationException>(() =>
            order.ChangeLinesAsync(new ChangeOrderLines { Actor = Clerk, Remove = ["l1"] }));

        Assert.Equal(ErrorCodes.OrderNotEditable, error.Code);
        Assert.Contains("editable while draft, placed, pending-approval, approved", error.Message);
    }

    [Fact]
    public async Task An_order_keeps_the_workflow_version_it_started_with()
    {
        var tenant = "versioned";
        var old = await CreateAsync("o-old", Order(), tenant);
        var v1 = await Workflows.DefaultAsync(_silo.Grains, tenant);
        // Version 2: a quality check between packing and shipping, and packed orders no longer ship directly.
        var v2 = await _silo.Grains.Workflows(tenant).PublishAsync(new PublishWorkflow
        {
            Actor = Admin,
            ExpectedVersion = 1,
            Definition = v1 with
            {
                States = v1.States.Add(new WorkflowState { Name = "checked" }),
                Transitions =
                [
                    .. v1.Transitions.Select(t => t.Action == "ship" ? t with { From = ["checked"] } : t),
                    new WorkflowTransition { Action = "check", From = ["packed"], To = "checked" },
                ],
            },
        });
        var fresh = await CreateAsync("o-new", Order(), tenant);
        foreach (var order in new[] { old, fresh })
            foreach (var action in new[] { "allocate", "start-picking", "pack" }) await order.PerformActionAsync(Action(action, Warehouse));

        var oldShips = await old.PerformActionAsync(Action("ship", Warehouse));
        var freshCannot = await Assert.ThrowsAsync<OrderRuleViolationException>(() => fresh.PerformActionAsync(Action("ship", Warehouse)));

        Assert.Equal(2, v2.Version);
        Assert.Equal((1, 2), ((await old.GetAsync()).WorkflowVersion, (await fresh.GetAsync()).WorkflowVersion));
        Assert.Equal("shipped", oldShips.Status);
        Assert.Equal<string>(["check", "hold"], freshCannot.Error.AllowedActions);
    }

    [Fact]
    public async Task Publishing_on_a_stale_version_is_refused_with_the_current_one()
    {
        var definition = await Workflows.DefaultAsync(_silo.Grains, "stale");
        await _silo.Grains.Workflows("stale").PublishAsync(new PublishWorkflow { Actor = Admin, Definition = definition });

        var error = await Assert.ThrowsAsync<VersionConflictException>(() =>
            _silo.Grains.Workflows("stale").PublishAsync(new PublishWorkflow { Actor = Admin, ExpectedVersion = 1, Definition = definition }));

        Assert.Equal(2, error.CurrentVersion);
    }
}
