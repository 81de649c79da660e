using System.Globalization;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>The canonical text of audited values: invariant numbers, UTC ISO 8601 times, <c>true</c>/<c>false</c>.</summary>
internal static class AuditValues
{
    public static string Of(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Of(decimal? value) => value is { } v ? Of(v) : null;

    public static string Of(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Of(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Of(DateTimeOffset? value) => value is { } v ? Of(v) : null;

    public static string Of(bool value) => value ? "true" : "false";

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString();

    public static string? List(IEnumerable<string> values)
    {
        var text = string.Join(",", values);
        return text.Length == 0 ? null : text;
    }
}
