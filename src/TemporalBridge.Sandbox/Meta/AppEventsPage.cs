using System.Text.Encodings.Web;
using System.Text.Json;
using TemporalBridge.Sandbox.WhatsApp.Control;

namespace TemporalBridge.Sandbox.Meta;

/// <summary>
/// <c>/meta-emulator/app-events</c>: buttons for what Meta tells the bridge on its own — a person removing an app or
/// asking for their data to be deleted, and account updates about the WhatsApp Business Account — each a plain form
/// POST, answered with the page again saying what the bridge answered. The sandbox's own page, not Meta's.
/// </summary>
public static class AppEventsPage
{
    public const string Path = "/app-events";

    private static readonly (string Action, string Label)[] Buttons =
    [
        ("deauthorize:whatsapp", "The person removes the WhatsApp app"),
        ("deauthorize:messenger", "The person removes the Messenger app"),
        ("data-deletion:whatsapp", "The person asks Meta to delete their data (WhatsApp app)"),
        ("data-deletion:messenger", "The person asks Meta to delete their data (Messenger app)"),
        ("account-update:PARTNER_APP_UNINSTALLED", "The business uninstalls the app from its WhatsApp Business Account"),
        ("account-update:PARTNER_REMOVED", "The business removes the partner from its WhatsApp Business Account"),
        ("account-update:ACCOUNT_DELETED", "Meta deletes the WhatsApp Business Account"),
        ("account-update:DISABLED_UPDATE", "Meta disables (bans) the WhatsApp Business Account"),
    ];

    public static void MapAppEventsPage(this RouteGroupBuilder meta)
    {
        meta.MapGet(Path, () => Page(null));
        meta.MapPost(Path, FireAsync).DisableAntiforgery();
    }

    private static async Task<IResult> FireAsync(HttpRequest request, AppRemovalCalls removals, ControlWebhooks webhooks, CancellationToken aborted)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(aborted) : null;
        var action = form?["action"].ToString() ?? "";
        if (!Buttons.Any(b => b.Action == action))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["action"] = [$"must be one of {string.Join(", ", Buttons.Select(b => b.Action))}"] });
        }
        var (kind, argument) = (action.Split(':')[0], action.Split(':')[1]);
        var outcome = kind switch
        {
            "deauthorize" => Describe(await removals.DeauthorizeAsync(argument, aborted)),
            "data-deletion" => Describe(await removals.DataDeletionAsync(argument, aborted)),
            _ => Describe((await webhooks.SendAccountUpdateAsync(argument, aborted)).Posts[0].StatusCode, null),
        };
        return Page($"{Buttons.Single(b => b.Action == action).Label}: {outcome.Text}", outcome.Link);
    }

    private static (string Text, string? Link) Describe(AppRemovalAnswer answer)
    {
        string? link = null;
        if (answer is { StatusCode: 200, Body: { } body })
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                link = json.RootElement.TryGetProperty("url", out var url) ? url.GetString() : null;
            }
            catch (JsonException)
            {
                // Not the deletion answer: nothing to link.
            }
        }
        return Describe(answer.StatusCode, link);
    }

    private static (string Text, string? Link) Describe(int? status, string? link) =>
        (status is { } code ? $"the bridge answered {code}." : "the bridge did not answer.", link);

    private static IResult Page(string? outcome, string? link = null)
    {
        var html = HtmlEncoder.Default;
        var buttons = string.Join("\n", Buttons.Select(b =>
            $"<li><button type=\"submit\" name=\"action\" value=\"{html.Encode(b.Action)}\">{html.Encode(b.Label)}</button></li>"));
        var status = outcome is null
            ? ""
            : $"<p role=\"status\">{html.Encode(outcome)}{(link is null ? "" : $" <a href=\"{html.Encode(link)}\">Where the deletion stands</a>")}</p>";
        return TypedResults.Content($$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sandbox: what Meta tells the bridge</title>
            <style>body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:44rem}ul{list-style:none;padding:0}li{margin:.4rem 0}button{font:inherit;padding:.4rem .8rem}</style>
            </head>
            <body>
            <h1>What Meta tells the bridge</h1>
            <p>Each button does what Meta does when it happens: the person's tokens end, and the bridge's callback or webhook is called, signed with the app's secret.</p>
            {{status}}
            <form method="post">
            <ul>
            {{buttons}}
            </ul>
            </form>
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }
}
