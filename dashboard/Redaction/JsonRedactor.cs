using Microsoft.Extensions.Options;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Runtime;

namespace OrderCluster.Dashboard.Redaction;

/// <summary>
/// The dashboard's redaction of grain state and dead-letter payloads: <see cref="PayloadRedactor"/> (shared with the
/// stream admin API, so both hide the same fields) with the words of <c>Dashboard:RedactedFields</c>.
/// </summary>
internal sealed class JsonRedactor
{
    public const string Mask = PayloadRedactor.Mask;

    private readonly PayloadRedactor _redactor;

    public JsonRedactor(IOptions<DashboardOptions> options)
        : this(options.Value.EffectiveRedactedFields)
    {
    }

    public JsonRedactor(IEnumerable<string> fields) => _redactor = new PayloadRedactor(fields);

    public JsonRedactor(PayloadRedactor redactor) => _redactor = redactor;

    /// <summary>The redacted JSON text; text that is not JSON is returned as a redaction notice, never as it is.</summary>
    public string Redact(string? json) => _redactor.Redact(json);

    /// <summary>True when a property of this name is hidden.</summary>
    public bool IsSensitive(string propertyName) => _redactor.IsSensitive(propertyName);

    /// <summary><c>creditCardNumber</c>, <c>credit_card-number</c> → credit, card, number (lower case).</summary>
    internal static IEnumerable<string> Words(string name) => PayloadRedactor.Words(name);
}
