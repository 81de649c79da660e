using System.Buffers.Text;
using System.Globalization;
using System.Text;
using OrderCluster.GrainInterfaces.Archiving;

namespace OrderCluster.Api.Tenants;

/// <summary>
/// The opaque cursor of the archive search: the position (archive time, order id) of the last order of a page, as
/// base64url. Keyset paging: an order archived or restored between two pages neither repeats nor shifts the others.
/// </summary>
internal static class ArchiveCursor
{
    public sealed record Position(DateTimeOffset ArchivedAt, string OrderId);

    public static string Write(ArchivedOrder last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{last.ArchivedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{last.OrderId}"));

    /// <summary>The position, or null when <paramref name="cursor"/> is not one this search wrote.</summary>
    public static Position? Read(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var bar = text.IndexOf('|');
            if (bar <= 0 || bar == text.Length - 1) return null;
            if (!long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks) return null;
            return new Position(new DateTimeOffset(ticks, TimeSpan.Zero), text[(bar + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
