using OrderCluster.Bench.Intake;

namespace OrderCluster.Bench.Load;

/// <summary>
/// Everything the actors of a <c>load</c> run count, shared by all of them behind one lock (a few thousand records a second
/// at most): latency samples per request kind and per progress interval, acknowledged writes and reads, and answers that
/// were not a plain success, sorted into transient (retried), given up, business refusals and failures.
/// </summary>
internal sealed class LoadMetrics
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LatencyHistogram> _latency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _transient = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _givenUp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _refused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private LatencyHistogram _interval = new();
    private long _orders, _commands, _reads, _errorCount;

    /// <summary>What the progress line and the timeline show: totals so far and the interval's latencies.</summary>
    public sealed record Tick(long Orders, long Commands, long Reads, long Errors, double P50Ms, double P99Ms, IReadOnlyDictionary<string, long> ErrorsByType);

    public void Latency(string kind, long elapsedTicks)
    {
        lock (_gate)
        {
            if (!_latency.TryGetValue(kind, out var histogram)) _latency[kind] = histogram = new LatencyHistogram();
            histogram.Record(elapsedTicks);
            _interval.Record(elapsedTicks);
        }
    }

    /// <summary>A new order acknowledged (the first 2xx for its Idempotency-Key).</summary>
    public void OrderAcked() => Interlocked.Increment(ref _orders);

    /// <summary>An operator's write answered 2xx.</summary>
    public void CommandAcked() => Interlocked.Increment(ref _commands);

    /// <summary>A read answered 2xx.</summary>
    public void ReadAnswered() => Interlocked.Increment(ref _reads);

    /// <summary>An attempt that got no answer, a 5xx, a 429 or <c>idempotency-key-in-use</c> (it is retried or given up).</summary>
    public void AttemptFailed(string kind, string type) => Count(_errors, $"{kind} {type}", error: true);

    /// <summary>The failed attempts of a request that was answered in the end.</summary>
    public void Transient(string kind, IEnumerable<string> types)
    {
        foreach (var type in types) Count(_transient, $"{kind} {type}", error: false);
    }

    /// <summary>A request whose every attempt failed: the last failure's type.</summary>
    public void GivenUp(string kind, string type) => Count(_givenUp, $"{kind} {type}", error: false);

    /// <summary>A 4xx: a business answer (counted by its problem code, not as an error), or a request the generator got wrong (an error).</summary>
    public void Refused(string kind, string type, bool business)
    {
        if (business) Count(_refused, $"{kind} {type}", error: false);
        else Count(_errors, $"{kind} {type}", error: true);
    }

    /// <summary>Something the run did or saw that is neither a latency nor an error (an allocation backordered, an order delivered).</summary>
    public void Outcome(string name) => Count(_outcomes, name, error: false);

    private void Count(Dictionary<string, long> counts, string key, bool error)
    {
        lock (_gate)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
            if (error) _errorCount++;
        }
    }

    /// <summary>Totals so far and the latencies since the previous tick (which start anew).</summary>
    public Tick TakeTick()
    {
        lock (_gate)
        {
            var interval = _interval;
            _interval = new LatencyHistogram();
            return new Tick(Interlocked.Read(ref _orders), Interlocked.Read(ref _commands), Interlocked.Read(ref _reads), _errorCount,
                interval.PercentileMs(0.5), interval.PercentileMs(0.99), new Dictionary<string, long>(_errors, StringComparer.Ordinal));
        }
    }

    public long Orders => Interlocked.Read(ref _orders);

    public long Commands => Interlocked.Read(ref _commands);

    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>The latencies of one request kind (read once the actors are done).</summary>
    public LatencyHistogram? LatencyOf(string kind)
    {
        lock (_gate) return _latency.GetValueOrDefault(kind);
    }

    public IReadOnlyDictionary<string, long> Errors => Copy(_errors);

    public IReadOnlyDictionary<string, long> TransientThenAnswered => Copy(_transient);

    public IReadOnlyDictionary<string, long> GaveUp => Copy(_givenUp);

    public IReadOnlyDictionary<string, long> BusinessRefusals => Copy(_refused);

    public IReadOnlyDictionary<string, long> Outcomes => Copy(_outcomes);

    private Dictionary<string, long> Copy(Dictionary<string, long> counts)
    {
        lock (_gate) return new Dictionary<string, long>(counts, StringComparer.Ordinal);
    }
}
