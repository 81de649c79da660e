using OrderCluster.GrainInterfaces.Warehouses;

namespace OrderCluster.Grains.Fulfilment.Sourcing;

/// <summary>
/// "Nearest" without a map: a coarse distance tier from a warehouse to a ship-to address. Zones are postal-code
/// prefixes a warehouse serves; regions and countries compare as given (case-insensitive).
/// </summary>
internal static class WarehouseDistance
{
    public static (int Tier, string Why) Of(WarehouseProfile warehouse, Address destination)
    {
        var zone = warehouse.Zones.FirstOrDefault(z => destination.PostalCode.StartsWith(z, StringComparison.OrdinalIgnoreCase)
                                                       && string.Equals(warehouse.CountryCode, destination.CountryCode, StringComparison.OrdinalIgnoreCase));
        if (zone is not null) return (0, $"serves zone {zone}");
        var sameCountry = string.Equals(warehouse.CountryCode, destination.CountryCode, StringComparison.OrdinalIgnoreCase);
        if (sameCountry && warehouse.Region is { } r && string.Equals(r, destination.Region, StringComparison.OrdinalIgnoreCase))
            return (1, $"same region {r}");
        if (sameCountry) return (2, $"same country {warehouse.CountryCode}");
        return (3, $"other country {warehouse.CountryCode}");
    }
}
