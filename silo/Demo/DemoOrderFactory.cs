using OrderCluster.Api.Orders;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Silo.Demo;

/// <summary>What happens to a demo order after it is created.</summary>
internal enum DemoFate
{
    /// <summary>Allocated, picked, packed, shipped and delivered.</summary>
    Delivered,

    /// <summary>Delivered, then one unit comes back: the return is approved, received into stock and refunded.</summary>
    Returned,

    /// <summary>Allocated, picked, packed and shipped; delivery still open.</summary>
    Shipped,

    /// <summary>Cancelled by an order manager before allocation.</summary>
    Cancelled,

    /// <summary>A large order: approved by an order manager, then delivered.</summary>
    Approved,

    /// <summary>A large order: rejected by an order manager (the workflow cancels it).</summary>
    Rejected,
}

/// <summary>A demo order to create and what will happen to it.</summary>
internal sealed record DemoOrderPlan(CreateOrderRequest Request, DemoFate Fate);

/// <summary>Random but plausible orders over <see cref="DemoCatalog"/>: popular SKUs more often, a few large B2B orders that need approval.</summary>
internal static class DemoOrderFactory
{
    /// <summary>Share of orders that are large enough (above 10,000 EUR) to need a manager's approval.</summary>
    public const double LargeOrderShare = 0.02;

    public static DemoOrderPlan Next(Random random)
    {
        var customer = DemoCatalog.Customers[random.Next(DemoCatalog.Customers.Length)];
        var large = random.NextDouble() < LargeOrderShare;
        var lines = large ? LargeLines(random) : Lines(random);
        var channel = Pick(random, DemoCatalog.Channels, c => c.Share).Channel;
        var address = DemoCatalog.AddressOf(customer);
        var request = new CreateOrderRequest
        {
            Customer = new CustomerRef { CustomerId = customer.CustomerId, Name = customer.Name },
            Channel = channel,
            Currency = "EUR",
            Lines = [.. lines.Select(l => new NewOrderLine { Sku = l.Product.Sku, Name = l.Product.Name, Quantity = l.Quantity, UnitPrice = l.Product.Price, UnitCost = l.Product.UnitCost })],
            ShippingAddress = address,
            Shipping = new ShippingSelection { Method = large ? "freight" : "standard", Carrier = "DHL", Price = large ? 0m : 4.95m },
            Tags = large ? ["b2b", "demo"] : ["demo"],
        };
        var roll = random.NextDouble();
        var fate = large
            ? roll < 0.8 ? DemoFate.Approved : DemoFate.Rejected
            : roll < 0.05 ? DemoFate.Cancelled : roll < 0.15 ? DemoFate.Shipped : roll < 0.19 ? DemoFate.Returned : DemoFate.Delivered;
        return new DemoOrderPlan(request, fate);
    }

    /// <summary>One to four distinct SKUs, one to three units each (up to five for cheap ones).</summary>
    public static IReadOnlyList<(DemoCatalog.Product Product, int Quantity)> Lines(Random random)
    {
        var count = 1 + Math.Min(3, DemoDemandProfile.Poisson(random, 0.9));
        var lines = new List<(DemoCatalog.Product, int)>(count);
        for (var i = 0; i < count; i++)
        {
            var product = Pick(random, DemoCatalog.Products, p => p.Popularity);
            if (lines.Any(l => l.Item1.Sku == product.Sku)) continue;
            lines.Add((product, 1 + random.Next(product.Price < 50m ? 5 : 3)));
        }

        return lines;
    }

    /// <summary>An office fit-out: desks and chairs by the dozen (13,000–39,000 EUR: one approval level).</summary>
    public static IReadOnlyList<(DemoCatalog.Product Product, int Quantity)> LargeLines(Random random) =>
    [
        (DemoCatalog.Products[0], 15 + random.Next(30)),
        (DemoCatalog.Products[1], 15 + random.Next(30)),
    ];

    private static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, double> weight)
    {
        var total = items.Sum(weight);
        var x = random.NextDouble() * total;
        foreach (var item in items)
        {
            x -= weight(item);
            if (x < 0) return item;
        }

        return items[^1];
    }
}
