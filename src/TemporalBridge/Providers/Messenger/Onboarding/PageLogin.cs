using Microsoft.Extensions.Options;
using TemporalBridge.Admin;
using TemporalBridge.Channels;
using TemporalBridge.Connect;
using TemporalBridge.Privacy;
using TemporalBridge.Providers.Meta.Onboarding;

namespace TemporalBridge.Providers.Messenger.Onboarding;

/// <summary>A Page the person manages, as the picker shows it: whether it is connected here already, or elsewhere.</summary>
public sealed record PickablePage(string Id, string Name, string? Connected);

/// <summary>The Pages to pick from, and the sealed ticket that names, for the second step, whose they are.</summary>
public sealed record PagePicker(string Ticket, IReadOnlyList<PickablePage> Pages);

/// <summary>
/// Connects the Facebook Pages a business picks after Facebook Login for Business
/// (developers.facebook.com/docs/facebook-login/facebook-login-for-business), in two steps. First the person's
/// short-lived token is exchanged for a long-lived one and their Pages are listed; the long-lived token goes back to
/// the browser only sealed in a ticket (<see cref="SealedValues"/>) it can neither read nor use elsewhere. Then, for the
/// Pages picked, the app is subscribed to each Page's messaging fields and one channel per Page starts with its Page
/// token. Every Page picked is checked before anything changes; picking a connected Page again reconnects it.
/// </summary>
public sealed partial class PageLogin(
    IHttpClientFactory httpClients,
    IOptions<MessengerOptions> options,
    ChannelConnections channels,
    SealedValues sealedValues,
    ILogger<PageLogin> logger)
{
    private const string Provider = ProviderNames.Messenger;
    private const string TicketPurpose = "page-picker";
    private static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(15);

    /// <summary>The Page webhook fields the bridge reads (Messenger's webhook reference), subscribed for each Page.</summary>
    public const string SubscribedFields = "messages,message_echoes,message_deliveries,message_reads,message_reactions,messaging_postbacks";

    public async Task<(PagePicker? Picker, ConnectFailure? Failure)> ListAsync(string businessUid, string userToken, CancellationToken cancellationToken)
    {
        var app = MessengerConnector.App(options.Value);
        if (!app.IsConfigured)
        {
            return (null, ConnectFailure.NotConfigured(Provider, "Messenger__AppId", "Messenger__AppSecret"));
        }
        var meta = MetaOnboardingClients.Create(httpClients, Provider);
        string longLived;
        TokenDebug grant;
        IReadOnlyList<ManagedPage> pages;
        try
        {
            longLived = (await meta.ExtendUserTokenAsync(app.AppId, app.AppSecret, userToken, cancellationToken: cancellationToken)).AccessToken;
            grant = (await meta.DebugTokenAsync(longLived, cancellationToken: cancellationToken)).Data;
            pages = (await meta.ListPagesAsync(longLived, cancellationToken: cancellationToken)).Data;
        }
        catch (ProviderApiException e)
        {
            return (null, Failed("Facebook login", e, "Log in with Facebook again.", "access_token"));
        }
        if (!grant.IsValid || grant.AppId != app.AppId)
        {
            return (null, new ConnectFailure(StatusCodes.Status400BadRequest, "Facebook's token is not for this app",
                "The login was not made for this bridge's app. Log in with Facebook again from this page.", "access_token"));
        }

        var pickable = new List<PickablePage>();
        foreach (var page in pages)
        {
            var owner = await channels.OwnerAsync(Provider, page.Id, cancellationToken);
            pickable.Add(new PickablePage(page.Id, page.Name, owner is null ? null : owner == businessUid ? "here" : "elsewhere"));
        }
        var ticket = sealedValues.Seal(TicketPurpose, $"{businessUid} {grant.UserId} {longLived}", TicketLifetime);
        return (new PagePicker(ticket, pickable), null);
    }

    public async Task<(IReadOnlyList<ChannelConnection>? Connected, ConnectFailure? Failure)> ConnectAsync(
        string businessUid, string ticket, IReadOnlyList<string> pageIds, CancellationToken cancellationToken)
    {
        if (sealedValues.Open(TicketPurpose, ticket)?.Split(' ', 3) is not [var ticketBusiness, var userId, var userToken] || ticketBusiness != businessUid)
        {
            return (null, new ConnectFailure(StatusCodes.Status400BadRequest, "The list of Pages has expired",
                $"The Pages were listed more than {TicketLifetime.TotalMinutes:0} minutes ago, or for another sign-in. Log in with Facebook again.", "ticket"));
        }
        var meta = MetaOnboardingClients.Create(httpClients, Provider);
        IReadOnlyList<ManagedPage> pages;
        try
        {
            pages = (await meta.ListPagesAsync(userToken, cancellationToken: cancellationToken)).Data;
        }
        catch (ProviderApiException e)
        {
            return (null, Failed("Page list", e, "Log in with Facebook again.", "ticket"));
        }

        var picked = new List<ManagedPage>();
        foreach (var id in pageIds.Distinct(StringComparer.Ordinal))
        {
            if (pages.FirstOrDefault(p => p.Id == id) is not { AccessToken.Length: > 0 } page)
            {
                return (null, new ConnectFailure(StatusCodes.Status400BadRequest, "Not a Page you manage",
                    $"Page {id} is not among the Pages this Facebook login manages. Pick from the list.", "page_ids"));
            }
            var owner = await channels.OwnerAsync(Provider, id, cancellationToken);
            if (owner is not null && owner != businessUid)
            {
                return (null, ConnectFailure.ConnectedElsewhere(Provider, "page_ids"));
            }
            picked.Add(page);
        }

        var connected = new List<ChannelConnection>();
        foreach (var page in picked)
        {
            try
            {
                await meta.SubscribeAsync(page.Id, SubscribedFields, page.AccessToken!, cancellationToken);
            }
            catch (ProviderApiException e)
            {
                return (null, Failed("Page subscription", e,
                    $"{(connected.Count > 0 ? $"The {connected.Count} Page(s) before it were connected. " : "")}Check that you are an admin of the Page, then connect it again.", "page_ids"));
            }
            var input = new ChannelInput(businessUid, Provider, page.Id, page.Name.Trim())
            {
                Credentials = new ProviderCredentials(page.AccessToken!)
                {
                    Subscribed = true,
                    ConnectedBy = userId.Length > 0 ? ConnectedByPseudonym.Of(userId) : null,
                },
            };
            var result = await channels.ConnectAsync(input, cancellationToken);
            if (result.Connection is null)
            {
                return (null, ConnectFailure.ConnectedElsewhere(Provider, "page_ids"));
            }
            LogConnected(logger, businessUid, page.Id);
            connected.Add(result.Connection);
        }
        return (connected, null);
    }

    private ConnectFailure Failed(string step, ProviderApiException e, string todo, string field)
    {
        LogStepFailed(logger, step, e.Code, e.Kind);
        return ConnectFailure.Meta(step, e, todo, field);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Business {BusinessUid} connected Facebook Page {PageId} through Facebook Login")]
    private static partial void LogConnected(ILogger logger, string businessUid, string pageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connecting a Facebook Page failed at the {Step} step: Meta {Code} ({Kind})")]
    private static partial void LogStepFailed(ILogger logger, string step, string code, ProviderFailure kind);
}
