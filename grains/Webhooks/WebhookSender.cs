using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace OrderCluster.Grains.Webhooks;

/// <summary>The outcome of one HTTP attempt.</summary>
internal sealed record WebhookSendResult(bool Succeeded, int? StatusCode, string? Error, long DurationMs);

/// <summary>One signed POST to a receiver; its 2xx is success, anything else (3xx included: redirects are not followed) a failure.</summary>
internal interface IWebhookSender
{
    Task<WebhookSendResult> SendAsync(string url, string deliveryId, string eventType, string signature, string body, CancellationToken cancellationToken);
}

/// <summary>Sends through the named client <see cref="ClientName"/> of <see cref="IHttpClientFactory"/> (timeout <c>Webhooks:RequestTimeout</c>).</summary>
internal sealed class HttpWebhookSender(IHttpClientFactory clients) : IWebhookSender
{
    public const string ClientName = "OrderCluster.Webhooks";
    private const int MaxErrorChars = 300;

    public async Task<WebhookSendResult> SendAsync(string url, string deliveryId, string eventType, string signature, string body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, signature);
            request.Headers.TryAddWithoutValidation(WebhookSignature.DeliveryHeader, deliveryId);
            request.Headers.TryAddWithoutValidation(WebhookSignature.EventHeader, eventType);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("OrderCluster-Webhooks", "1"));
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new WebhookSendResult(true, status, null, Elapsed(started));
            return new WebhookSendResult(false, status, $"HTTP {status}: {await SnippetAsync(response, cancellationToken)}", Elapsed(started));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or InvalidOperationException or UriFormatException)
        {
            var error = e is TaskCanceledException or OperationCanceledException ? "timed out"
                : e.InnerException is WebhookAddressRefusedException refused ? refused.Message : e.Message;
            return new WebhookSendResult(false, null, Trim(error), Elapsed(started));
        }
    }

    private static async Task<string> SnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var buffer = new char[MaxErrorChars];
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            var read = await reader.ReadBlockAsync(buffer, cancellationToken);
            return Trim(new string(buffer, 0, read));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            return "(no body)";
        }
    }

    private static string Trim(string text)
    {
        var clean = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return clean.Length <= MaxErrorChars ? clean : clean[..MaxErrorChars];
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
