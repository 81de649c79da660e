using Microsoft.Playwright;
using Xunit;

namespace OrderCluster.Testing.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser): headless, a fresh profile per context, the flags that keep it
/// off the network. Screenshots go under the test output folder (<c>bin/.../screenshots</c>), never into the source tree.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly List<IBrowserContext> _contexts = [];
    private IPlaywright? _playwright;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync() => _playwright = await Playwright.CreateAsync();

    /// <summary>A new browser with a fresh, empty profile (no cookies).</summary>
    public async Task<IPage> NewPageAsync()
    {
        var profile = Path.Combine(AppContext.BaseDirectory, "chromium-profiles", Guid.NewGuid().ToString("N"));
        var context = await _playwright!.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        lock (_contexts) _contexts.Add(context);
        return context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
    }

    /// <summary>Saves a full-page screenshot as a test artifact; returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
        _playwright?.Dispose();
    }
}
