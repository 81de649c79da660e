using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderCluster.Dashboard.Tests.Grains;

/// <summary>A grain whose state holds sensitive fields, with a durable timer: what an SRE looks up.</summary>
public interface IProfileGrain : IGrainWithStringKey, IRemindable
{
    Task SaveAsync(ProfileState profile);

    Task ScheduleReviewAsync(DateTimeOffset dueAt);

    [ReadOnly]
    Task<string> GetTierAsync();

    /// <summary>Always throws (for error figures).</summary>
    Task FailAsync();
}

public sealed class ProfileState
{
    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public string CardNumber { get; set; } = "";

    public string Tier { get; set; } = "";

    public List<ProfileCredential> Credentials { get; set; } = [];

    public DateTimeOffset? DiscardedAt { get; set; }
}

public sealed class ProfileCredential
{
    public string Label { get; set; } = "";

    public string ApiKey { get; set; } = "";
}

public sealed class ProfileGrain([PersistentState("profile")] IPersistentState<ProfileState> state) : Grain, IProfileGrain
{
    public async Task SaveAsync(ProfileState profile)
    {
        state.State = profile;
        await state.WriteStateAsync();
    }

    public Task ScheduleReviewAsync(DateTimeOffset dueAt) => RegisterOrUpdateTimerAsync("review", dueAt, TimeSpan.FromDays(1));

    public Task<string> GetTierAsync() => Task.FromResult(state.State.Tier);

    public Task FailAsync() => throw new InvalidOperationException("failing on purpose");

    public Task ReceiveTimerAsync(DurableTimerTick tick) => Task.CompletedTask;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProfileState))]
public sealed partial class ProfileJsonContext : JsonSerializerContext;
