using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using OrderCluster.Dashboard.Access;
using OrderCluster.Dashboard.Hosting;

namespace OrderCluster.Dashboard.Cluster;

/// <summary>
/// Asks other silos' dashboards for their figures over HTTP (the address each silo wrote into the membership table), signed with
/// the shared key. Every request has a short deadline, so a silo that hangs shows as unreachable instead of holding the page.
/// </summary>
internal sealed class PeerClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly DashboardAccess _access;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    public PeerClient(DashboardAccess access, TimeProvider time, IOptions<DashboardOptions> options)
    {
        _access = access;
        _time = time;
        _timeout = options.Value.PeerTimeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = options.Value.PeerTimeout,
            UseCookies = false,
            AllowAutoRedirect = false,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<PeerResult<T>> GetAsync<T>(string baseAddress, string pathAndQuery, JsonTypeInfo<T> type, CancellationToken cancellationToken,
        TimeSpan? timeout = null) where T : class =>
        await SendAsync(HttpMethod.Get, baseAddress, pathAndQuery, type, cancellationToken, timeout);

    public async Task<PeerResult<T>> PostAsync<T>(string baseAddress, string pathAndQuery, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class =>
        await SendAsync(HttpMethod.Post, baseAddress, pathAndQuery, type, cancellationToken, null);

    private async Task<PeerResult<T>> SendAsync<T>(HttpMethod method, string baseAddress, string pathAndQuery, JsonTypeInfo<T> type,
        CancellationToken cancellationToken, TimeSpan? timeout) where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? _timeout);
        var uri = new Uri(new Uri(baseAddress), pathAndQuery);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Add(PeerSignature.HeaderName, PeerSignature.Create(_access.SigningKey, method.Method, uri.AbsolutePath + uri.Query, _time.GetUtcNow()));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode) return new PeerResult<T>(null, $"HTTP {(int)response.StatusCode}");
            var value = await response.Content.ReadFromJsonAsync(type, deadline.Token);
            return new PeerResult<T>(value, value is null ? "empty answer" : null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new PeerResult<T>(null, "no answer within " + (timeout ?? _timeout).TotalMilliseconds + " ms");
        }
        catch (HttpRequestException e)
        {
            return new PeerResult<T>(null, e.HttpRequestError.ToString());
        }
        catch (System.Text.Json.JsonException)
        {
            return new PeerResult<T>(null, "unreadable answer");
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A peer's answer, or why there is none.</summary>
internal sealed record PeerResult<T>(T? Value, string? Error) where T : class;
