using System.Text;
using TemporalBridge.Logging;

namespace TemporalBridge.Vcita;

// Wire types of vcita's platform API (/platform/v1): clients (contacts) and apps.

/// <summary>The <c>data</c> of <c>GET /clients?search_term=…&amp;search_by=phone</c>.</summary>
public sealed record VcitaClientsData(IReadOnlyList<VcitaClient> Clients);

/// <summary>The <c>data</c> of <c>POST /clients</c>.</summary>
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

/// <summary><c>POST /clients</c>. Printed like <see cref="VcitaClient"/>. <paramref name="Phone"/> is left out for a
/// messaging user known only by a username.</summary>
public sealed record VcitaCreateClientRequest(string FirstName, string LastName, string? Phone, string? SourceChannel = null)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Phone = ").Append(PhoneNumberMask.Mask(Phone)).Append(", SourceChannel = ").Append(SourceChannel);
        return true;
    }
}

/// <summary>
/// <c>POST /apps</c> (the seed's Step 1), with a directory token. <paramref name="ApiUri"/> is the base URL vcita
/// calls (the seed's <c>app_uri</c>). Assumption: <c>url_params</c> is a list of parameter names such as
/// <c>business_uid</c> that vcita adds to the redirect.
/// </summary>
public sealed record VcitaCreateAppRequest(
    string Name,
    IReadOnlyList<string> AppType,
    bool Trusted,
    IReadOnlyList<string> UrlParams,
    string RedirectUri,
    string ApiUri);

/// <summary>The <c>data</c> of <c>POST /apps</c>. The secret cannot be read again from vcita: store it at once.</summary>
public sealed record VcitaAppData(string AppId, string AppCodeName, string ClientId, string ClientSecret)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AppId = ").Append(AppId).Append(", AppCodeName = ").Append(AppCodeName)
            .Append(", ClientId = ").Append(ClientId).Append(", ClientSecret = [redacted]");
        return true;
    }
}
