using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OrderCluster.TestGrains;
using OrderCluster.Testing;
using static Microsoft.Playwright.Assertions;

namespace OrderCluster.Dashboard.Tests.Browser;

/// <summary>The Streams tab in headless Chromium: a dead letter shows up with its group and error, readers cannot re-drive it, an operator can.</summary>
public sealed class StreamsBrowserTests(DashboardCluster cluster) : IClassFixture<DashboardCluster>, IAsyncLifetime
{
    private const string Group = "implicit:poison-consumer:poison";
    private readonly Chromium _chromium = new();

    public Task InitializeAsync() => _chromium.InitializeAsync();

    public Task DisposeAsync() => _chromium.DisposeAsync();

    [Fact]
    public async Task A_dead_letter_is_listed_with_its_error_and_only_an_operator_can_redrive_it()
    {
        var key = $"order-{Guid.NewGuid():N}"[..14];
        var publisher = cluster.Cluster.Silos[0].Services.GetRequiredService<IStreamPublisher>();
        await publisher.PublishAsync([new StreamEventData(new StreamId("poison", key), "text", new PoisonEvent("poison"))]);
        var admin = cluster.Cluster.Silos[0].Services.GetRequiredService<IStreamAdmin>();
        await Eventually.TrueAsync(async () => (await admin.ListDeadLettersAsync(Group, 10)).Any(d => d.Stream.Key == key), "the notice is dead-lettered");

        var viewer = await _chromium.NewPageAsync();
        await DashboardPage.SignInAsync(viewer, cluster.BaseAddress, DashboardCluster.Viewer, DashboardCluster.ViewerPassword);
        await viewer.Locator("#tab-streams").ClickAsync();
        var viewerRow = viewer.Locator("#dead-letters tbody tr", new() { HasText = key });
        await Expect(viewerRow).ToContainTextAsync("is poison");
        await Expect(viewerRow).ToContainTextAsync("operators only");
        await Expect(viewer.Locator("#stream-lag tbody")).ToContainTextAsync(Group);
        await Expect(viewer.Locator("#dead-letter-counts tbody")).ToContainTextAsync(Group);

        var operatorPage = await _chromium.NewPageAsync();
        await DashboardPage.SignInAsync(operatorPage, cluster.BaseAddress, DashboardCluster.Operator, DashboardCluster.OperatorPassword);
        await operatorPage.Locator("#tab-streams").ClickAsync();
        var row = operatorPage.Locator("#dead-letters tbody tr", new() { HasText = key });
        await cluster.Cluster.Grains.GetGrain<IPoisonConsumerGrain>(key).HealAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Re-drive" }).ClickAsync();

        await Expect(row).ToContainTextAsync("delivered");
        await Chromium.ScreenshotAsync(operatorPage, "streams-redriven");
        Assert.Equal(["1:poison"], await cluster.Cluster.Grains.GetGrain<IPoisonConsumerGrain>(key).GetHandledAsync());
        Assert.DoesNotContain(await admin.ListDeadLettersAsync(Group, 100), d => d.Stream.Key == key);
    }
}
