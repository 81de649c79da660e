using OrderCluster.GrainInterfaces.Warehouses;
using OrderCluster.Grains.Common;

namespace OrderCluster.Grains.Warehouses;

/// <summary>Validation of warehouse inputs; every problem is reported under its field.</summary>
internal static class WarehouseInput
{
    public static void Sku(FieldErrors errors, string? sku, string field = "sku") => errors.Add(TenantKeys.CheckReference(sku, field));

    public static void Profile(FieldErrors errors, WarehouseProfile? profile)
    {
        if (profile is null)
        {
            errors.Add("profile", "required", "profile is required.");
            return;
        }

        errors.Text("profile.name", profile.Name, 200);
        if (profile.CountryCode is not { Length: 2 } cc || !cc.All(char.IsAsciiLetterUpper))
            errors.Add("profile.countryCode", "invalid-format", "profile.countryCode is an ISO 3166-1 alpha-2 code (two upper-case letters).");
        errors.Text("profile.region", profile.Region, 100, required: false);
        for (var i = 0; i < profile.Zones.Length; i++) errors.Text($"profile.zones[{i}]", profile.Zones[i], 20);
        if (profile.DailyCapacity < 0) errors.Add("profile.dailyCapacity", "negative", "profile.dailyCapacity cannot be negative (0 means no limit).");
        errors.Currency("profile.costCurrency", profile.CostCurrency);
    }
}
