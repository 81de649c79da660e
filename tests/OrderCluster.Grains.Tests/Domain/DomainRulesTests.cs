using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Tests.Domain;

/// <summary>Pure rules the grains build on: tag normalization, sequence paging, totals.</summary>
public sealed class DomainRulesTests
{
    [Theory]
    [InlineData("  VIP  ", "vip")]
    [InlineData("Gift   Wrap", "gift-wrap")]
    [InlineData("B2B:Key-Account", "b2b:key-account")]
    [InlineData("\tRush\n", "rush")]
    public void Tags_are_trimmed_lower_cased_and_spaces_become_hyphens(string tag, string normalized) =>
        Assert.Equal(normalized, TagRules.Normalize(tag));

    [Theory]
    [InlineData(SortOrder.NewestFirst, null, 3, new long[] { 10, 9, 8 }, "8")]
    [InlineData(SortOrder.NewestFirst, "8", 3, new long[] { 7, 6, 5 }, "5")]
    [InlineData(SortOrder.NewestFirst, "2", 3, new long[] { 1 }, null)]
    [InlineData(SortOrder.OldestFirst, null, 4, new long[] { 1, 2, 3, 4 }, "4")]
    [InlineData(SortOrder.OldestFirst, "8", 4, new long[] { 9, 10 }, null)]
    [InlineData(SortOrder.OldestFirst, "10", 4, new long[] { }, null)]
    public void Pages_walk_a_sequence_from_either_end(SortOrder order, string? cursor, int limit, long[] expected, string? next)
    {
        var items = Enumerable.Range(1, 10).Select(i => (long)i).ToList();

        var page = SequencePaging.Page(items, i => i, new PageRequest { Order = order, Cursor = cursor, Limit = limit }, i => i);

        Assert.Equal(expected, page.Items);
        Assert.Equal(next, page.NextCursor);
        Assert.Equal(10, page.Total);
    }

    [Fact]
    public void A_cursor_that_no_page_returned_is_refused_naming_it()
    {
        var error = Assert.Throws<ValidationFailedException>(() =>
            SequencePaging.Page(new List<long> { 1 }, i => i, new PageRequest { Cursor = "abc" }, i => i));

        Assert.Equal(["cursor"], error.Error.FieldNames);
    }

    [Fact]
    public void Totals_subtract_discounts_add_shipping_and_know_the_margin_when_every_cost_is_known()
    {
        var lines = new[]
        {
            new NewOrderLine { Sku = "A", Quantity = 2, UnitPrice = 50m, Discount = 10m, UnitCost = 20m },
            new NewOrderLine { Sku = "B", Quantity = 1, UnitPrice = 100m, UnitCost = 60m },
        };

        var totals = OrderTotalsCalculator.For("EUR", lines, 5m);
        var withoutCost = OrderTotalsCalculator.For("EUR", [lines[0], lines[1] with { UnitCost = null }], 5m);

        Assert.Equal((200m, 10m, 195m, 5m), (totals.Subtotal.Amount, totals.Discount.Amount, totals.Total.Amount, totals.DiscountPercent));
        Assert.Equal((100m, 90m), (totals.Cost!.Amount, totals.Margin!.Amount));
        Assert.Null(withoutCost.Margin);
    }
}
