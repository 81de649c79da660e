using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.GrainInterfaces.Warehouses;

namespace OrderCluster.Silo.Demo;

/// <summary>What the demo tenant sells, from where, to whom: fixed ids, so seeding again finds what it made before.</summary>
internal static class DemoCatalog
{
    public sealed record Product(string Sku, string Name, decimal Price, decimal UnitCost, double Popularity);

    public sealed record Site(string WarehouseId, WarehouseProfile Profile, int InitialUnits);

    public sealed record Customer(string CustomerId, string Name, string City, string PostalCode);

    public static readonly Actor Seeder = Actor("demo-seeder", "Demo seeder", OrderRoles.Admin, OrderRoles.Warehouse);
    public static readonly Actor Shop = Actor("demo-shop", "Demo web shop");
    public static readonly Actor Manager = Actor("demo-manager", "Demo order manager", OrderRoles.OrderManager);
    public static readonly Actor Finance = Actor("demo-finance", "Demo finance officer", OrderRoles.Finance);
    public static readonly Actor WarehouseStaff = Actor("demo-warehouse", "Demo warehouse staff", OrderRoles.Warehouse);

    /// <summary>Units below which a SKU is restocked, and the units then received.</summary>
    public const int ReorderPoint = 500;
    public const int ReorderUnits = 5_000;

    public static readonly Product[] Products =
    [
        new("DESK-OAK", "Oak standing desk", 549.00m, 310.00m, 0.4),
        new("CHAIR-ERGO", "Ergonomic office chair", 329.00m, 171.00m, 0.8),
        new("LAMP-LED", "LED desk lamp", 39.90m, 14.20m, 1.6),
        new("MON-27", "27\" monitor", 249.00m, 176.00m, 0.9),
        new("ARM-MON", "Monitor arm", 79.00m, 31.50m, 0.7),
        new("KB-MECH", "Mechanical keyboard", 119.00m, 58.00m, 1.1),
        new("MOUSE-WL", "Wireless mouse", 29.90m, 11.80m, 1.8),
        new("HUB-USB", "USB-C hub", 49.90m, 19.40m, 1.2),
        new("CAB-HDMI", "HDMI cable 2 m", 9.90m, 2.10m, 2.0),
        new("HEAD-NC", "Noise-cancelling headphones", 199.00m, 104.00m, 0.6),
        new("CAM-HD", "HD webcam", 69.00m, 27.90m, 0.8),
        new("MAT-DESK", "Felt desk mat", 24.90m, 6.30m, 1.0),
    ];

    public static readonly Site[] Warehouses =
    [
        new("berlin", Profile("Berlin fulfilment centre", "BE", 10, "1"), 4_000),
        new("hamburg", Profile("Hamburg port warehouse", "HH", 20, "2"), 3_000),
        new("munich", Profile("Munich south hub", "BY", 30, "8"), 3_000),
    ];

    private static readonly (string City, string PostalCode)[] Cities =
    [
        ("Berlin", "10115"), ("Potsdam", "14467"), ("Hamburg", "20095"), ("Bremen", "28195"), ("Munich", "80331"),
        ("Augsburg", "86150"), ("Leipzig", "04109"), ("Cologne", "50667"), ("Frankfurt am Main", "60311"), ("Stuttgart", "70173"),
    ];

    private static readonly string[] FirstNames = ["Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannes", "Ida", "Jonas", "Lena", "Max", "Nora", "Paul"];
    private static readonly string[] LastNames = ["Becker", "Fischer", "Hoffmann", "Klein", "Koch", "Meyer", "Richter", "Schmidt", "Schulz", "Wagner", "Weber"];

    /// <summary>Sixty customers, <c>c-001</c> to <c>c-060</c>, spread over ten cities.</summary>
    public static readonly Customer[] Customers =
    [
        .. Enumerable.Range(1, 60).Select(i =>
        {
            var (city, postalCode) = Cities[(i * 7) % Cities.Length];
            return new Customer($"c-{i:000}", $"{FirstNames[i % FirstNames.Length]} {LastNames[(i * 5) % LastNames.Length]}", city, postalCode);
        }),
    ];

    /// <summary>Channel kinds with their share of orders.</summary>
    public static readonly (SalesChannel Channel, double Share)[] Channels =
    [
        (SalesChannel.Online(), 0.6),
        (SalesChannel.Marketplace("amazon"), 0.2),
        (SalesChannel.Phone(), 0.15),
        (new SalesChannel { Kind = ChannelKind.InStore, StoreId = "berlin-mitte" }, 0.05),
    ];

    public static Address AddressOf(Customer customer) => new()
    {
        Name = customer.Name, Line1 = $"Musterstraße {customer.CustomerId[2..]}", City = customer.City,
        PostalCode = customer.PostalCode, CountryCode = "DE",
    };

    private static WarehouseProfile Profile(string name, string region, int priority, string zone) => new()
    {
        Name = name, CountryCode = "DE", Region = region, Priority = priority, Zones = [zone], CutOffUtc = new TimeOnly(23, 59, 59),
    };

    private static Actor Actor(string userId, string name, params string[] roles) => new() { UserId = userId, DisplayName = name, Roles = [.. roles] };
}
