using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Runtime;
using OrderCluster.Testing.Silos;

namespace OrderCluster.Grains.Tests.Orders;

/// <summary>
/// The approval rules, one case per row: which orders need approval, by which levels, for which rules. Each case
/// runs in a tenant of its own, with the default workflow unless the case publishes rules of its own.
/// </summary>
public sealed class ApprovalRuleTests : IAsyncLifetime
{
    // Rules first: static fields initialize in order, and the cases use them.
    private static readonly ApprovalRule MarketplaceLarge = Workflows.Rule("marketplace-large", new AllOf
    {
        Conditions = [new ChannelIn { Channels = [ChannelKind.Marketplace] }, new TotalAbove { Amount = 1_000m, Currency = "EUR" }],
    }, "finance");

    private static readonly ApprovalRule PhoneOrLarge = Workflows.Rule("phone-or-large", new AnyOf
    {
        Conditions = [new ChannelIn { Channels = [ChannelKind.Phone] }, new TotalAbove { Amount = 5_000m }],
    }, "manager");

    private static readonly CustomFieldDefinition GiftWrapField = new() { Name = "giftWrap", Type = CustomFieldType.Boolean };

    private static readonly ApprovalRule GiftWrapRule = Workflows.Rule("gift-wrap",
        new CustomFieldMatches { Field = "giftWrap", Comparison = CustomFieldComparison.Equal, Value = CustomFieldValue.Of(true) }, "manager");

    private static readonly Dictionary<string, ApprovalCase> Cases = new()
    {
        ["small order needs none"] = new(TestData.Order(), "approved", [], []),
        ["total above 10,000: manager"] = new(TestData.OrderOf(12_000m), "pending-approval", ["manager"], ["large-order"]),
        ["total above 50,000: manager, then finance"] = new(TestData.OrderOf(60_000m), "pending-approval", ["manager", "finance"],
            ["large-order", "very-large-order"]),
        ["discount above 20 %: manager"] = new(TestData.Order() with { Lines = [TestData.Line("A", 4, 25m, discount: 25m)] },
            "pending-approval", ["manager"], ["deep-discount"]),
        ["discount of exactly 20 %: none"] = new(TestData.Order() with { Lines = [TestData.Line("A", 4, 25m, discount: 20m)] }, "approved", [], []),
        ["high-risk customer: manager"] = new(TestData.Order(), "pending-approval", ["manager"], ["high-risk-customer"])
            { Risk = CustomerRiskLevel.High },
        ["blocked customer counts as high risk"] = new(TestData.Order(), "pending-approval", ["manager"], ["high-risk-customer"])
            { Risk = CustomerRiskLevel.Blocked },
        ["above the customer's own threshold: manager"] = new(TestData.OrderOf(600m), "pending-approval", ["manager"], ["customer-threshold"])
            { Thresholds = [new Money(500m, "EUR")] },
        ["a threshold in another currency does not apply"] = new(TestData.OrderOf(600m), "approved", [], [])
            { Thresholds = [new Money(500m, "USD")] },
        ["large order of a high-risk customer: rules combine, levels merge"] = new(TestData.OrderOf(12_000m), "pending-approval", ["manager"],
            ["large-order", "high-risk-customer"]) { Risk = CustomerRiskLevel.High },
        ["all-of: marketplace and above 1,000"] = new(MarketplaceOrder(1_500m), "pending-approval", ["finance"], ["marketplace-large"])
            { Rules = [MarketplaceLarge] },
        ["all-of: marketplace but small"] = new(MarketplaceOrder(500m), "approved", [], []) { Rules = [MarketplaceLarge] },
        ["all-of: large but online"] = new(TestData.OrderOf(1_500m), "approved", [], []) { Rules = [MarketplaceLarge] },
        ["any-of: phone order"] = new(TestData.Order() with { Channel = SalesChannel.Phone() }, "pending-approval", ["manager"], ["phone-or-large"])
            { Rules = [PhoneOrLarge] },
        ["none-of: anything but online"] = new(TestData.Order() with { Channel = SalesChannel.Phone() }, "pending-approval", ["manager"], ["not-online"])
            { Rules = [Workflows.Rule("not-online", new NoneOf { Conditions = [new ChannelIn { Channels = [ChannelKind.Online] }] }, "manager")] },
        ["none-of: online is left alone"] = new(TestData.Order(), "approved", [], [])
            { Rules = [Workflows.Rule("not-online", new NoneOf { Conditions = [new ChannelIn { Channels = [ChannelKind.Online] }] }, "manager")] },
        ["marketplace by name"] = new(MarketplaceOrder(10m), "pending-approval", ["manager"], ["ebay"])
            { Rules = [Workflows.Rule("ebay", new ChannelIn { Channels = [ChannelKind.Marketplace], Marketplaces = ["eBay"] }, "manager")] },
        ["custom field value: gift wrap"] = new(TestData.Order() with { CustomFields = GiftWrap(true) }, "pending-approval", ["manager"], ["gift-wrap"])
            { Rules = [GiftWrapRule], Fields = [GiftWrapField] },
        ["custom field value: no gift wrap"] = new(TestData.Order() with { CustomFields = GiftWrap(false) }, "approved", [], [])
            { Rules = [GiftWrapRule], Fields = [GiftWrapField] },
    };

    private TestSilo _silo = null!;

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(k => new object[] { k });

    public async Task InitializeAsync() => _silo = await DomainTestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Approval_rules_decide_who_approves(string name)
    {
        var c = Cases[name];
        var tenant = $"t{Array.IndexOf(Cases.Keys.ToArray(), name)}";
        var grains = _silo.Grains;
        if (!c.Rules.IsDefault) await Workflows.PublishRulesAsync(grains, tenant, [.. c.Rules]);
        if (!c.Fields.IsDefault) await grains.CustomFields(tenant).PublishAsync(new PublishCustomFieldSchema { Actor = TestData.Admin, Fields = c.Fields });
        if (c.Risk is { } risk) await grains.Customer(tenant, "c-1").SaveProfileAsync(new SaveCustomerProfile { Actor = TestData.Admin, Profile = TestData.Profile(risk: risk) });
        if (!c.Thresholds.IsDefault) await grains.Customer(tenant, "c-1").SetApprovalThresholdsAsync(new SetApprovalThresholds { Actor = TestData.Admin, Thresholds = c.Thresholds });

        var result = await grains.Order(tenant, "o-1").CreateAsync(c.Order);

        var approval = (await grains.Order(tenant, "o-1").GetAsync()).Approval!;
        Assert.Equal(c.Status, result.Status);
        Assert.Equal(c.Levels, approval.Steps.Select(s => s.Level));
        Assert.Equal(c.RuleIds, approval.MatchedRules);
        Assert.Equal(c.Levels.Length == 0 ? ApprovalStatus.NotRequired : ApprovalStatus.Pending, approval.Status);
    }

    private static CreateOrder MarketplaceOrder(decimal total) => TestData.OrderOf(total) with { Channel = SalesChannel.Marketplace("eBay") };

    private static ImmutableSortedDictionary<string, CustomFieldValue> GiftWrap(bool value) =>
        ImmutableSortedDictionary<string, CustomFieldValue>.Empty.Add("giftWrap", CustomFieldValue.Of(value));

    public sealed record ApprovalCase(CreateOrder Order, string Status, string[] Levels, string[] RuleIds)
    {
        public CustomerRiskLevel? Risk { get; init; }

        public ImmutableArray<Money> Thresholds { get; init; }

        public ImmutableArray<ApprovalRule> Rules { get; init; }

        public ImmutableArray<CustomFieldDefinition> Fields { get; init; }
    }
}
