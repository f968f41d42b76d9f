using System.Text;
using System.Text.Encodings.Web;
using TemporalBridge.Providers;

namespace TemporalBridge.Connect;

/// <summary>
/// The connect page's HTML: the business, its channels (filled in by the script, which keeps them live), and one
/// section per provider with the button that opens Meta's dialog. Everything the script needs is in data attributes;
/// the page runs no inline script, and its Content-Security-Policy allows scripts from here and Meta's SDK only.
/// </summary>
public static class ConnectPage
{
    public static void SetHeaders(HttpContext http, ConnectOptions options)
    {
        var sdk = new Uri(options.SdkUrl).GetLeftPart(UriPartial.Authority);
        var dialogs = string.Join(' ', options.DialogOriginList);
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'self' {sdk}; frame-src {dialogs}; connect-src 'self' {sdk} {dialogs}; " +
            "img-src 'self' data:; style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "same-origin";
        headers.XContentTypeOptions = "nosniff";
    }

    public static string Render(ConnectSession session, AccountConnectors connectors, ConnectOptions options)
    {
        var html = HtmlEncoder.Default;
        var page = new StringBuilder();
        page.Append($$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Connect your channels — TemporalBridge</title>
            <link rel="stylesheet" href="{{html.Encode(ConnectAssets.Url("connect.css"))}}">
            </head>
            <body data-csrf="{{html.Encode(session.Csrf)}}" data-sdk-url="{{html.Encode(options.SdkUrl)}}"
              data-sdk-version="{{html.Encode(options.SdkVersion)}}" data-dialog-origins="{{html.Encode(options.DialogOrigins)}}">
            <header>
            <h1>Connect your channels</h1>
            <p>vcita business <strong>{{html.Encode(session.BusinessUid)}}</strong>
              <button type="button" id="sign-out" class="link">Sign out</button></p>
            </header>
            <main>
            <div id="notice" role="status" aria-live="polite"></div>
            <div id="problem" role="alert" hidden></div>
            <section aria-labelledby="channels-heading">
            <h2 id="channels-heading">Your channels</h2>
            <p id="channels-empty" hidden>No channel is connected yet.</p>
            <table id="channels" hidden>
            <thead><tr><th scope="col">Channel</th><th scope="col">Account</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody></tbody>
            </table>
            </section>
            """);
        foreach (var connector in connectors.All)
        {
            var title = ProviderNames.Title(connector.Provider);
            page.Append($"""
                <section class="provider" aria-labelledby="{connector.Provider}-heading" data-provider="{connector.Provider}" data-flow="{connector.Flow}"
                """);
            if (connector.Dialog is { } dialog)
            {
                page.Append($"""
                     data-app-id="{html.Encode(dialog.AppId)}" data-config-id="{html.Encode(dialog.ConfigId)}">
                    <h2 id="{connector.Provider}-heading">{title}</h2>
                    <p>{html.Encode(connector.Explanation)}</p>
                    <button type="button" class="connect" data-provider="{connector.Provider}">Connect a {html.Encode(connector.AccountNoun)}</button>
                    """);
                if (connector.Flow == ConnectFlow.PickedAfterLogin)
                {
                    page.Append($"""
                        <form class="picker" data-provider="{connector.Provider}" hidden>
                        <fieldset><legend>Choose the {html.Encode(connector.AccountNoun)}s to connect</legend><div class="choices"></div></fieldset>
                        <button type="submit">Connect the chosen {html.Encode(connector.AccountNoun)}s</button>
                        </form>
                        """);
                }
            }
            else
            {
                page.Append($"""
                    >
                    <h2 id="{connector.Provider}-heading">{title}</h2>
                    <p>This bridge is not set up for connecting {title} accounts yet; its operator can connect them for you.</p>
                    """);
            }
            page.Append("</section>\n");
        }
        page.Append($$"""
            </main>
            <script src="{{html.Encode(ConnectAssets.Url("connect.js"))}}"></script>
            </body>
            </html>
            """);
        return page.ToString();
    }
}
