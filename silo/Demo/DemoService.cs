using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Silo.Demo;

/// <summary>
/// Demo mode (<c>--demo</c>): once the silo has started, prints the demo tenant's API key, seeds the tenant, backfills its
/// forecast history and drives the live order stream until the silo stops. A failure stops the demo (logged), never the silo.
/// In a cluster, start one silo with <c>--demo</c>: each demo silo drives its own stream.
/// </summary>
internal sealed class DemoService(
    IOptions<DemoOptions> options,
    DemoApiKey apiKey,
    DemoSeeder seeder,
    DemoHistoryBackfill backfill,
    DemoOrderStream stream,
    DemoApiClient api,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DemoService> logger) : BackgroundService
{
    private static readonly (string Username, string Role)[] ConsoleUsers =
        [("admin", OrderRoles.Admin), ("manager", OrderRoles.OrderManager), ("finance", OrderRoles.Finance), ("warehouse", OrderRoles.Warehouse), ("clerk", OrderRoles.Sales)];

    protected override async Task ExecuteAsync(CancellationToken serviceStopping)
    {
        if (!await StartedAsync(serviceStopping)) return;
        // the runtime refuses new activations once the host is stopping, which may come before this service is asked to stop
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(serviceStopping, lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
        var demo = options.Value;
        DemoLog.Started(logger, demo.Tenant, apiKey.Text, api.BaseAddress);
        await SetUpConsoleUsersAsync(demo, stoppingToken);
        var random = demo.RandomSeed is { } seed ? new Random(seed) : new Random();
        var anchor = time.GetUtcNow();

        var stage = "seeding";
        try
        {
            await seeder.SeedAsync(demo.Tenant, stoppingToken);
            stage = "backfilling the forecast history";
            var firstStart = demo.BackfillDays > 0 && await backfill.BackfillAsync(demo.Tenant, demo, anchor, random, stoppingToken);
            if (!demo.LiveOrders) return;
            stage = "the order stream";
            await stream.RunAsync(demo.Tenant, apiKey.Text, demo, anchor, catchUp: firstStart, random, stoppingToken);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // the silo is stopping (a call cancelled, or refused by a runtime that no longer takes calls)
        }
        catch (Exception e)
        {
            DemoLog.DemoFailed(logger, e, demo.Tenant, stage);
        }
    }

    /// <summary>The console users of the demo tenant, one per role, all with the configured or a fresh random password.</summary>
    private async Task SetUpConsoleUsersAsync(DemoOptions demo, CancellationToken stoppingToken)
    {
        var password = demo.ConsolePassword ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        foreach (var (username, role) in ConsoleUsers)
            if (await api.EnsureUserAsync(apiKey.Text, username, role, password, stoppingToken) is { } refusal)
                DemoLog.ConsoleUserFailed(logger, username, demo.Tenant, refusal);
        DemoLog.ConsoleUsers(logger, api.BaseAddress, demo.Tenant, string.Join(", ", ConsoleUsers.Select(u => $"{u.Username} ({u.Role})")), password);
    }

    /// <summary>Waits until the host has started (runtime, storage and HTTP listeners up); false when it stops first.</summary>
    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
