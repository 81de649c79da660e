using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrderCluster.Grains.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Binds the webhook settings (section <c>Webhooks</c>, validated at start-up) and registers the HTTP client the delivery
    /// grains send with (<see cref="IHttpClientFactory"/>, timeout <c>Webhooks:RequestTimeout</c>, no redirects, no cookies,
    /// no proxy, and every connection through <see cref="WebhookAddressGuard"/>: only allowed, public addresses).
    /// </summary>
    public static IServiceCollection AddOrderWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidation>());
        services.AddHttpClient(HttpWebhookSender.ClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // A proxy would make the guard check the proxy instead of the receiver.
                UseProxy = false,
                ConnectCallback = (context, cancellationToken) =>
                    sp.GetRequiredService<WebhookAddressGuard>().ConnectAsync(context.DnsEndPoint, cancellationToken),
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            });
        services.TryAddSingleton(sp => new WebhookAddressGuard(sp.GetRequiredService<IOptions<WebhookOptions>>().Value));
        services.TryAddSingleton<IWebhookSender, HttpWebhookSender>();
        return services;
    }
}
