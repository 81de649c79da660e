namespace OrderCluster.Bench.Load;

/// <summary>
/// How one client retries a request that got no answer, a 5xx, a 429 or <c>idempotency-key-in-use</c>: up to
/// <see cref="Attempts"/> sends (each on the next silo, with the same Idempotency-Key), waiting the answer's Retry-After when it
/// names one, else exponential back-off with full jitter (a random wait up to <see cref="BaseDelay"/> × 2^(attempt−1), capped).
/// </summary>
internal sealed record RetryPolicy(int Attempts, TimeSpan BaseDelay)
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(5);

    /// <summary>What operators and planners use.</summary>
    public static readonly RetryPolicy Default = new(4, TimeSpan.FromMilliseconds(100));

    /// <summary>Integration <paramref name="index"/>'s own policy: integrations differ, 3 to 8 attempts, base 50 to 400 ms.</summary>
    public static RetryPolicy ForIntegration(int index) => new(3 + index % 6, TimeSpan.FromMilliseconds(50 + index * 50 % 400));

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan Delay(int attempt, TimeSpan? retryAfter, Random random)
    {
        if (retryAfter is { } after && after > TimeSpan.Zero) return after < Cap ? after : Cap;
        var ceiling = BaseDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        return (ceiling < Cap ? ceiling : Cap) * random.NextDouble();
    }

    public override string ToString() => $"{Attempts} attempts, base {BaseDelay.TotalMilliseconds:0} ms";
}
