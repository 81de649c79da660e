using System.Text.Json;

namespace OrderCluster.Api.Imports;

/// <summary>
/// Reads a JSON import (an array of orders, or <c>{source, orders}</c>). The document's shape is checked as a whole
/// (a 400 when it is not JSON or not one of the two shapes); each order is read on its own, so an order with a wrong
/// type, an unknown member, a null in an array or a missing member is a row error of that order (its position, from 1).
/// </summary>
internal static class ImportJsonReader
{
    /// <summary>The orders (elements of <see cref="Document"/>: dispose it after reading them), or the problem of the whole body.</summary>
    public sealed record Result(string? Source, ImmutableArray<(int Row, JsonElement Order)> Orders, string? Problem, string? ProblemField, JsonDocument? Document = null);

    public static Result Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            return new Result(null, [], $"The body is not valid JSON: {e.Message}", "body");
        }

        var result = Shape(document);
        if (result.Problem is not null) document.Dispose();
        return result;
    }

    private static Result Shape(JsonDocument document)
    {
        var root = document.RootElement;
        JsonElement orders;
        string? source = null;
        if (root.ValueKind == JsonValueKind.Array) orders = root;
        else if (root.ValueKind == JsonValueKind.Object)
        {
            orders = default;
            foreach (var member in root.EnumerateObject())
            {
                if (member.NameEquals("source") && member.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null) source = member.Value.GetString();
                else if (member.NameEquals("orders") && member.Value.ValueKind == JsonValueKind.Array) orders = member.Value;
                else if (member.NameEquals("source") || member.NameEquals("orders")) return new Result(null, [], "has the wrong type.", member.Name);
                else return new Result(null, [], "is not a member of an import (source, orders).", member.Name);
            }

            if (orders.ValueKind != JsonValueKind.Array) return new Result(null, [], "is required: the array of orders.", "orders");
        }
        else return new Result(null, [], "must be an array of orders or an object {source, orders}.", "body");

        var rows = ImmutableArray.CreateBuilder<(int, JsonElement)>();
        var row = 0;
        foreach (var order in orders.EnumerateArray()) rows.Add((++row, order));
        return new Result(source, rows.ToImmutable(), null, null, document);
    }

    /// <summary>Reads one order, or says what is wrong with it (field path and message).</summary>
    public static ImportOrderRequest? ReadOrder(JsonElement element, JsonSerializerOptions options, out string? field, out string? error)
    {
        field = null;
        error = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            (field, error) = ("", "An order must be a JSON object.");
            return null;
        }

        if (Find(element, "") is { } bad)
        {
            (field, error) = bad;
            return null;
        }

        try
        {
            return element.Deserialize<ImportOrderRequest>(options) ?? throw new JsonException("An order must be a JSON object.");
        }
        catch (JsonException e)
        {
            field = e.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : "";
            error = e.Message;
            return null;
        }
    }

    /// <summary>Nulls in arrays and U+0000 in strings: the model binder would let them through, PostgreSQL's jsonb cannot store the latter.</summary>
    private static (string Field, string Error)? Find(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                    if (Find(member.Value, path.Length == 0 ? member.Name : $"{path}.{member.Name}") is { } found) return found;
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Null) return ($"{path}[{i}]", "Arrays may not contain null.");
                    if (Find(item, $"{path}[{i}]") is { } found) return found;
                    i++;
                }

                break;
            case JsonValueKind.String when element.GetString()!.Contains('\0'):
                return (path, "Strings may not contain the character U+0000.");
        }

        return null;
    }
}
