using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OrderCluster.Silo.Hosting;

/// <summary>Checks <c>/metrics</c> credentials when <see cref="MetricsAccessOptions.RequireAuth"/> is on: Basic or Bearer, in constant time.</summary>
internal sealed class MetricsAccessFilter(IOptions<MetricsAccessOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var o = options.Value;
        if (!o.RequireAuth || IsAllowed(context.HttpContext.Request.Headers.Authorization.ToString(), o)) return next(context);
        context.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"metrics\", Bearer";
        return ValueTask.FromResult<object?>(TypedResults.Problem("Scraping /metrics needs the credentials of Metrics:Username and "
            + "Metrics:Password (Basic) or Metrics:BearerToken.", statusCode: StatusCodes.Status401Unauthorized, title: "Credentials required",
            type: "urn:ordercluster:metrics:unauthorized"));
    }

    internal static bool IsAllowed(string authorization, MetricsAccessOptions o)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || header.Parameter is null) return false;
        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return !string.IsNullOrEmpty(o.BearerToken) && SameSecret(header.Parameter, o.BearerToken);
        if (!header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(o.Username) || string.IsNullOrEmpty(o.Password))
            return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':');
        return colon > 0 & SameSecret(decoded[..Math.Max(0, colon)], o.Username) & SameSecret(decoded[(colon + 1)..], o.Password);
    }

    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
