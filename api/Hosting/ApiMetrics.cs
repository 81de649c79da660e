using System.Diagnostics.Metrics;

namespace OrderCluster.Api;

/// <summary>Meter <c>OrderCluster.Api</c>: what can fail at the API's edge (ASP.NET's own meters count requests and latency).</summary>
internal sealed class ApiMetrics : IDisposable
{
    public const string MeterName = "OrderCluster.Api";
    private readonly Meter _meter;
    private readonly Counter<long> _authFailures, _refusals, _unavailable, _rateLimited, _idempotency, _signIns;

    public ApiMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _authFailures = _meter.CreateCounter<long>("ordercluster.api.authentication.failures", description: "Requests with an unknown or revoked API key");
        _refusals = _meter.CreateCounter<long>("ordercluster.api.refusals", description: "Commands the domain refused, by error kind");
        _unavailable = _meter.CreateCounter<long>("ordercluster.api.unavailable", description: "Requests answered 503 because a grain call timed out or its silo left");
        _rateLimited = _meter.CreateCounter<long>("ordercluster.api.rate_limited", description: "Requests refused with 429");
        _signIns = _meter.CreateCounter<long>("ordercluster.api.sign_ins", description: "Console sign-ins, by outcome: ok, refused");
        _idempotency = _meter.CreateCounter<long>("ordercluster.api.idempotency", description: "Idempotency-Key outcomes: started, replayed, in-progress, mismatch");
    }

    public void AuthenticationFailed() => _authFailures.Add(1);

    public void Refused(string kind) => _refusals.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Unavailable() => _unavailable.Add(1);

    public void RateLimited() => _rateLimited.Add(1);

    public void Idempotency(string outcome) => _idempotency.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SignIn(bool ok) => _signIns.Add(1, new KeyValuePair<string, object?>("outcome", ok ? "ok" : "refused"));

    public void Dispose() => _meter.Dispose();
}
