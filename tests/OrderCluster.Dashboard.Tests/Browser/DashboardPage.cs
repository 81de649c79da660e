using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrderCluster.Dashboard.Tests.Browser;

/// <summary>What a person does on the dashboard: sign in, open a tab, look a grain up.</summary>
internal static class DashboardPage
{
    public static readonly LocatorAssertionsToHaveCountOptions LongWait = new() { Timeout = 60_000 };

    public static async Task SignInAsync(IPage page, Uri baseAddress, string user, string password)
    {
        await page.GotoAsync(new Uri(baseAddress, "/dashboard/").ToString());
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Wait only for the page to show the user (the locator is polled across the redirect): waiting for the URL's
        // load state as well timed out once on a machine busy with other test assemblies.
        await Expect(page.Locator("#user")).ToContainTextAsync(user, new() { Timeout = 120_000 });
    }

    public static async Task LookUpAsync(IPage page, string grainType, string key)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "Grains" }).ClickAsync();
        await page.Locator("#lookup-type").SelectOptionAsync(grainType);
        await page.GetByLabel("Key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
        await Expect(page.Locator("#grain-result")).ToBeVisibleAsync();
    }
}
