namespace OrderCluster.GrainInterfaces.Common;

/// <summary>A postal address. <see cref="CountryCode"/> is ISO 3166-1 alpha-2 (upper case).</summary>
public sealed record Address
{
    public required string Name { get; init; }

    public string? Company { get; init; }

    public required string Line1 { get; init; }

    public string? Line2 { get; init; }

    public required string City { get; init; }

    public string? Region { get; init; }

    public required string PostalCode { get; init; }

    public required string CountryCode { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    public override string ToString() =>
        string.Join(", ", new[] { Name, Company, Line1, Line2, $"{PostalCode} {City}", Region, CountryCode }
            .Where(p => !string.IsNullOrWhiteSpace(p)));
}
