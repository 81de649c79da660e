using System.Diagnostics;
using OrderCluster.Bench.Common;

namespace OrderCluster.Bench.Load;

/// <summary>
/// How one simulated actor (integration, operator or planner) talks to the cluster: each request starts on the next silo,
/// is retried under the actor's <see cref="RetryPolicy"/> when it got no answer, a 5xx, a 429 or <c>idempotency-key-in-use</c>,
/// and every attempt's latency and every answer's class (transient, given up, business refusal, failure) goes to the metrics.
/// Requests are never cancelled half-way: stopping waits for the answer, so nothing the run did goes unacknowledged.
/// </summary>
internal sealed class LoadClient(SiloPool silos, LoadMetrics metrics, RetryPolicy policy, string apiKey, int seed)
{
    /// <summary>The actor's own random numbers (one actor is one sequential loop).</summary>
    public Random Random { get; } = new(seed);

    public string ApiKey => apiKey;

    public RetryPolicy Policy => policy;

    /// <summary>
    /// Sends until answered for good or the policy gives up; the first attempt's latency counts as <paramref name="kind"/>,
    /// later ones as <paramref name="retryKind"/> (default: the same kind).
    /// </summary>
    public async Task<HttpAnswer> SendAsync(string kind, Func<HttpRequestMessage> create, string? retryKind = null)
    {
        List<string>? failures = null;
        var first = silos.NextStart();
        for (var attempt = 1; ; attempt++)
        {
            var start = Stopwatch.GetTimestamp();
            var answer = await HttpAnswer.SendAsync(silos[first + attempt - 1], create, CancellationToken.None);
            metrics.Latency(attempt == 1 ? kind : retryKind ?? kind, Stopwatch.GetTimestamp() - start);
            if (!IsTransient(answer))
            {
                if (failures is not null) metrics.Transient(kind, failures);
                if (!answer.IsSuccess) metrics.Refused(kind, answer.Describe(), IsBusinessAnswer(answer));
                return answer;
            }

            metrics.AttemptFailed(kind, answer.Describe());
            (failures ??= []).Add(answer.Describe());
            if (attempt >= policy.Attempts)
            {
                metrics.GivenUp(kind, answer.Describe());
                return answer;
            }

            await Task.Delay(policy.Delay(attempt, answer.RetryAfter, Random));
        }
    }

    /// <summary>A GET with the actor's key.</summary>
    public Task<HttpAnswer> GetAsync(string kind, string path) => SendAsync(kind, () => HttpAnswer.Request(HttpMethod.Get, path, apiKey));

    /// <summary>No answer, a 5xx, a 429, or the same Idempotency-Key still running: worth sending again with the same key.</summary>
    public static bool IsTransient(HttpAnswer answer) =>
        answer.IsConnectionFailure || answer.Status[0] == '5' || answer.Status == "429"
        || (answer.Status == "409" && answer.ProblemCode == "idempotency-key-in-use");

    /// <summary>
    /// 409 and 412 (a transition the status does not allow, a stale version, stock exhausted) and 422 (a value the domain refuses)
    /// are the system answering a business question; any other 4xx means the load generator sent something wrong.
    /// </summary>
    private static bool IsBusinessAnswer(HttpAnswer answer) =>
        answer.Status is "409" or "412" || (answer.Status == "422" && answer.ProblemCode != "idempotency-key-reused");
}
