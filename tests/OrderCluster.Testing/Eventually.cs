using Xunit;

namespace OrderCluster.Testing;

/// <summary>
/// Waits for an asynchronous effect (a timer delivery, a deactivation) to become visible. The timeout
/// only bounds the wait: no test asserts how long anything takes.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>Waits until <paramref name="value"/> equals <paramref name="expected"/>; the failure names the last value seen.</summary>
    public static async Task EqualAsync<T>(T expected, Func<T> value, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        T last;
        while (!EqualityComparer<T>.Default.Equals(last = value(), expected))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {what}: expected {expected}, last saw {last}.");
            await Task.Delay(10);
        }
    }
}
