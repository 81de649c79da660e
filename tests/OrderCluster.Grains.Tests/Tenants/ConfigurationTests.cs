using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Tenants;

/// <summary>Publishing workflow definitions, SLA policies and order templates: validation naming fields, and versions.</summary>
public sealed class ConfigurationTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DomainTestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_broken_workflow_is_refused_naming_each_broken_part()
    {
        var v1 = await Workflows.DefaultAsync(_silo.Grains, "acme");
        var broken = v1 with
        {
            PlaceAction = "submit",
            Transitions =
            [
                new WorkflowTransition { Action = "allocate", From = ["approved"], To = "allocated-ish" },
                new WorkflowTransition { Action = "approve", From = ["placed"], To = "approved" },
                new WorkflowTransition { Action = "reopen", From = ["closed"], To = "draft" },
            ],
            Approval = v1.Approval with { Rules = [Workflows.Rule("r", new TotalAbove { Amount = 1 }, "director")] },
            Hold = v1.Hold with { From = ["cancelled"] },
        };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _silo.Grains.Workflows("acme").PublishAsync(new PublishWorkflow { Actor = Admin, Definition = broken }));

        Assert.Equal(
            ["approval.rules[0].levels[0]", "hold.from[0]", "placeAction", "transitions[0].to", "transitions[1].action", "transitions[2].from[0]"],
            error.Error.FieldNames.Order());
        Assert.Equal(1, (await _silo.Grains.Workflows("acme").GetCurrentAsync()).Version);
    }

    [Fact]
    public async Task A_broken_sla_policy_is_refused_naming_each_broken_rule()
    {
        var policy = new SlaPolicy
        {
            WarningFraction = 1.5,
            Rules =
            [
                new SlaRule { Kind = "approval", StartState = "waiting", MetStates = ["approved"], Within = TimeSpan.FromHours(1) },
                new SlaRule { Kind = "ship", StartState = "placed", MetStates = ["shipped"], Within = TimeSpan.Zero },
                new SlaRule { Kind = "ship", StartState = "approved", MetStates = ["shipped"], Within = TimeSpan.FromHours(1) },
            ],
        };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _silo.Grains.SlaPolicies("acme").PublishAsync(new PublishSlaPolicy { Actor = Admin, Policy = policy }));

        Assert.Equal(["rules[0].startState", "rules[1].within", "rules[2].startState", "warningFraction"], error.Error.FieldNames.Order());
    }

    [Fact]
    public async Task A_published_sla_policy_applies_to_new_orders_while_older_orders_keep_theirs()
    {
        await _silo.Grains.Order("acme", "o-old").CreateAsync(Order());
        var published = await _silo.Grains.SlaPolicies("acme").PublishAsync(new PublishSlaPolicy
        {
            Actor = Admin,
            ExpectedVersion = 1,
            Policy = new SlaPolicy
            {
                Rules =
                [
                    new SlaRule { Kind = "shipping", StartState = "placed", MetStates = ["shipped"], Within = TimeSpan.FromHours(2), Channels = [ChannelKind.Online] },
                    new SlaRule { Kind = "shipping", StartState = "placed", MetStates = ["shipped"], Within = TimeSpan.FromHours(6) },
                ],
            },
        });
        await _silo.Grains.Order("acme", "o-online").CreateAsync(Order());
        await _silo.Grains.Order("acme", "o-phone").CreateAsync(Order() with { Channel = SalesChannel.Phone() });

        Assert.Equal(2, published.Version);
        Assert.Equal(TimeSpan.FromHours(24), (await _silo.Grains.Order("acme", "o-old").GetAsync()).Sla.Single().Within);
        Assert.Equal(TimeSpan.FromHours(2), (await _silo.Grains.Order("acme", "o-online").GetAsync()).Sla.Single().Within);
        Assert.Equal(TimeSpan.FromHours(6), (await _silo.Grains.Order("acme", "o-phone").GetAsync()).Sla.Single().Within);
    }

    [Fact]
    public async Task Templates_are_validated_saved_listed_and_removed()
    {
        var templates = _silo.Grains.Templates("acme");
        var template = new OrderTemplate
        {
            TemplateId = "weekly-coffee", Name = "Weekly coffee", Currency = "EUR", Lines = [Line("COFFEE-1KG", 3, 18m)], Tags = ["Standing Order"],
        };

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            templates.SaveAsync(new SaveOrderTemplate { Actor = Admin, Template = template with { Lines = [Line("X", 0, 1m)] } }));
        var saved = await templates.SaveAsync(new SaveOrderTemplate { Actor = Admin, Template = template });
        var listed = await templates.ListAsync();
        await templates.RemoveAsync(new RemoveOrderTemplate { Actor = Admin, TemplateId = "weekly-coffee" });

        Assert.Equal(["template.lines[0].quantity"], bad.Error.FieldNames);
        Assert.Equal<string>(["standing-order"], saved.Tags);
        Assert.Equal(["weekly-coffee"], listed.Select(t => t.TemplateId));
        var gone = await Assert.ThrowsAsync<NotFoundException>(() => templates.GetAsync("weekly-coffee"));
        Assert.Equal(ErrorCodes.TemplateNotFound, gone.Code);
    }
}
