using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace OrderCluster.Bench.Common;

/// <summary>
/// The whole answer to one request of a benchmark client, read to the end so that latencies include the body. A failure to
/// get an answer is an answer too: its <see cref="Status"/> is <c>timeout</c> or the exception's type, so suites can count it
/// by type beside the status codes.
/// </summary>
internal sealed record HttpAnswer(string Status, byte[] Body, TimeSpan? RetryAfter, string? ETag)
{
    public bool IsSuccess => Status.Length == 3 && Status[0] == '2';

    /// <summary>True when no HTTP answer came back (connection refused or reset, timeout).</summary>
    public bool IsConnectionFailure => Status.Length != 3 || !char.IsAsciiDigit(Status[0]);

    /// <summary>The <c>code</c> of an RFC 9457 problem body, or null.</summary>
    public string? ProblemCode
    {
        get
        {
            if (IsSuccess || Body.Length == 0) return null;
            try
            {
                using var json = JsonDocument.Parse(Body);
                return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("code", out var code)
                    && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>The status with the problem code when there is one (<c>409 order-transition-not-allowed</c>): how failures are counted.</summary>
    public string Describe() => ProblemCode is { } code ? $"{Status} {code}" : Status;

    /// <summary>The version an <c>ETag: "N"</c> names, or null.</summary>
    public long? ETagVersion =>
        ETag is { } tag && long.TryParse(tag.Trim('W', '/', '"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    /// <summary>Sends the request <paramref name="create"/> makes and reads the whole answer; a transport failure or timeout becomes an answer of that type.</summary>
    public static async Task<HttpAnswer> SendAsync(HttpClient http, Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        try
        {
            using var request = create();
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return new HttpAnswer(status, body, response.Headers.RetryAfter?.Delta, response.Headers.ETag?.Tag);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new HttpAnswer(e is TaskCanceledException ? "timeout" : e.GetType().Name, [], null, null);
        }
    }

    /// <summary>A request with the key as bearer token, and, when given, a JSON body, an Idempotency-Key and an If-Match version.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string apiKey, byte[]? json = null, string? idempotencyKey = null,
        long? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (ifMatch is { } version) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version.ToString(CultureInfo.InvariantCulture)}\""));
        return request;
    }
}
