using System.Text;
using TemporalBridge.Logging;

namespace TemporalBridge.Vcita;

// Wire types of vcita's platform API (/platform/v1): clients (contacts) and apps, as vcita/developers-hub publishes
// them (swagger/clients/legacy/legacy_v1_clients.json, swagger/apps/legacy/legacy_v1_apps.json). Its answers are
// {"data": {...}, "status": "OK"}: VcitaHttpHandler unwraps the data.

/// <summary>The <c>data</c> of <c>GET /clients?search_term=…&amp;search_by=phone</c> (paths./clients.get.responses.200.examples).</summary>
public sealed record VcitaClientsData(IReadOnlyList<VcitaClient> Clients);

/// <summary>The <c>data</c> of <c>POST /clients</c> (paths./clients.post.responses.201.examples); its <c>token</c> (for the
/// client's own portal) is not read.</summary>
public sealed record VcitaClientData(VcitaClient Client);

/// <summary>
/// A vcita client (contact). Its <see cref="Id"/> is the <c>contact_uid</c> sessions need. Printed with the phone
/// masked and without names: they identify a person.
/// </summary>
public sealed record VcitaClient(string Id, string? MobilePhone = null, string? FirstName = null, string? LastName = null)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", MobilePhone = ").Append(PhoneNumberMask.Mask(MobilePhone));
        return true;
    }
}

/// <summary><c>POST /clients</c> (paths./clients.post.parameters[0]: only first_name is required). Printed like
/// <see cref="VcitaClient"/>. <paramref name="Phone"/> is left out for a messaging user known only by a username.</summary>
public sealed record VcitaCreateClientRequest(string FirstName, string LastName, string? Phone, string? SourceChannel = null)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Phone = ").Append(PhoneNumberMask.Mask(Phone)).Append(", SourceChannel = ").Append(SourceChannel);
        return true;
    }
}

/// <summary>
/// <c>POST /apps</c> (the seed's Step 1), with a directory token (paths./apps.post.parameters[0]).
/// <paramref name="ApiUri"/> is the base URL vcita calls (the seed's <c>app_uri</c>); <paramref name="UrlParams"/>
/// names what vcita adds to the app's URLs (<c>business_uid</c>). The spec also marks <c>app_code_name</c> required
/// and types <c>trusted</c> as a string, but vcita's own verified tests create apps with neither
/// (api-validation/workflows/apps/post_platform_v1_apps.md, post_oauth_service_token.md): the bridge sends neither,
/// so vcita names the app and shows its consent screen.
/// </summary>
public sealed record VcitaCreateAppRequest(
    string Name,
    IReadOnlyList<string> AppType,
    IReadOnlyList<string> UrlParams,
    string RedirectUri,
    string ApiUri);

/// <summary>The <c>data</c> of <c>POST /apps</c> (paths./apps.post.responses.201.examples). The secret cannot be read
/// again from vcita: store it at once.</summary>
public sealed record VcitaAppData(string AppId, string AppCodeName, string ClientId, string ClientSecret)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AppId = ").Append(AppId).Append(", AppCodeName = ").Append(AppCodeName)
            .Append(", ClientId = ").Append(ClientId).Append(", ClientSecret = [redacted]");
        return true;
    }
}
