using Microsoft.Extensions.Options;
using OrderCluster.GrainInterfaces.Common;

namespace OrderCluster.Silo.Demo;

/// <summary>The demo tenant and its order stream (section <c>Demo</c>; <c>--demo</c> on the command line sets <see cref="Enabled"/>).</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seed the demo tenant, backfill its forecast history and drive live orders. Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The demo tenant's id. Default: <c>demo</c>.</summary>
    public string Tenant { get; set; } = "demo";

    /// <summary>The demo tenant's API key (at least 32 characters). Default: none, so a random key is made at each start and
    /// printed; set it to keep one key across restarts.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The password of the demo tenant's console users (10 to 256 characters). Default: none, so a random one is
    /// made at each start, set on every demo user and printed.</summary>
    public string? ConsolePassword { get; set; }

    /// <summary>Mean orders per hour over a week at the start of the demo; the hour of day and day of week shape it
    /// (<see cref="DemoDemandProfile"/>). Default: 240.</summary>
    public double OrdersPerHour { get; set; } = 240;

    /// <summary>Days of past hourly and daily demand given to the forecast series on the first start. 0: none. Default: 28.</summary>
    public int BackfillDays { get; set; } = 28;

    /// <summary>Whether live orders are created (false: seed and backfill only). Default: true.</summary>
    public bool LiveOrders { get; set; } = true;

    /// <summary>How long an order waits between the workflow steps the demo performs (approve, allocate, pick, pack, ship,
    /// deliver). Default: 5 seconds.</summary>
    public TimeSpan StepDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Random seed of the generated demand, for repeatable runs. Default: none (different each start).</summary>
    public int? RandomSeed { get; set; }
}

/// <summary>Names the demo setting that is wrong.</summary>
internal sealed class DemoOptionsValidation : IValidateOptions<DemoOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoOptions options)
    {
        var failures = new List<string>();
        if (TenantKeys.CheckTenantId(options.Tenant) is { } bad) failures.Add($"Demo:Tenant: {bad.Message}");
        if (options.ApiKey is { } key && key.Length < 32) failures.Add("Demo:ApiKey must have at least 32 characters.");
        if (options.ConsolePassword is { Length: < 10 or > 256 }) failures.Add("Demo:ConsolePassword must have 10 to 256 characters.");
        if (options.OrdersPerHour is <= 0 or > 36_000 || double.IsNaN(options.OrdersPerHour)) failures.Add("Demo:OrdersPerHour must be above 0 and at most 36000.");
        if (options.BackfillDays is < 0 or > 42) failures.Add("Demo:BackfillDays must be between 0 and 42 (the forecast keeps 1,008 hours).");
        if (options.StepDelay < TimeSpan.Zero || options.StepDelay > TimeSpan.FromHours(1)) failures.Add("Demo:StepDelay must be between 0 and 1 hour.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
