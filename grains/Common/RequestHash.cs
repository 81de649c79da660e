using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace OrderCluster.Grains.Common;

/// <summary>
/// A SHA-256 of a request's JSON form: "the same request again" for idempotency keys, client references and
/// draft starts. Dictionaries in commands are sorted, so equal requests hash equally in every process.
/// </summary>
internal static class RequestHash
{
    public static string Of<T>(T request, JsonTypeInfo<T> typeInfo) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, typeInfo)));

    /// <summary>
    /// The content hash of a command: its JSON without the envelope (actor, expected version, idempotency key), so a
    /// retry by another user of the same integration, or with a refreshed If-Match, is still the same request.
    /// </summary>
    public static string OfContent<T>(T command, JsonTypeInfo<T> typeInfo, string? contentSha256 = null)
    {
        var node = (JsonObject)JsonSerializer.SerializeToNode(command, typeInfo)!;
        node.Remove("actor");
        node.Remove("expectedVersion");
        node.Remove("idempotencyKey");
        if (contentSha256 is not null) node["contentSha256"] = contentSha256;
        return Of(node.ToJsonString());
    }

    public static string Of(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
