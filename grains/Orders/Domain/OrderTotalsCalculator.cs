using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>Totals of an order or draft: <c>Total = Subtotal - Discount + Shipping</c>; cost and margin when every line has a unit cost.</summary>
internal static class OrderTotalsCalculator
{
    public static OrderTotals For(string currency, IEnumerable<OrderLine> lines, decimal shipping) =>
        Compute(currency, lines.Select(l => (l.Quantity, l.UnitPrice, l.Discount, l.UnitCost)), shipping);

    public static OrderTotals For(string currency, IEnumerable<NewOrderLine> lines, decimal shipping) =>
        Compute(currency, lines.Select(l => (l.Quantity, l.UnitPrice, l.Discount, l.UnitCost)), shipping);

    private static OrderTotals Compute(string currency,
        IEnumerable<(int Quantity, decimal UnitPrice, decimal Discount, decimal? UnitCost)> lines, decimal shipping)
    {
        decimal subtotal = 0, discount = 0, cost = 0;
        var costKnown = true;
        var any = false;
        foreach (var line in lines)
        {
            any = true;
            subtotal += line.Quantity * line.UnitPrice;
            discount += line.Discount;
            if (line.UnitCost is { } unitCost) cost += line.Quantity * unitCost;
            else costKnown = false;
        }

        costKnown &= any;
        return new OrderTotals
        {
            Subtotal = new Money(subtotal, currency),
            Discount = new Money(discount, currency),
            Shipping = new Money(shipping, currency),
            Total = new Money(subtotal - discount + shipping, currency),
            DiscountPercent = subtotal == 0 ? 0 : decimal.Round(discount / subtotal * 100m, 2),
            Cost = costKnown ? new Money(cost, currency) : null,
            Margin = costKnown ? new Money(subtotal - discount - cost, currency) : null,
        };
    }
}
