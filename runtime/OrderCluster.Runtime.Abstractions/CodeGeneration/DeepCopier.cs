using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OrderCluster.Runtime.CodeGeneration;

/// <summary>
/// Copies values of mutable types for local calls (immutable types are never passed here: the
/// generator knows them). A byte array is cloned; anything else goes through its JSON contract,
/// exactly what a remote call would do.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DeepCopier
{
    public static T Copy<T>(T value, JsonSerializerOptions options)
    {
        if (value is null) return value;
        if (value is byte[] bytes) return (T)(object)bytes.AsSpan().ToArray();
        var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var json = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        return JsonSerializer.Deserialize(json, typeInfo)!;
    }
}
