using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OrderCluster.Runtime.CodeGeneration;

/// <summary>Reads and writes call arguments as one JSON array (used by generated requests).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GrainArguments
{
    public static void Write<T>(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));

    /// <summary>Moves from before the array to its first element (or its end).</summary>
    public static void BeginRead(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.None) reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException($"Grain call arguments must be a JSON array, found {reader.TokenType}.");
        reader.Read();
    }

    /// <summary>Reads the element under the reader and moves to the next one.</summary>
    public static T Read<T>(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.EndArray)
            throw new JsonException("Too few grain call arguments.");
        var value = JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        reader.Read();
        return value!;
    }

    /// <summary>Checks that the array ends here.</summary>
    public static void EndRead(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.EndArray)
            throw new JsonException("Too many grain call arguments.");
    }
}
