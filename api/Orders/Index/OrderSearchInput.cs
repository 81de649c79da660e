using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderCluster.Api.Problems;

namespace OrderCluster.Api.Orders.Index;

/// <summary>
/// What a client gives an order search, checked and normalised in one place for <c>GET /orders</c> and saved searches:
/// the page (<c>limit</c> 1–<see cref="MaxPageSize"/>, an opaque <c>cursor</c>) and the filter (dates in order, tag
/// lower-cased, free text trimmed and at most <see cref="MaxTextLength"/> characters, at most
/// <see cref="MaxCustomFields"/> custom fields given as <c>cf.{name}={value}</c>).
/// </summary>
internal static class OrderSearchInput
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;
    public const int MaxTextLength = 200;
    public const int MaxCustomFields = 10;
    public const int MaxCustomFieldNameLength = 64;
    public const string CustomFieldPrefix = "cf.";

    /// <summary>Reads the page; returns the problem to answer with, else null.</summary>
    public static ProblemHttpResult? ReadPage(int? limit, string? cursor, out int pageSize, out OrderCursor? after)
    {
        pageSize = limit ?? DefaultPageSize;
        after = null;
        if (limit is < 1 or > MaxPageSize) return ApiProblems.BadRequest("limit", $"must be between 1 and {MaxPageSize}.");
        if (cursor is not null && (after = OrderCursor.TryDecode(cursor)) is null) return ApiProblems.BadRequest("cursor", "is not a cursor this API returned.");
        return null;
    }

    /// <summary>The <c>cf.{name}</c> query parameters as custom-field filters (null when there are none); a repeated name is a problem.</summary>
    public static ProblemHttpResult? ReadCustomFields(IQueryCollection query, out ImmutableSortedDictionary<string, string>? fields)
    {
        fields = null;
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in query)
        {
            if (!key.StartsWith(CustomFieldPrefix, StringComparison.Ordinal)) continue;
            if (values.Count != 1) return ApiProblems.BadRequest(key, "is given more than once.");
            builder[key[CustomFieldPrefix.Length..]] = values[0] ?? "";
        }

        if (builder.Count > 0) fields = builder.ToImmutable();
        return null;
    }

    /// <summary>Checks and normalises a filter as the client sent it; returns the problem to answer with, else null.</summary>
    public static ProblemHttpResult? ReadFilter(OrderFilter given, out OrderFilter filter)
    {
        filter = given with
        {
            Tag = given.Tag?.Trim().ToLowerInvariant(),
            Text = string.IsNullOrWhiteSpace(given.Text) ? null : given.Text.Trim(),
            CustomFields = given.CustomFields is { IsEmpty: false } fields ? fields : null,
            Assignee = string.IsNullOrWhiteSpace(given.Assignee) ? null : given.Assignee.Trim(),
        };
        if (RefuseNul([("status", filter.Status), ("customerId", filter.CustomerId), ("tag", filter.Tag), ("q", filter.Text), ("assignee", filter.Assignee),
                .. (filter.CustomFields ?? ImmutableSortedDictionary<string, string>.Empty).Select(f => (CustomFieldPrefix + f.Key, (string?)f.Value))]) is { } nul)
            return nul;
        if (filter.CreatedFrom > filter.CreatedTo) return ApiProblems.BadRequest("createdFrom", "must not be after createdTo.");
        if (filter.Text?.Length > MaxTextLength) return ApiProblems.BadRequest("q", $"has at most {MaxTextLength} characters.");
        if (filter.Assignee?.Length > MaxTextLength) return ApiProblems.BadRequest("assignee", $"has at most {MaxTextLength} characters.");
        if (filter.CustomFields is { } custom)
        {
            if (custom.Count > MaxCustomFields) return ApiProblems.BadRequest("customFields", $"filters on at most {MaxCustomFields} custom fields.");
            foreach (var (name, value) in custom)
            {
                if (name.Length is 0 or > MaxCustomFieldNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
                    return ApiProblems.BadRequest(CustomFieldPrefix + name, $"a custom field name has 1–{MaxCustomFieldNameLength} letters, digits, '_', '-' or '.'.");
                if (value.Length > MaxTextLength) return ApiProblems.BadRequest(CustomFieldPrefix + name, $"has at most {MaxTextLength} characters.");
            }
        }

        return null;
    }

    /// <summary>
    /// A 400 naming the first parameter whose value holds U+0000, else null: PostgreSQL text cannot hold it (the search
    /// store would fail with a 500), and no stored value has one, so it could never match.
    /// </summary>
    public static ProblemHttpResult? RefuseNul(params (string Name, string? Value)[] parameters) =>
        parameters.FirstOrDefault(p => p.Value?.Contains('\0', StringComparison.Ordinal) == true) is { Name: { } name }
            ? ApiProblems.BadRequest(name, "may not contain the character U+0000.")
            : null;
}
