using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Customers;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Grains.Tests.Support;

/// <summary>Actors, addresses and orders the tests build on.</summary>
public static class TestData
{
    public static readonly Actor Clerk = Actor("clerk-1", "Casey Clerk", OrderRoles.Sales);
    public static readonly Actor Integration = Actor("integration-amazon", "Amazon connector");
    public static readonly Actor Manager = Actor("manager-1", "Morgan Manager", OrderRoles.OrderManager);
    public static readonly Actor OtherManager = Actor("manager-2", "Max Manager", OrderRoles.OrderManager);
    public static readonly Actor FinanceOfficer = Actor("finance-1", "Frankie Finance", OrderRoles.Finance);
    public static readonly Actor ManagerAndFinance = Actor("boss-1", "Blair Boss", OrderRoles.OrderManager, OrderRoles.Finance);
    public static readonly Actor Warehouse = Actor("warehouse-1", "Wes Warehouse", OrderRoles.Warehouse);
    public static readonly Actor Admin = Actor("admin-1", "Ada Admin", OrderRoles.Admin);

    public static Actor Actor(string userId, string name, params string[] roles) => new() { UserId = userId, DisplayName = name, Roles = [.. roles] };

    public static Address Address(string name = "Jane Doe", string city = "Berlin") => new()
    {
        Name = name, Line1 = "Hauptstraße 1", City = city, PostalCode = "10115", CountryCode = "DE",
    };

    public static NewOrderLine Line(string sku, int quantity, decimal unitPrice, decimal discount = 0, decimal? unitCost = null) => new()
    {
        Sku = sku, Name = $"Product {sku}", Quantity = quantity, UnitPrice = unitPrice, Discount = discount, UnitCost = unitCost,
    };

    /// <summary>A valid order of three lines (total 100.00 EUR with 4.50 shipping), placed on creation.</summary>
    public static CreateOrder Order(string customerId = "c-1", Actor? actor = null) => new()
    {
        Actor = actor ?? Integration,
        Customer = new CustomerRef { CustomerId = customerId, Name = "Jane Doe" },
        Channel = SalesChannel.Online(),
        Currency = "EUR",
        Lines = [Line("SKU-1", 2, 10m), Line("SKU-2", 1, 25.50m), Line("SKU-3", 4, 12.50m)],
        ShippingAddress = Address(),
        Shipping = new ShippingSelection { Method = "standard", Carrier = "DHL", Price = 4.50m },
    };

    /// <summary>An order whose single line makes its total <paramref name="total"/> (no shipping).</summary>
    public static CreateOrder OrderOf(decimal total, string customerId = "c-1") => Order(customerId) with
    {
        Lines = [Line("BIG-1", 1, total)],
        Shipping = new ShippingSelection { Method = "freight", Price = 0m },
    };

    public static CustomerProfile Profile(string name = "Jane Doe", CustomerRiskLevel risk = CustomerRiskLevel.Normal) => new()
    {
        Name = name,
        Emails = ["jane@example.com"],
        Phones = ["+49 30 1234567"],
        Addresses = [Address(name), Address(name, "Hamburg") with { Line1 = "Rechnungsweg 5" }],
        DefaultShippingAddress = 0,
        DefaultBillingAddress = 1,
        RiskLevel = risk,
    };

    public static PerformOrderAction Action(string action, Actor actor, string? reason = null) => new() { Actor = actor, Action = action, Reason = reason };
}
