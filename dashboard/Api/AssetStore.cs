using System.Security.Cryptography;

namespace OrderCluster.Dashboard.Api;

/// <summary>The page's files, embedded in this assembly at build time and served from memory (no disk, no CDN).</summary>
internal sealed class AssetStore
{
    private const string Prefix = "OrderCluster.Dashboard.Assets.";
    private readonly Dictionary<string, Asset> _assets = new(StringComparer.Ordinal);

    public AssetStore()
    {
        var assembly = typeof(AssetStore).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var name = resource[Prefix.Length..];
            _assets[name] = new Asset(name, bytes, ContentType(name), "\"" + Convert.ToHexString(SHA256.HashData(bytes))[..16] + "\"");
        }
    }

    public IReadOnlyCollection<string> Names => _assets.Keys;

    public bool TryGet(string name, out Asset asset) => _assets.TryGetValue(name, out asset!);

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}

/// <summary>One embedded file with its content type and entity tag.</summary>
internal sealed record Asset(string Name, byte[] Content, string ContentType, string ETag)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Content);
}
