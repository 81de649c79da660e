using System.Buffers;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderCluster.Api.Hosting;

namespace OrderCluster.Api.Problems;

/// <summary>A request body that could not be read, as the problem to answer with (see <see cref="BodyProblemFilter"/>).</summary>
internal interface IJsonBody
{
    ProblemHttpResult? Problem { get; }
}

/// <summary>
/// A JSON request body read by the API itself rather than by the framework, so every way it can be wrong is a 4xx
/// problem naming the field: a wrong content type 415, a body over <c>Api:MaxJsonBodyBytes</c> 413, malformed JSON,
/// wrong types, unknown fields, unknown enum values, missing required members and nulls 400. OpenAPI documents
/// <typeparamref name="T"/> as the request body.
/// </summary>
public sealed partial class JsonBody<T> : IJsonBody, IEndpointParameterMetadataProvider where T : class
{
    private readonly T? _value;

    private JsonBody(T? value, ProblemHttpResult? problem)
    {
        _value = value;
        Problem = problem;
    }

    public T Value => _value ?? throw new InvalidOperationException("The body was not read; BodyProblemFilter answers before the handler runs.");

    public ProblemHttpResult? Problem { get; }

    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var request = context.Request;
        if (request.ContentType is not { } type || !IsJson(type)) return Fail(ApiProblems.UnsupportedMediaType("application/json"));
        var limit = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxJsonBodyBytes;
        if (request.ContentLength > limit) return Fail(ApiProblems.TooLarge(limit));

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit) return Fail(ApiProblems.TooLarge(limit));
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        // PostgreSQL's jsonb cannot store U+0000, and no field has a use for it: refuse it before it reaches a grain's state.
        if (ContainsNulEscape(json.Span))
            return Fail(ApiProblems.BadRequest("body", "Strings may not contain the character U+0000."));
        // A forward-only scan on every request; the document (for the null's path) only for the rare body that has one.
        if (HasNullElement(json.Span) && NullElementIn(json) is { } nullAt)
            return Fail(ApiProblems.BadRequest(nullAt, "Arrays may not contain null."));
        var options = context.RequestServices.GetRequiredService<ApiJson>().Read;
        try
        {
            var value = JsonSerializer.Deserialize<T>(json.Span, options);
            return value is null ? Fail(ApiProblems.BadRequest("body", "A JSON object is required.")) : new JsonBody<T>(value, null);
        }
        catch (JsonException e)
        {
            return Fail(ApiProblems.BadRequest(Describe(e), "The request body is not a valid " + typeof(T).Name.Replace("Request", "", StringComparison.Ordinal) + "."));
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException or FormatException or OverflowException)
        {
            // Converters of domain types throw these for values they refuse.
            return Fail(ApiProblems.BadRequest("body", "The request body has a value of the wrong type or out of range."));
        }
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new JsonAcceptsMetadata(typeof(T)));

    /// <summary>
    /// Whether a null sits directly inside an array, without building a document: a bit per depth (the reader's default
    /// limit of 64 levels, as the deserializer's) says whether that level is an array. Malformed JSON answers false and
    /// is left to the deserializer to describe.
    /// </summary>
    private static bool HasNullElement(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        ulong arrays = 0;
        try
        {
            while (reader.Read())
            {
                var depth = reader.CurrentDepth;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray:
                        arrays |= 1UL << depth;
                        break;
                    case JsonTokenType.StartObject:
                        arrays &= ~(1UL << depth);
                        break;
                    case JsonTokenType.Null when depth > 0 && (arrays & (1UL << (depth - 1))) != 0:
                        return true;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    /// <summary>
    /// The path of the first null inside an array (nullable annotations do not reach collection elements, and a null
    /// line or tag would otherwise travel into a grain), or null. Malformed JSON is left to the deserializer to describe.
    /// </summary>
    private static string? NullElementIn(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Find(document.RootElement, "");
        }
        catch (JsonException)
        {
            return null;
        }

        static string? Find(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                    if (Find(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}") is { } found) return found;
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var itemPath = $"{path}[{index++}]";
                    if (item.ValueKind == JsonValueKind.Null) return itemPath;
                    if (Find(item, itemPath) is { } found) return found;
                }
            }

            return null;
        }
    }

    private static bool ContainsNulEscape(ReadOnlySpan<byte> json) =>
        json.IndexOf("\\u0000"u8) >= 0 || json.IndexOf("\\U0000"u8) >= 0;

    private static JsonBody<T> Fail(ProblemHttpResult problem) => new(null, problem);

    private static bool IsJson(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Split(';')[0].EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Field paths and messages without type names: <c>$.lines[0].quantity</c> becomes <c>lines[0].quantity</c>.</summary>
    private static Dictionary<string, string[]> Describe(JsonException e)
    {
        var path = e.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : "";
        var message = e.Message;
        if (e.InnerException?.GetType().Name == "JsonReaderException" || e.BytePositionInLine is not null && e.Path is null)
            return new Dictionary<string, string[]> { ["body"] = [path.Length > 0 ? $"is not valid JSON (at {path})." : "is not valid JSON."] };
        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var names = Quoted().Matches(message[message.LastIndexOf(':')..]).Select(m => m.Groups[1].Value).ToList();
            if (names.Count > 0)
                return names.ToDictionary(n => path.Length > 0 ? $"{path}.{n}" : n, _ => new[] { "is required." });
        }

        string reason =
            message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) ? "is not a known field." :
            message.Contains("null values", StringComparison.Ordinal) ? "must not be null." :
            e.InnerException is not null || message.Contains("could not be converted", StringComparison.Ordinal) ? "has the wrong type or an unknown value." :
            "is not valid JSON.";
        return new Dictionary<string, string[]> { [path.Length > 0 ? path : "body"] = [reason] };
    }

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();
}

/// <summary>Documents a JSON request body of a type (what <c>Accepts&lt;T&gt;()</c> adds).</summary>
internal sealed class JsonAcceptsMetadata(Type type) : IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes { get; } = ["application/json"];

    public Type? RequestType { get; } = type;

    public bool IsOptional => false;
}

/// <summary>Answers with the problem of a body that could not be read, before the handler runs.</summary>
internal sealed class BodyProblemFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
            if (argument is IJsonBody { Problem: { } problem }) return ValueTask.FromResult<object?>(problem);
        return next(context);
    }
}
