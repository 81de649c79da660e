using Microsoft.Extensions.Options;
using OrderCluster.Api.Hosting;

namespace OrderCluster.Api.Auth;

/// <summary>The configured bootstrap keys, kept as SHA-256 hashes only. Their key id is <c>bootstrap-{n}</c>.</summary>
internal sealed class BootstrapKeys
{
    private readonly Dictionary<string, ApiCaller> _byHash = new(StringComparer.Ordinal);

    public BootstrapKeys(IOptions<ApiOptions> options)
    {
        var keys = options.Value.BootstrapKeys;
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            ImmutableArray<string> scopes = key.Scopes.Count == 0 ? [ApiScopes.Admin] : [.. key.Scopes];
            _byHash[ApiKeyText.HashHex(key.Key)] = new ApiCaller(key.Tenant, $"bootstrap-{i}", key.Name, scopes, [.. key.Roles]);
        }
    }

    public ApiCaller? Find(string text) => _byHash.Count == 0 ? null : _byHash.GetValueOrDefault(ApiKeyText.HashHex(text));
}
