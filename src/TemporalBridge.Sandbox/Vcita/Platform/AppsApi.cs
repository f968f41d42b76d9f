using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using TemporalBridge.Sandbox.Vcita.OAuth;

namespace TemporalBridge.Sandbox.Vcita.Platform;

/// <summary><c>POST /platform/v1/apps</c>: creating a communication app with a directory token (the seed's Step 1).</summary>
public static class AppsApi
{
    public static void MapApps(this RouteGroupBuilder platform) =>
        platform.MapPost("/apps", CreateApp)
            .Emulates(VcitaEndpoints.AppsCreate)
            .AddEndpointFilter<DirectoryTokenFilter>()
            .Validates<CreateAppRequest>();

    private static Created<VcitaSuccess<AppCredentials>> CreateApp(CreateAppRequest? body, AppRegistry apps)
    {
        var app = apps.Register(body!.Name!, new Uri(body.ApiUri!), body.RedirectUri, body.Trusted ?? false, body.UrlParams);
        return VcitaResults.Created(new AppCredentials(app.AppId, app.AppCodeName, app.ClientId, app.ClientSecret));
    }
}

public sealed record CreateAppRequest(
    string? Name, IReadOnlyList<string>? AppType, bool? Trusted, JsonElement? UrlParams, string? RedirectUri, string? ApiUri)
    : IVcitaRequest
{
    public void Validate(VcitaValidation check)
    {
        check.Required("name", Name);
        if (AppType is null || AppType.Count == 0)
        {
            check.Fail(VcitaErrorCodes.MissingField, "app_type is required");
        }
        else
        {
            foreach (var type in AppType)
            {
                check.OneOf("app_type", type, VcitaRules.AppTypes);
            }
        }

        check.HttpUrl("api_uri", ApiUri);
        if (RedirectUri is not null && !VcitaRules.IsHttpUrl(RedirectUri))
        {
            check.Fail(VcitaErrorCodes.Invalid, "redirect_uri is invalid: it must be an absolute http(s) URL");
        }
    }
}

/// <summary>The app's credentials; vcita shows the secret only in this answer.</summary>
public sealed record AppCredentials(string AppId, string AppCodeName, string ClientId, string ClientSecret);
