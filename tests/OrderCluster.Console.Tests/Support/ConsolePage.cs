using static Microsoft.Playwright.Assertions;

namespace OrderCluster.Console.Tests.Support;

/// <summary>What every console test does first: sign in as one of <see cref="ConsoleCluster.Users"/>; and keep screenshots.</summary>
public static class ConsolePage
{
    public static readonly LocatorAssertionsToBeVisibleOptions LongWait = new() { Timeout = 60_000 };

    /// <summary>Opens the console, signs in, and waits for the orders view (the landing page) and the signed-in user's name.</summary>
    public static async Task SignInAsync(IPage page, Uri baseAddress, string username, string tenant = ConsoleCluster.Tenant, string password = ConsoleCluster.Password)
    {
        await page.GotoAsync(new Uri(baseAddress, "/console/").ToString(), new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await Expect(page.Locator("#signin-tenant")).ToBeVisibleAsync(LongWait);
        await page.Locator("#signin-tenant").FillAsync(tenant);
        await page.Locator("#signin-user").FillAsync(username);
        await page.Locator("#signin-password").FillAsync(password);
        await page.Locator("#signin-submit").ClickAsync();
        await Expect(page.Locator("#who-name")).ToContainTextAsync(username, new() { Timeout = 60_000 });
    }

    /// <summary>A full-page screenshot kept under the test output's <c>screenshots/</c> folder.</summary>
    public static Task<string> ScreenshotAsync(IPage page, string name) => Chromium.ScreenshotAsync(page, "console-" + name);
}
