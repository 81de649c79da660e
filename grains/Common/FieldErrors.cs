namespace OrderCluster.Grains.Common;

/// <summary>Collects every problem of one input before refusing it, so a client learns all bad fields at once.</summary>
internal sealed class FieldErrors
{
    private readonly List<FieldError> _errors = [];

    public bool Any => _errors.Count > 0;

    public IReadOnlyList<FieldError> Items => _errors;

    public void Add(string field, string code, string message) => _errors.Add(new FieldError(field, code, message));

    public void Add(FieldError? error)
    {
        if (error is not null) _errors.Add(error);
    }

    public void AddRange(IEnumerable<FieldError> errors) => _errors.AddRange(errors);

    /// <summary>Checks a text field: present when required, at most <paramref name="maxLength"/> characters, no control characters but line breaks and tabs.</summary>
    public void Text(string field, string? value, int maxLength, bool required = true, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, "required", $"{field} is required.");
            return;
        }

        if (value.Length > maxLength) Add(field, "too-long", $"{field} has at most {maxLength} characters.");
        if (value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
            Add(field, "invalid-characters", $"{field} contains control characters.");
    }

    /// <summary>Checks an amount: not negative, at most 10^12, at most four decimals.</summary>
    public void Amount(string field, decimal value)
    {
        if (value < 0) Add(field, "negative", $"{field} cannot be negative.");
        else if (value > 1_000_000_000_000m) Add(field, "too-large", $"{field} is at most 1000000000000.");
        else if (value.Scale > 4 && value != decimal.Round(value, 4)) Add(field, "too-precise", $"{field} has at most four decimals.");
    }

    public void Currency(string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) Add(field, "required", $"{field} is required.");
        else if (value.Length != 3 || !value.All(char.IsAsciiLetterUpper))
            Add(field, "invalid-format", $"{field} '{value}' is not an ISO 4217 code (three upper-case letters).");
    }

    public void ThrowIfAny(string? reason = null)
    {
        if (Any) throw new ValidationFailedException(_errors, reason);
    }
}
