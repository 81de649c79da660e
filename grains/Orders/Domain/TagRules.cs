using System.Text;
using OrderCluster.Grains.Common;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>
/// Tags are normalized before they are compared or stored: trimmed, lower case, runs of spaces as one '-'.
/// What remains may hold letters, digits, '-', '_', ':', '.' and '/'.
/// </summary>
internal static class TagRules
{
    public static string Normalize(string tag)
    {
        var builder = new StringBuilder(tag.Length);
        var pendingSeparator = false;
        foreach (var c in tag.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSeparator = true;
                continue;
            }

            if (pendingSeparator && builder.Length > 0) builder.Append('-');
            pendingSeparator = false;
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Normalizes <paramref name="tags"/>, reporting bad ones under <c>{field}[i]</c>; duplicates collapse.</summary>
    public static List<string> NormalizeAll(FieldErrors errors, ImmutableArray<string> tags, int maxLength, string field)
    {
        var result = new List<string>();
        for (var i = 0; i < tags.Length; i++)
        {
            var tag = Normalize(tags[i] ?? "");
            if (tag.Length == 0) errors.Add($"{field}[{i}]", "required", "A tag cannot be empty.");
            else if (tag.Length > maxLength) errors.Add($"{field}[{i}]", "too-long", $"A tag has at most {maxLength} characters.");
            else if (!tag.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ':' or '.' or '/'))
                errors.Add($"{field}[{i}]", "invalid-characters", $"Tag '{tag}' may hold only letters, digits, '-', '_', ':', '.' and '/'.");
            else if (!result.Contains(tag)) result.Add(tag);
        }

        return result;
    }
}
