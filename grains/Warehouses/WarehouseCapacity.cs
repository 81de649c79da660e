using System.Globalization;
using OrderCluster.GrainInterfaces.Warehouses;

namespace OrderCluster.Grains.Warehouses;

/// <summary>
/// Daily dispatch capacity: a reservation made before the cut-off dispatches today, after it tomorrow, and on the
/// first day from then that still has room for its units (looking at most <see cref="HorizonDays"/> ahead).
/// </summary>
internal static class WarehouseCapacity
{
    public const int HorizonDays = 60;

    public static string DayKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The dispatch day for <paramref name="units"/> reserved at <paramref name="now"/>, or null when no day within the horizon has room.</summary>
    public static DateOnly? DispatchDay(WarehouseProfile profile, ImmutableSortedDictionary<string, int> booked, int units, DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var day = DateOnly.FromDateTime(utc);
        if (TimeOnly.FromDateTime(utc) >= profile.CutOffUtc) day = day.AddDays(1);
        if (profile.DailyCapacity <= 0) return day;
        if (units > profile.DailyCapacity) return null;
        for (var i = 0; i < HorizonDays; i++, day = day.AddDays(1))
            if (booked.GetValueOrDefault(DayKey(day)) + units <= profile.DailyCapacity) return day;
        return null;
    }

    public static ImmutableSortedDictionary<string, int> Book(ImmutableSortedDictionary<string, int> booked, DateOnly day, int units, DateTimeOffset now)
    {
        var key = DayKey(day);
        var total = booked.GetValueOrDefault(key) + units;
        booked = total > 0 ? booked.SetItem(key, total) : booked.Remove(key);
        // Days that are over free nothing and count nothing: drop them.
        var today = DayKey(DateOnly.FromDateTime(now.UtcDateTime));
        return booked.RemoveRange(booked.Keys.Where(k => string.CompareOrdinal(k, today) < 0).ToList());
    }
}
