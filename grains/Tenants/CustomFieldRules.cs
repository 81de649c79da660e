using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Common;

namespace OrderCluster.Grains.Tenants;

/// <summary>
/// Validation of custom-field definitions (when a schema is published) and of values (on every write). Every error
/// names the field (<c>customFields.giftWrap</c>, <c>fields[2].pattern</c>) and the rule it broke.
/// </summary>
internal static class CustomFieldRules
{
    public const int MaxFields = 100;
    public const int MaxNameLength = 64;
    public const int MaxTextValueLength = 4_000;
    public const int MaxPatternLength = 500;
    public const int MaxAllowedValues = 200;

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>Checks a schema's definitions before it is published.</summary>
    public static void ValidateDefinitions(FieldErrors errors, ImmutableArray<CustomFieldDefinition> fields)
    {
        if (fields.Length > MaxFields) errors.Add("fields", "too-many", $"A schema has at most {MaxFields} fields.");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Length; i++)
        {
            var path = $"fields[{i}]";
            var field = fields[i];
            if (field is null)
            {
                errors.Add(path, "required", $"{path} is required.");
                continue;
            }

            if (!IsIdentifier(field.Name))
                errors.Add($"{path}.name", "invalid-format", $"{path}.name must be a letter followed by letters, digits or '_' (at most {MaxNameLength}).");
            else if (!names.Add(field.Name))
                errors.Add($"{path}.name", "duplicate", $"A field named '{field.Name}' is defined twice.");
            errors.Text($"{path}.label", field.Label, 200, required: false);
            if (!Enum.IsDefined(field.Type)) errors.Add($"{path}.type", "unknown-value", $"{path}.type is not a known field type.");
            ValidateBounds(errors, field, path);
            ValidatePattern(errors, field, path);
            ValidateAllowedValues(errors, field, path);
            if (field.Default is { } value && ValidateValue(field, value, $"{path}.default") is { } error) errors.Add(error);
        }
    }

    /// <summary>
    /// Checks a write of <paramref name="values"/> (null: remove the field) against <paramref name="schema"/>:
    /// each written value against its definition, then that every required field has a value in <paramref name="result"/>.
    /// Stored values of fields the write leaves alone are not checked again: a schema change never makes an order unreadable.
    /// </summary>
    public static void ValidateWrite(FieldErrors errors, CustomFieldSchema schema,
        IEnumerable<KeyValuePair<string, CustomFieldValue?>> values, IReadOnlyDictionary<string, CustomFieldValue> result,
        string prefix = "customFields")
    {
        ValidateValues(errors, schema, values, prefix);
        foreach (var definition in schema.Fields.Where(f => f.Required && !result.ContainsKey(f.Name)))
            errors.Add($"{prefix}.{definition.Name}", "required", $"{prefix}.{definition.Name} is required by the custom-field schema (version {schema.Version}).");
    }

    /// <summary>Checks each value against its definition (unknown fields are refused), without asking for required fields (templates, drafts).</summary>
    public static void ValidateValues(FieldErrors errors, CustomFieldSchema schema,
        IEnumerable<KeyValuePair<string, CustomFieldValue?>> values, string prefix = "customFields")
    {
        foreach (var (name, value) in values)
        {
            var path = $"{prefix}.{name}";
            if (schema.Find(name) is not { } definition)
            {
                if (value is not null) errors.Add(path, "unknown-field", $"{path} is not defined in the tenant's custom-field schema (version {schema.Version}).");
                continue;
            }

            if (value is not null && ValidateValue(definition, value, path) is { } error) errors.Add(error);
        }
    }

    public static IEnumerable<KeyValuePair<string, CustomFieldValue?>> AsWrites(IEnumerable<KeyValuePair<string, CustomFieldValue>> values) =>
        values.Select(v => KeyValuePair.Create(v.Key, (CustomFieldValue?)v.Value));

    /// <summary>The values with the schema's defaults filled in for fields left out (new orders).</summary>
    public static ImmutableSortedDictionary<string, CustomFieldValue> WithDefaults(CustomFieldSchema schema,
        ImmutableSortedDictionary<string, CustomFieldValue> values)
    {
        var result = values;
        foreach (var field in schema.Fields)
            if (field.Default is { } value && !result.ContainsKey(field.Name)) result = result.Add(field.Name, value);
        return result;
    }

    public static FieldError? ValidateValue(CustomFieldDefinition field, CustomFieldValue value, string path)
    {
        if (!value.IsWellFormed) return new FieldError(path, "malformed-value", $"{path} must set exactly the member its kind names.");
        var expected = field.Type switch
        {
            CustomFieldType.Number => CustomFieldValueKind.Number,
            CustomFieldType.Boolean => CustomFieldValueKind.Boolean,
            CustomFieldType.Date => CustomFieldValueKind.Date,
            _ => CustomFieldValueKind.Text,
        };
        if (value.Kind != expected)
            return new FieldError(path, "wrong-type", $"{path} must be a {field.Type.ToString().ToLowerInvariant()} value, not {value.Kind.ToString().ToLowerInvariant()}.");

        switch (field.Type)
        {
            case CustomFieldType.Number:
                if (field.Min is { } min && value.Number < min) return new FieldError(path, "below-minimum", $"{path} must be at least {min}.");
                if (field.Max is { } max && value.Number > max) return new FieldError(path, "above-maximum", $"{path} must be at most {max}.");
                break;
            case CustomFieldType.String:
            case CustomFieldType.Enum:
                var text = value.Text!;
                if (text.Length > MaxTextValueLength) return new FieldError(path, "too-long", $"{path} has at most {MaxTextValueLength} characters.");
                if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
                    return new FieldError(path, "invalid-characters", $"{path} contains control characters.");
                if (field.Type == CustomFieldType.String && field.Min is { } minLength && text.Length < minLength)
                    return new FieldError(path, "too-short", $"{path} has at least {minLength} characters.");
                if (field.Type == CustomFieldType.String && field.Max is { } maxLength && text.Length > maxLength)
                    return new FieldError(path, "too-long", $"{path} has at most {maxLength} characters.");
                if (field.Pattern is { } pattern && !Matches(pattern, text))
                    return new FieldError(path, "pattern-mismatch", $"{path} does not match the pattern {pattern}.");
                if (!field.AllowedValues.IsDefaultOrEmpty && !field.AllowedValues.Contains(text, StringComparer.Ordinal))
                    return new FieldError(path, "not-allowed-value", $"{path} must be one of: {string.Join(", ", field.AllowedValues)}.");
                break;
        }

        return null;
    }

    private static void ValidateBounds(FieldErrors errors, CustomFieldDefinition field, string path)
    {
        if (field.Min is null && field.Max is null) return;
        if (field.Type is not (CustomFieldType.Number or CustomFieldType.String))
        {
            errors.Add($"{path}.min", "not-applicable", "min and max apply to number values and string lengths only.");
            return;
        }

        if (field.Min > field.Max) errors.Add($"{path}.min", "above-maximum", $"{path}.min is greater than {path}.max.");
        if (field.Type == CustomFieldType.String && (field.Min < 0 || field.Max < 0 || field.Max > MaxTextValueLength))
            errors.Add($"{path}.max", "out-of-range", $"String lengths are between 0 and {MaxTextValueLength}.");
    }

    private static void ValidatePattern(FieldErrors errors, CustomFieldDefinition field, string path)
    {
        if (field.Pattern is null) return;
        if (field.Type != CustomFieldType.String) errors.Add($"{path}.pattern", "not-applicable", "A pattern applies to string fields only.");
        else if (field.Pattern.Length is 0 or > MaxPatternLength) errors.Add($"{path}.pattern", "out-of-range", $"A pattern has 1 to {MaxPatternLength} characters.");
        else
        {
            try
            {
                Compile(field.Pattern);
            }
            catch (ArgumentException e)
            {
                errors.Add($"{path}.pattern", "invalid-pattern", $"{path}.pattern is not a valid regular expression: {e.Message}");
            }
        }
    }

    private static void ValidateAllowedValues(FieldErrors errors, CustomFieldDefinition field, string path)
    {
        var values = field.AllowedValues.IsDefault ? [] : field.AllowedValues;
        if (field.Type == CustomFieldType.Enum && values.IsEmpty)
            errors.Add($"{path}.allowedValues", "required", "An enum field lists its allowed values.");
        if (!values.IsEmpty && field.Type is not (CustomFieldType.Enum or CustomFieldType.String))
            errors.Add($"{path}.allowedValues", "not-applicable", "Allowed values apply to enum and string fields only.");
        if (values.Length > MaxAllowedValues) errors.Add($"{path}.allowedValues", "too-many", $"At most {MaxAllowedValues} allowed values.");
        if (values.Distinct(StringComparer.Ordinal).Count() != values.Length)
            errors.Add($"{path}.allowedValues", "duplicate", "Allowed values are listed once each.");
        for (var i = 0; i < values.Length; i++) errors.Text($"{path}.allowedValues[{i}]", values[i], 200);
    }

    private static bool IsIdentifier(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Compile(pattern).IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // a pathological pattern never lets a value through, and never stalls the grain
        }
    }

    private static Regex Compile(string pattern)
    {
        if (Patterns.Count > 1_000) Patterns.Clear(); // patterns come from tenant schemas: bound the cache, never the correctness
        return Patterns.GetOrAdd(pattern, p => new Regex($"^(?:{p})$", RegexOptions.CultureInvariant, PatternTimeout));
    }
}
