using Microsoft.Playwright;

namespace TemporalBridge.Tests.Sandbox;

/// <summary>The README's pictures of the sandbox's home page, rewritten by the browser tests when
/// <c>SANDBOX_SCREENSHOTS=1</c>.</summary>
internal static class SandboxScreenshots
{
    /// <summary>The smallest rectangle holding the sections of these headings, in page coordinates (the browser's
    /// boxes are measured from the scrolled viewport).</summary>
    private const string SectionsScript = """
        ids => {
          const boxes = ids.map((id) => document.getElementById(id).closest('section').getBoundingClientRect());
          const left = Math.min(...boxes.map((b) => b.left));
          const top = Math.min(...boxes.map((b) => b.top));
          const right = Math.max(...boxes.map((b) => b.right));
          const bottom = Math.max(...boxes.map((b) => b.bottom));
          return [left + window.scrollX, top + window.scrollY, right - left, bottom - top];
        }
        """;

    /// <summary>Writes <c>docs/images/{name}.png</c>: the sections whose headings have these ids (a client's phone and
    /// vcita's side are next to each other on the page).</summary>
    public static async Task WriteAsync(IPage page, string name, params string[] headingIds)
    {
        if (Environment.GetEnvironmentVariable("SANDBOX_SCREENSHOTS") != "1")
        {
            return;
        }
        var box = await page.EvaluateAsync<float[]>(SectionsScript, headingIds);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = RepositoryFiles.PathOf($"docs/images/{name}.png"),
            FullPage = true,
            Clip = new Clip { X = box[0], Y = box[1], Width = box[2], Height = box[3] },
        });
    }
}
