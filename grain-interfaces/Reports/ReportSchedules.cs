using System.Globalization;

namespace OrderCluster.GrainInterfaces.Reports;

/// <summary>Schedule rules: what a valid schedule is and its next occurrence.</summary>
public static class ReportSchedules
{
    public static ImmutableArray<FieldError> Check(ReportSchedule schedule)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (!Enum.IsDefined(schedule.Frequency)) errors.Add(Error("frequency", "frequency must be daily or weekly."));
        if (TimeOf(schedule.At) is null) errors.Add(Error("at", "at must be a UTC time of day HH:mm, such as 06:30."));
        if (schedule.Frequency == ReportFrequency.Weekly && schedule.Day is null) errors.Add(Error("day", "A weekly schedule needs a day (monday … sunday)."));
        if (schedule.Frequency == ReportFrequency.Daily && schedule.Day is not null) errors.Add(Error("day", "A daily schedule takes no day."));
        if (schedule.Day is { } day && !Enum.IsDefined(day)) errors.Add(Error("day", "day must be monday … sunday."));
        switch (schedule.Channel)
        {
            case ReportDeliveryChannel.Email:
                if (schedule.Email is not { Length: > 2 and <= 254 } email || email.IndexOf('@') is <= 0 || email.IndexOf('@') == email.Length - 1 || email.Any(char.IsWhiteSpace) || email.Any(char.IsControl))
                    errors.Add(Error("email", "An e-mail delivery needs an e-mail address."));
                if (schedule.WebhookSubscriptionId is not null) errors.Add(Error("webhookSubscriptionId", "An e-mail delivery takes no webhook subscription."));
                break;
            case ReportDeliveryChannel.Webhook:
                if (string.IsNullOrWhiteSpace(schedule.WebhookSubscriptionId) || schedule.WebhookSubscriptionId.Length > 100)
                    errors.Add(Error("webhookSubscriptionId", "A webhook delivery needs the id of one of the tenant's webhook subscriptions."));
                if (schedule.Email is not null) errors.Add(Error("email", "A webhook delivery takes no e-mail address."));
                break;
            default:
                errors.Add(Error("channel", "channel must be email or webhook."));
                break;
        }

        return errors.ToImmutable();
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset NextAfter(ReportSchedule schedule, DateTimeOffset after)
    {
        var time = TimeOf(schedule.At) ?? TimeSpan.Zero;
        var utc = after.ToUniversalTime();
        var candidate = new DateTimeOffset(utc.Date, TimeSpan.Zero) + time;
        while (candidate <= utc || (schedule.Frequency == ReportFrequency.Weekly && candidate.DayOfWeek != DayOf(schedule.Day))) candidate = candidate.AddDays(1);
        return candidate;
    }

    /// <summary>Where the schedule delivers, as shown in the log.</summary>
    public static string RecipientOf(ReportSchedule schedule) =>
        schedule.Channel == ReportDeliveryChannel.Email ? schedule.Email ?? "" : "webhook:" + schedule.WebhookSubscriptionId;

    private static DayOfWeek? DayOf(ReportWeekday? day) => day is { } d ? (DayOfWeek)(((int)d + 1) % 7) : null;

    private static TimeSpan? TimeOf(string? at) =>
        at is { Length: 5 } && TimeSpan.TryParseExact(at, "hh\\:mm", CultureInfo.InvariantCulture, out var t) ? t : null;

    private static FieldError Error(string field, string message) => new(field, ReportErrorCodes.InvalidSchedule, message);
}
