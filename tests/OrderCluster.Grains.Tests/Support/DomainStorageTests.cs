using OrderCluster.Runtime;
using OrderCluster.Runtime.Storage;
using OrderCluster.Testing;
using OrderCluster.Testing.Silos;

namespace OrderCluster.Grains.Tests.Support;

/// <summary>
/// Base of domain tests that run on several storage providers: a fresh database per test, the domain grains, and a
/// manual clock (calls get a long deadline, because the clock jumps).
/// </summary>
public abstract class DomainStorageTests : SiloOnStorageTests
{
    protected readonly ManualTimeProvider Clock = new();

    protected IGrainFactory Grains => Silo.Grains;

    protected DateTimeOffset Now => Clock.GetUtcNow();

    protected override void Configure(TestSiloOptions options)
    {
        DomainTestSilo.AddDomainGrains(options);
        options.Time = Clock;
        options.Configuration["Runtime:CallTimeout"] = "01:00:00";
    }

    /// <summary>
    /// Moves the clock a timer poll at a time until <paramref name="condition"/> holds (each step waits for the timer
    /// service's poll, so storage round trips take real time while the clock waits), at most <paramref name="budget"/> of clock time.
    /// </summary>
    protected async Task AdvanceUntilAsync(Func<Task<bool>> condition, string what, TimeSpan budget)
    {
        var end = Now + budget;
        var realDeadline = DateTime.UtcNow + 5 * Eventually.DefaultTimeout;
        while (!await condition())
        {
            if (Now >= end) Assert.Fail($"{what} did not happen within {budget} of clock time.");
            if (DateTime.UtcNow > realDeadline) Assert.Fail($"{what} did not happen within {5 * Eventually.DefaultTimeout} of real time (clock moved {budget - (end - Now)}).");
            await Silo.AdvanceOneTimerPollAsync(Clock);
            await Task.Delay(20);
        }
    }

    /// <summary>Moves the clock to just before <paramref name="time"/>, in large steps (no timer is due on the way).</summary>
    protected void AdvanceTo(DateTimeOffset time)
    {
        if (time > Now) Clock.Advance(time - Now);
    }

    /// <summary>The durable timers the storage holds for a grain.</summary>
    protected async Task<IReadOnlyList<string>> TimersOfAsync(string grainType, string key) =>
        [.. (await Silo.Get<IDurableTimerStore>().ListAsync(new GrainId(grainType, key), CancellationToken.None)).Select(t => t.Name).Order()];
}
