namespace TemporalBridge.Sandbox.Home;

/// <summary>
/// The sandbox's pages: static files from <c>wwwroot</c> (no build step, nothing fetched from the internet), the home
/// page at <c>/</c>. Pages run only their own scripts and talk only to the sandbox, which their
/// Content-Security-Policy says.
/// </summary>
public static class SandboxPages
{
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
        "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSandboxPages(this IApplicationBuilder app) => app
        .UseDefaultFiles()
        .UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                // Revalidated on every load: a sandbox rebuilt with new pages is seen at once.
                headers.CacheControl = "no-cache";
                headers.XContentTypeOptions = "nosniff";
                if (file.File.Name.EndsWith(".html", StringComparison.Ordinal))
                {
                    headers.ContentSecurityPolicy = Policy;
                }
            },
        });
}
