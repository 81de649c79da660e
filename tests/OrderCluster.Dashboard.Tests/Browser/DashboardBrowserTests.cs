using System.Net;
using Microsoft.Playwright;
using OrderCluster.Dashboard.Tests.Grains;
using OrderCluster.Testing;
using static Microsoft.Playwright.Assertions;

namespace OrderCluster.Dashboard.Tests.Browser;

/// <summary>The dashboard in headless Chromium against a live 2-silo cluster: live silos, sign-in, grain lookup, who may act.</summary>
public sealed class DashboardBrowserTests(DashboardCluster cluster) : IClassFixture<DashboardCluster>, IAsyncLifetime
{
    private readonly Chromium _chromium = new();

    public Task InitializeAsync() => _chromium.InitializeAsync();

    public Task DisposeAsync() => _chromium.DisposeAsync();

    [Fact]
    public async Task The_page_shows_both_silos_of_the_cluster_live()
    {
        var page = await _chromium.NewPageAsync();
        await DashboardPage.SignInAsync(page, cluster.BaseAddress, DashboardCluster.Viewer, DashboardCluster.ViewerPassword);

        var live = page.Locator("#silos tbody tr[data-status='Active'][data-reachability='ok']");
        await Expect(live).ToHaveCountAsync(2, DashboardPage.LongWait);
        foreach (var silo in cluster.Cluster.Silos)
            await Expect(page.Locator($"#silos tbody tr[data-silo='{silo.Name}'] td").Nth(1)).ToContainTextAsync(silo.Address.ToString());
        await Expect(page.Locator("#connection")).ToContainTextAsync("Live");
        await Expect(page.Locator("#kpi-silos dd")).ToHaveTextAsync("2 of 2");
        await Expect(page.Locator("#membership tbody")).ToContainTextAsync("Active");
        await Chromium.ScreenshotAsync(page, "overview-two-silos");
    }

    [Fact]
    public async Task Without_a_session_the_page_asks_for_sign_in_the_api_answers_401_and_a_wrong_password_is_refused()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(new Uri(cluster.BaseAddress, "/dashboard/").ToString());
        Assert.EndsWith("/dashboard/signin", page.Url, StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "signin-page");

        using var http = new HttpClient { BaseAddress = cluster.BaseAddress };
        using var api = await http.GetAsync("/dashboard/api/snapshot");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        using var peer = await http.GetAsync("/dashboard/api/peer/report");
        Assert.Equal(HttpStatusCode.Unauthorized, peer.StatusCode);

        await page.GetByLabel("User name").FillAsync(DashboardCluster.Viewer);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(), r => r.Url.EndsWith("/dashboard/signin", StringComparison.Ordinal));
        Assert.Equal(401, refused.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong user name or password.");
        Assert.Empty(await page.Context.CookiesAsync());
        await Chromium.ScreenshotAsync(page, "signin-refused");
    }

    [Fact]
    public async Task Grain_lookup_shows_where_the_grain_lives_its_redacted_state_its_timers_and_recent_calls()
    {
        var profile = cluster.Cluster.Grains.GetGrain<IProfileGrain>("alice");
        await profile.SaveAsync(new ProfileState
        {
            Name = "Alice", Email = "alice@example.com", CardNumber = "4111111111111111", Tier = "gold",
            Credentials = [new ProfileCredential { Label = "erp", ApiKey = "sk-live-123" }],
        });
        await profile.ScheduleReviewAsync(DateTimeOffset.UtcNow.AddDays(2));
        var host = cluster.Cluster.Silos.Single(s => s.HasActivation(new GrainId("profile", "alice")));

        var page = await _chromium.NewPageAsync();
        await DashboardPage.SignInAsync(page, cluster.BaseAddress, DashboardCluster.Viewer, DashboardCluster.ViewerPassword);
        await DashboardPage.LookUpAsync(page, "profile", "alice");

        await Expect(page.Locator("#grain-owner")).ToContainTextAsync(host.Name);
        await Expect(page.Locator("#grain-activations")).ToContainTextAsync($"{host.Name} ({host.Address})");
        var state = page.Locator("pre[data-state='profile']");
        await Expect(state).ToContainTextAsync("\"tier\": \"gold\"");
        await Expect(state).ToContainTextAsync("\"email\": \"«redacted»\"");
        await Expect(state).ToContainTextAsync("\"cardNumber\": \"«redacted»\"");
        await Expect(state).ToContainTextAsync("\"apiKey\": \"«redacted»\"");
        await Expect(state).ToContainTextAsync("\"discardedAt\": null");
        var text = await state.TextContentAsync();
        Assert.DoesNotContain("4111111111111111", text);
        Assert.DoesNotContain("alice@example.com", text);
        Assert.DoesNotContain("sk-live-123", text);
        await Expect(page.Locator("#grain-timers tbody")).ToContainTextAsync("review");
        await Expect(page.Locator("#grain-calls tbody")).ToContainTextAsync("IProfileGrain.SaveAsync");
        await Chromium.ScreenshotAsync(page, "grain-lookup");
    }

    [Fact]
    public async Task A_read_only_user_cannot_deactivate_a_grain_and_an_operator_can()
    {
        var grainId = new GrainId("profile", "bob");
        await cluster.Cluster.Grains.GetGrain<IProfileGrain>("bob").SaveAsync(new ProfileState { Name = "Bob", Tier = "silver" });

        var viewer = await _chromium.NewPageAsync();
        await DashboardPage.SignInAsync(viewer, cluster.BaseAddress, DashboardCluster.Viewer, DashboardCluster.ViewerPassword);
        await DashboardPage.LookUpAsync(viewer, "profile", "bob");
        await Expect(viewer.Locator("#deactivate")).ToHaveCountAsync(0);
        var status = await viewer.EvaluateAsync<int>(
            "async () => (await fetch('/dashboard/api/grain/deactivate?type=profile&key=bob', { method: 'POST' })).status");
        Assert.Equal(403, status);
        Assert.Contains(cluster.Cluster.Silos, s => s.HasActivation(grainId));

        var operatorPage = await _chromium.NewPageAsync();
        await DashboardPage.SignInAsync(operatorPage, cluster.BaseAddress, DashboardCluster.Operator, DashboardCluster.OperatorPassword);
        await Expect(operatorPage.Locator("#user")).ToContainTextAsync("(operator)");
        await DashboardPage.LookUpAsync(operatorPage, "profile", "bob");
        operatorPage.Dialog += (_, dialog) => dialog.AcceptAsync();
        await operatorPage.Locator("#deactivate").ClickAsync();
        await Expect(operatorPage.Locator("#deactivate-result")).ToContainTextAsync("Deactivation started on");
        await Chromium.ScreenshotAsync(operatorPage, "operator-deactivated");
        await Eventually.TrueAsync(() => cluster.Cluster.Silos.All(s => !s.HasActivation(grainId)), "bob's activation is gone");
    }
}
