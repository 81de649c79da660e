using System.Globalization;

namespace OrderCluster.GrainInterfaces.Common;

public enum CustomFieldValueKind
{
    Text,
    Number,
    Boolean,
    Date,
}

/// <summary>
/// A typed custom-field value: text (also for enum fields), number, boolean or date. Exactly the member of
/// <see cref="Kind"/> is set. <see cref="ToString"/> is the canonical text the audit trail records.
/// </summary>
public sealed record CustomFieldValue
{
    public CustomFieldValueKind Kind { get; init; }

    public string? Text { get; init; }

    public decimal? Number { get; init; }

    public bool? Boolean { get; init; }

    public DateOnly? Date { get; init; }

    public static CustomFieldValue Of(string text) => new() { Kind = CustomFieldValueKind.Text, Text = text };

    public static CustomFieldValue Of(decimal number) => new() { Kind = CustomFieldValueKind.Number, Number = number };

    public static CustomFieldValue Of(bool value) => new() { Kind = CustomFieldValueKind.Boolean, Boolean = value };

    public static CustomFieldValue Of(DateOnly date) => new() { Kind = CustomFieldValueKind.Date, Date = date };

    /// <summary>Whether the member named by <see cref="Kind"/> is set (and only that one).</summary>
    public bool IsWellFormed => Kind switch
    {
        CustomFieldValueKind.Text => Text is not null && Number is null && Boolean is null && Date is null,
        CustomFieldValueKind.Number => Number is not null && Text is null && Boolean is null && Date is null,
        CustomFieldValueKind.Boolean => Boolean is not null && Text is null && Number is null && Date is null,
        CustomFieldValueKind.Date => Date is not null && Text is null && Number is null && Boolean is null,
        _ => false,
    };

    public override string ToString() => Kind switch
    {
        CustomFieldValueKind.Text => Text ?? "",
        CustomFieldValueKind.Number => Number?.ToString(CultureInfo.InvariantCulture) ?? "",
        CustomFieldValueKind.Boolean => Boolean is true ? "true" : "false",
        CustomFieldValueKind.Date => Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        _ => "",
    };
}
