using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderCluster.Runtime;

/// <summary>
/// Hides sensitive values in JSON before an operator sees it (grain state and dead-letter payloads, in the dashboard and
/// the stream admin API alike): a property whose name contains one of the configured words (as whole words of its
/// camelCase, snake_case or kebab-case name: <c>card</c> hides <c>cardNumber</c> and <c>credit_card</c>, not
/// <c>discarded</c>) has its value, whatever its shape, replaced by <see cref="Mask"/>.
/// </summary>
public sealed class PayloadRedactor
{
    public const string Mask = "«redacted»";

    /// <summary>The field-name words redacted when nothing else is configured (<c>Dashboard:RedactedFields</c>).</summary>
    public static readonly IReadOnlyList<string> DefaultFields =
    [
        "password", "passwd", "secret", "token", "apiKey", "authorization", "card", "cardNumber", "pan", "cvv", "cvc", "iban",
        "accountNumber", "ssn", "taxId", "email", "phone", "dateOfBirth",
    ];

    /// <summary>Redacts the <see cref="DefaultFields"/>.</summary>
    public static readonly PayloadRedactor Default = new(DefaultFields);

    // Shown with textContent, never parsed as HTML: readable Unicode (and the mask) rather than \u escapes.
    private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string[][] _patterns;

    public PayloadRedactor(IEnumerable<string> fields) =>
        _patterns = fields.Select(f => Words(f).ToArray()).Where(w => w.Length > 0).ToArray();

    /// <summary>The redacted JSON text; text that is not JSON is returned as a redaction notice, never as it is.</summary>
    public string Redact(string? json)
    {
        if (string.IsNullOrEmpty(json)) return json ?? "";
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return "\"" + Mask + " (not JSON)\"";
        }

        Walk(node);
        return node?.ToJsonString(Output) ?? "null";
    }

    /// <summary>True when a property of this name is hidden.</summary>
    public bool IsSensitive(string propertyName)
    {
        var words = Words(propertyName).ToArray();
        foreach (var pattern in _patterns)
        {
            if (pattern.Length > 1 && words.Contains(string.Concat(pattern))) return true; // apikey, cardnumber
            for (var start = 0; start + pattern.Length <= words.Length; start++)
                if (pattern.SequenceEqual(words.Skip(start).Take(pattern.Length))) return true;
        }

        return false;
    }

    private void Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (IsSensitive(name)) obj[name] = Mask;
                    else Walk(obj[name]);
                }

                break;
            case JsonArray array:
                foreach (var item in array) Walk(item);
                break;
        }
    }

    /// <summary><c>creditCardNumber</c>, <c>credit_card-number</c> → credit, card, number (lower case).</summary>
    public static IEnumerable<string> Words(string name)
    {
        var word = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (word.Length > 0) yield return word.ToString();
                word.Clear();
                continue;
            }

            var startsWord = char.IsUpper(c) && word.Length > 0
                             && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord)
            {
                yield return word.ToString();
                word.Clear();
            }

            word.Append(char.ToLowerInvariant(c));
        }

        if (word.Length > 0) yield return word.ToString();
    }
}
