using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OrderCluster.GrainInterfaces.Common;

/// <summary>
/// Reads a polymorphic value (<see cref="JsonPolymorphicAttribute"/>) whose type discriminator is not the first
/// property. PostgreSQL's jsonb stores object keys sorted by length, and System.Text.Json only accepts a
/// discriminator out of order when <c>AllowOutOfOrderMetadataProperties</c> is set on the serializer options,
/// which the runtime owns. Put this converter on properties of polymorphic types that are persisted; it writes
/// exactly what the type's own contract writes.
/// </summary>
public sealed class DiscriminatorTolerantConverter<T> : JsonConverter<T> where T : class
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        PolymorphicJson.Read<T>(ref reader, options);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, PolymorphicJson.TypeInfo<T>(options));
}

/// <summary><see cref="DiscriminatorTolerantConverter{T}"/> for an <see cref="ImmutableArray{T}"/> property.</summary>
public sealed class DiscriminatorTolerantArrayConverter<T> : JsonConverter<ImmutableArray<T>> where T : class
{
    public override ImmutableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        [.. PolymorphicJson.ReadList<T>(ref reader, options)];

    public override void Write(Utf8JsonWriter writer, ImmutableArray<T> value, JsonSerializerOptions options) =>
        PolymorphicJson.WriteList(writer, value.IsDefault ? [] : value, options);
}

/// <summary><see cref="DiscriminatorTolerantConverter{T}"/> for an <see cref="ImmutableList{T}"/> property.</summary>
public sealed class DiscriminatorTolerantListConverter<T> : JsonConverter<ImmutableList<T>> where T : class
{
    public override ImmutableList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        [.. PolymorphicJson.ReadList<T>(ref reader, options)];

    public override void Write(Utf8JsonWriter writer, ImmutableList<T> value, JsonSerializerOptions options) =>
        PolymorphicJson.WriteList(writer, value, options);
}

internal static class PolymorphicJson
{
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    public static T? Read<T>(ref Utf8JsonReader reader, JsonSerializerOptions options) where T : class
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        var typeInfo = TypeInfo<T>(options);
        using var document = JsonDocument.ParseValue(ref reader);
        return ReadElement(document.RootElement, typeInfo);
    }

    public static List<T> ReadList<T>(ref Utf8JsonReader reader, JsonSerializerOptions options) where T : class
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"Expected an array of {typeof(T).Name}.");
        var typeInfo = TypeInfo<T>(options);
        using var document = JsonDocument.ParseValue(ref reader);
        var items = new List<T>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
            items.Add(ReadElement(element, typeInfo) ?? throw new JsonException($"A null {typeof(T).Name} in a list."));
        return items;
    }

    public static void WriteList<T>(Utf8JsonWriter writer, IEnumerable<T> items, JsonSerializerOptions options)
    {
        var typeInfo = TypeInfo<T>(options);
        writer.WriteStartArray();
        foreach (var item in items) JsonSerializer.Serialize(writer, item, typeInfo);
        writer.WriteEndArray();
    }

    private static T? ReadElement<T>(JsonElement element, JsonTypeInfo<T> typeInfo)
    {
        var discriminator = typeInfo.PolymorphismOptions?.TypeDiscriminatorPropertyName ?? "$type";
        if (element.ValueKind != JsonValueKind.Object || FirstPropertyIs(element, discriminator))
            return element.Deserialize(typeInfo);

        // Rewrite the object with its discriminator first, then let the type's own contract read it.
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (element.TryGetProperty(discriminator, out var value))
            {
                writer.WritePropertyName(discriminator);
                value.WriteTo(writer);
            }

            foreach (var property in element.EnumerateObject())
            {
                if (property.NameEquals(discriminator)) continue;
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return JsonSerializer.Deserialize(buffer.WrittenSpan, typeInfo);
    }

    private static bool FirstPropertyIs(JsonElement element, string name)
    {
        using var properties = element.EnumerateObject();
        return properties.MoveNext() && properties.Current.NameEquals(name);
    }
}
