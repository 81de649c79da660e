using System.Security.Cryptography;

namespace OrderCluster.Silo.Demo;

/// <summary>
/// The demo tenant's API key: <see cref="DemoOptions.ApiKey"/>, or 256 random bits made at start. It is added to the API's
/// bootstrap keys (admin scope; roles admin, order-manager, finance and warehouse), so only its hash is kept by the API.
/// </summary>
internal sealed class DemoApiKey(string text)
{
    public string Text { get; } = text;

    public static DemoApiKey From(DemoOptions options) =>
        new(options.ApiKey is { Length: > 0 } configured ? configured : $"demo_{Base64Url(RandomNumberGenerator.GetBytes(32))}");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
