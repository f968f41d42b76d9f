using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TemporalBridge.Sandbox.Vcita.OAuth;

namespace TemporalBridge.Sandbox.Vcita.Platform;

/// <summary>vcita's clients (contacts) of the business a business token acts for: search by phone, create.</summary>
public static class ClientsApi
{
    public static void MapClients(this RouteGroupBuilder platform)
    {
        var clients = platform.MapGroup("/clients").RequireToken(TokenKind.Business);

        clients.MapGet("/", SearchClients).Emulates(VcitaEndpoints.ClientsSearch);
        clients.MapPost("/", CreateClient).Emulates(VcitaEndpoints.ClientsCreate).Validates<CreateClientRequest>();
    }

    private static Results<Ok<VcitaSuccess<ClientsData>>, JsonHttpResult<VcitaFailure>> SearchClients(
        [FromQuery(Name = "search_term")] string? searchTerm, [FromQuery(Name = "search_by")] string? searchBy, HttpContext http, ClientDirectory directory)
    {
        if (string.IsNullOrWhiteSpace(searchTerm))
        {
            return VcitaResults.Unprocessable(VcitaErrorCodes.MissingField, "search_term is required");
        }

        if (searchBy is not null && searchBy != "phone")
        {
            return VcitaResults.Unprocessable(VcitaErrorCodes.Invalid, $"search_by is invalid: '{searchBy}' is not one of phone");
        }

        var found = directory.FindByPhone(http.Token().BusinessUid!, searchTerm);
        return VcitaResults.Ok(new ClientsData([.. found.Select(c => c.ToView())]));
    }

    private static Created<VcitaSuccess<ClientData>> CreateClient(CreateClientRequest? body, HttpContext http, ClientDirectory directory)
    {
        var client = directory.Add(http.Token().BusinessUid!, body!);
        return VcitaResults.Created(new ClientData(client.ToView()));
    }
}

public sealed record CreateClientRequest(string? FirstName, string? LastName, string? Phone, string? Email, string? SourceChannel)
    : IVcitaRequest
{
    public void Validate(VcitaValidation check)
    {
        // A phone is optional: a messaging user known only by a username (WhatsApp's business-scoped ids) has none.
        check.Required("first_name", FirstName);
    }
}

public sealed record ClientView(
    string Id, string BusinessUid, string FirstName, string? LastName, string? MobilePhone, string? Email, string? SourceChannel);

public sealed record ClientsData(IReadOnlyList<ClientView> Clients);

public sealed record ClientData(ClientView Client);
