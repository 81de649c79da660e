using System.Globalization;

namespace OrderCluster.GrainInterfaces.Common;

/// <summary>An amount in an ISO 4217 currency (three upper-case letters).</summary>
public sealed record Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    public override string ToString() => $"{Amount.ToString("0.00##", CultureInfo.InvariantCulture)} {Currency}";
}
