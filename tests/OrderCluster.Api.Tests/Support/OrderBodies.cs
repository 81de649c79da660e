namespace OrderCluster.Api.Tests.Support;

/// <summary>Request bodies of orders as an integration would send them.</summary>
public static class OrderBodies
{
    public static object Address(string name = "Ada Lovelace") =>
        new { name, line1 = "1 Analytical Way", city = "London", postalCode = "N1 9GU", countryCode = "GB" };

    /// <summary>An order of <paramref name="quantity"/> × 10.00 EUR (so 2,000 units need a manager's approval).</summary>
    public static object Order(string customerId = "c-1", int quantity = 2, string[]? tags = null, string? clientReference = null, string priority = "normal") => new
    {
        customer = new { customerId, name = "Ada Lovelace", email = "ada@example.com" },
        channel = new { kind = "online" },
        currency = "EUR",
        lines = new object[] { new { sku = "SKU-1", name = "Widget", quantity, unitPrice = 10.00m } },
        shippingAddress = Address(),
        shipping = new { method = "standard", price = 4.95m },
        tags = tags ?? [],
        priority,
        clientReference,
    };
}
