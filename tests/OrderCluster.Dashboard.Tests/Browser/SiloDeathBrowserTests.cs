using OrderCluster.Runtime.Cluster.Hosting;
using static Microsoft.Playwright.Assertions;

namespace OrderCluster.Dashboard.Tests.Browser;

/// <summary>A silo killed without a word turns Dead on the page within the failure-detection window (waited for, not timed).</summary>
public sealed class SiloDeathBrowserTests : IAsyncLifetime
{
    private readonly Chromium _chromium = new();
    private readonly DashboardCluster _cluster = new();

    public async Task InitializeAsync()
    {
        await _chromium.InitializeAsync();
        await _cluster.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_killed_silo_turns_dead_on_the_page()
    {
        var page = await _chromium.NewPageAsync();
        await DashboardPage.SignInAsync(page, _cluster.BaseAddress, DashboardCluster.Viewer, DashboardCluster.ViewerPassword);
        var victim = _cluster.Cluster.Silos[1];
        await Expect(page.Locator($"#silos tbody tr[data-silo='{victim.Name}'][data-status='Active'][data-reachability='ok']"))
            .ToHaveCountAsync(1, DashboardPage.LongWait);

        await _cluster.Cluster.KillSiloAsync(victim);

        // Detection: ProbeInterval x MissedProbesForSuspicion, then the vote; the page follows within a second of the table.
        var options = new ClusterOptions();
        var window = options.ProbeInterval * options.MissedProbesForSuspicion + options.ProbeTimeout + options.RefreshInterval;
        await Expect(page.Locator($"#silos tbody tr[data-silo='{victim.Name}'][data-status='Dead']"))
            .ToHaveCountAsync(1, new() { Timeout = (float)(window * 10).TotalMilliseconds });
        await Expect(page.Locator("#membership tbody")).ToContainTextAsync("Dead");
        await Expect(page.Locator("#membership tbody")).ToContainTextAsync("suspicion vote by");
        await Expect(page.Locator("#kpi-silos dd")).ToHaveTextAsync("1 of 2");
        await Chromium.ScreenshotAsync(page, "killed-silo-dead");
    }
}
