using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TemporalBridge.Sandbox.Vcita.OAuth;

namespace TemporalBridge.Sandbox.Vcita.Platform;

/// <summary>
/// vcita's clients (contacts) of the business a business token acts for (vcita/developers-hub
/// swagger/clients/legacy/legacy_v1_clients.json paths./clients): search, create. Answers in the platform envelope,
/// <c>{"data": {...}, "status": "OK"}</c> (paths./clients.get.responses.200.examples, paths./clients.post.responses.201.examples).
/// </summary>
public static class ClientsApi
{
    public static void MapClients(this RouteGroupBuilder platform)
    {
        var clients = platform.MapGroup("/clients").RequireToken(TokenKind.Business);

        clients.MapGet("/", SearchClients).Emulates(VcitaEndpoints.ClientsSearch);
        clients.MapPost("/", CreateClient).Emulates(VcitaEndpoints.ClientsCreate).Validates<CreateClientRequest>();
    }

    /// <summary>
    /// Both parameters are optional (parameters[0..1]); without a search term every client of the business is listed.
    /// <c>search_by</c> is one of email, uid, phone, updated_at; the emulator searches phones (by their digits),
    /// emails and uids, and answers no match for updated_at, which needs the updated_at range it does not emulate.
    /// </summary>
    private static Results<Ok<PlatformSuccess<ClientsData>>, JsonHttpResult<PlatformFailure>> SearchClients(
        [FromQuery(Name = "search_term")] string? searchTerm, [FromQuery(Name = "search_by")] string? searchBy, HttpContext http, ClientDirectory directory)
    {
        if (searchBy is not null && !VcitaRules.ClientSearchFields.Contains(searchBy))
        {
            return PlatformResults.Unprocessable($"search_by must be one of {string.Join(", ", VcitaRules.ClientSearchFields)}");
        }

        var found = directory.Search(http.Token().BusinessUid!, searchTerm, searchBy);
        return PlatformResults.Ok(new ClientsData([.. found.Select(c => c.ToView())]));
    }

    private static Created<PlatformSuccess<ClientData>> CreateClient(CreateClientRequest? body, HttpContext http, ClientDirectory directory)
    {
        var client = directory.Add(http.Token().BusinessUid!, body!);
        // The answer carries a token for the client's own portal (its example's "token"); the emulator's is opaque.
        return PlatformResults.Created(new ClientData(client.ToView(), Uids.Secret("client")));
    }
}

/// <summary>
/// <c>POST /clients</c> (paths./clients.post.parameters[0].schema): only <c>first_name</c> is required; a phone is
/// optional, which a messaging user known only by a username (WhatsApp's business-scoped ids) needs.
/// </summary>
public sealed record CreateClientRequest(string? FirstName, string? LastName, string? Phone, string? Email, string? SourceChannel)
    : IPlatformRequest
{
    private static readonly HashSet<string> OtherDocumentedFields =
    [
        "address", "custom_field1", "custom_field2", "custom_field3", "opt_in", "opt_in_transactional_sms", "source_campaign",
        "source_name", "source_url", "staff_id", "status", "tags",
    ];

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Others { get; set; }

    public IDictionary<string, JsonElement>? Undocumented =>
        Others?.Where(entry => !OtherDocumentedFields.Contains(entry.Key)).ToDictionary();

    public void Validate(VcitaValidation check) => check.Required("first_name", FirstName);
}

/// <summary>A client as the examples show one (paths./clients.get.responses.200.examples): its <c>id</c> is the
/// <c>contact_uid</c> sessions take.</summary>
public sealed record ClientView(
    string Id, string BusinessUid, string FirstName, string? LastName, string? MobilePhone, string? Email, string? Channel);

public sealed record ClientsData(IReadOnlyList<ClientView> Clients);

public sealed record ClientData(ClientView Client, string Token);
