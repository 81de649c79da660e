using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderCluster.GrainInterfaces.Samples;
using OrderCluster.Runtime;

namespace OrderCluster.Api.Samples;

/// <summary>
/// Sample endpoints over the sample grains: a persisted counter and a grain with durable timers.
/// They show the runtime end to end until the order API arrives.
/// </summary>
public static class SampleApi
{
    public static RouteGroupBuilder MapSampleApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/samples").WithTags("Samples");
        group.MapGet("/counters/{key}", GetCounter);
        group.MapPost("/counters/{key}/increment", IncrementCounter);
        group.MapGet("/reminders/{key}", GetReminders);
        group.MapPut("/reminders/{key}/timers/{name}", ScheduleTimer);
        group.MapDelete("/reminders/{key}/timers/{name}", CancelTimer);
        return group;
    }

    public sealed record IncrementRequest(int By);

    public sealed record ScheduleTimerRequest(DateTimeOffset DueAt, double? PeriodSeconds);

    private static async Task<Ok<SampleCounter>> GetCounter(string key, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ISampleCounterGrain>(key).GetAsync());

    private static async Task<Results<Ok<SampleCounter>, ValidationProblem>> IncrementCounter(
        string key, IncrementRequest request, IGrainFactory grains)
    {
        if (request.By is < -1_000_000 or > 1_000_000)
            return Invalid("by", "must be between -1000000 and 1000000");
        return TypedResults.Ok(await grains.GetGrain<ISampleCounterGrain>(key).IncrementAsync(request.By));
    }

    private static async Task<Ok<SampleReminderStatus>> GetReminders(string key, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ISampleReminderGrain>(key).GetAsync());

    private static async Task<Results<NoContent, ValidationProblem>> ScheduleTimer(
        string key, string name, ScheduleTimerRequest request, IGrainFactory grains)
    {
        if (name.Length > 200) return Invalid("name", "must have at most 200 characters");
        if (request.PeriodSeconds is { } p && (p < 1 || p > TimeSpan.FromDays(366).TotalSeconds))
            return Invalid("periodSeconds", "must be between 1 second and 366 days");
        TimeSpan? period = request.PeriodSeconds is { } s ? TimeSpan.FromSeconds(s) : null;
        await grains.GetGrain<ISampleReminderGrain>(key).ScheduleAsync(name, request.DueAt, period);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> CancelTimer(string key, string name, IGrainFactory grains)
    {
        await grains.GetGrain<ISampleReminderGrain>(key).CancelAsync(name);
        return TypedResults.NoContent();
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
