using Microsoft.Extensions.Options;

namespace OrderCluster.Runtime.Hosting;

/// <summary>Fails start-up with the name of the setting that is wrong.</summary>
internal sealed class RuntimeOptionsValidation :
    IValidateOptions<RuntimeOptions>, IValidateOptions<StateBatchingOptions>, IValidateOptions<DurableTimerOptions>
{
    public ValidateOptionsResult Validate(string? name, RuntimeOptions options)
    {
        var errors = new List<string>();
        Positive(errors, "Runtime:CallTimeout", options.CallTimeout);
        Positive(errors, "Runtime:CallTimeoutCheckInterval", options.CallTimeoutCheckInterval);
        Positive(errors, "Runtime:CollectionAge", options.CollectionAge);
        Positive(errors, "Runtime:CollectionQuantum", options.CollectionQuantum);
        Positive(errors, "Runtime:ShutdownDrainTimeout", options.ShutdownDrainTimeout);
        foreach (var (type, overrides) in options.GrainTypes)
        {
            if (overrides.CallTimeout is { } t) Positive(errors, $"Runtime:GrainTypes:{type}:CallTimeout", t);
            if (overrides.CollectionAge is { } a) Positive(errors, $"Runtime:GrainTypes:{type}:CollectionAge", a);
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, StateBatchingOptions options)
    {
        var errors = new List<string>();
        if (options.MaxBatchSize is < 1 or > 10_000)
            errors.Add($"Storage:Batching:MaxBatchSize must be between 1 and 10000 (was {options.MaxBatchSize}).");
        if (options.MaxConcurrentBatches is < 1 or > 64)
            errors.Add($"Storage:Batching:MaxConcurrentBatches must be between 1 and 64 (was {options.MaxConcurrentBatches}).");
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, DurableTimerOptions options)
    {
        var errors = new List<string>();
        Positive(errors, "Timers:PollInterval", options.PollInterval);
        Positive(errors, "Timers:RetryBackoff", options.RetryBackoff);
        if (options.LeaseDuration <= options.PollInterval)
            errors.Add($"Timers:LeaseDuration must be longer than Timers:PollInterval (was {options.LeaseDuration}).");
        if (options.MaxRetryBackoff < options.RetryBackoff)
            errors.Add("Timers:MaxRetryBackoff must be at least Timers:RetryBackoff.");
        if (options.ClaimBatchSize < 1) errors.Add($"Timers:ClaimBatchSize must be positive (was {options.ClaimBatchSize}).");
        if (options.MaxConcurrentDeliveries < 1)
            errors.Add($"Timers:MaxConcurrentDeliveries must be positive (was {options.MaxConcurrentDeliveries}).");
        return Result(errors);
    }

    private static void Positive(List<string> errors, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) errors.Add($"{setting} must be a positive time span (was {value}).");
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
