using Microsoft.Playwright;
using TemporalBridge.Tests.Browser;
using TemporalBridge.Tests.Conversations;

namespace TemporalBridge.Tests.Sandbox;

/// <summary>What the browser tests of the sandbox's home page share.</summary>
internal static class SandboxHome
{
    /// <summary>How long a panel may take to show what crossed the wire: it redraws on the timeline's next event.</summary>
    public static readonly LocatorAssertionsToContainTextOptions Live = new() { Timeout = 15_000 };

    /// <summary>A new browser page on the sandbox's home page, against <paramref name="host"/>.</summary>
    public static async Task<IPage> OpenAsync(Chromium chromium, ConversationHost host)
    {
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(host.Host.SandboxUrl.ToString());
        return page;
    }
}
