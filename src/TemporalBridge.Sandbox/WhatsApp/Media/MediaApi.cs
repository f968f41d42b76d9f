using Microsoft.AspNetCore.Http.HttpResults;
using TemporalBridge.Sandbox.Meta;
using TemporalBridge.Sandbox.WhatsApp.Graph;

namespace TemporalBridge.Sandbox.WhatsApp.Media;

/// <summary>
/// <c>GET /{media-id}</c> answers where a user's file can be downloaded for the next minutes; <c>GET</c> on that URL,
/// with the same bearer token, answers the bytes.
/// </summary>
public static class MediaApi
{
    /// <summary>Where download URLs point, under the emulator's root (Meta's are on lookaside.fbsbx.com).</summary>
    public const string DownloadPath = "/lookaside/whatsapp_business/attachments/";

    public static void MapGraphMedia(this RouteGroupBuilder graph) =>
        graph.MapGet("/{mediaId}", Lookup).WithMetadata(new GraphEndpoint(GraphOperations.MediaLookup));

    /// <summary>The download route sits outside the versioned Graph path, like Meta's CDN, but needs the same bearer.</summary>
    public static void MapMediaDownload(this RouteGroupBuilder emulator) =>
        emulator.MapGet(DownloadPath, Download)
            .AddEndpointFilter<GraphAuthFilter>()
            .WithMetadata(new GraphEndpoint(GraphOperations.MediaDownload));

    private static async Task<IResult> Lookup(
        string mediaId, string? phoneNumberId, string? fields, HttpRequest request, MediaStore media, GraphContextServices services, MetaLogins logins, CancellationToken aborted)
    {
        // Meta's media and phone numbers share GET /{id}: a business number's id answers the number's fields.
        if (services.Options.Value.Numbers().FirstOrDefault(n => n.PhoneNumberId == mediaId) is { } number)
        {
            return OnboardingGraphApi.PhoneNumber(number, fields, logins);
        }

        if (services.Faults.Take(f => f.Matches(GraphOperations.MediaLookup, phoneNumberId, null)) is { } fault)
        {
            if (fault.DelayMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), services.Time, aborted);
            }

            if (fault.Code is { } code)
            {
                services.Calls.Add(GraphOperations.MediaLookup, phoneNumberId, null, null, mediaId, GraphErrors.Get(code).HttpStatus, code, null);
                return GraphResults.Error(code);
            }

            if (fault.HttpStatus is { } status)
            {
                services.Calls.Add(GraphOperations.MediaLookup, phoneNumberId, null, null, mediaId, status, null, null);
                return TypedResults.Text("Service temporarily unavailable", "text/plain", statusCode: status);
            }
        }

        // With ?phone_number_id, Meta answers only for media of that number.
        if (media.Find(mediaId) is not { } stored || (phoneNumberId is not null && stored.PhoneNumberId != phoneNumberId))
        {
            services.Calls.Add(GraphOperations.MediaLookup, phoneNumberId, null, null, mediaId, StatusCodes.Status400BadRequest, GraphErrors.InvalidParameter, null);
            return GraphResults.UnknownObject(mediaId, "get");
        }

        var (token, expiresAt) = media.IssueDownload(stored);
        var emulatorRoot = $"{request.Scheme}://{request.Host}{request.PathBase}{WhatsAppEmulatorApi.Root}";
        var url = $"{emulatorRoot}{DownloadPath}?mid={stored.Id}&ext={expiresAt.ToUnixTimeSeconds()}&token={token}";
        services.Calls.Add(GraphOperations.MediaLookup, stored.PhoneNumberId, null, null, mediaId, StatusCodes.Status200OK, null, null);
        return TypedResults.Json(
            new MediaInfo("whatsapp", url, stored.MimeType, stored.Sha256Hex, stored.Bytes.LongLength, stored.Id), WhatsAppJsonContext.Default.MediaInfo);
    }

    private static Results<FileContentHttpResult, JsonHttpResult<GraphErrorBody>> Download(
        string? mid, string? token, MediaStore media, GraphCallLog calls)
    {
        if (mid is null || token is null || media.Redeem(mid, token) is not { } stored)
        {
            // An expired or forged URL: Meta's CDN refuses it; the bridge must look the media up again.
            calls.Add(GraphOperations.MediaDownload, null, null, null, mid, StatusCodes.Status404NotFound, GraphErrors.InvalidParameter, null);
            return TypedResults.Json(
                GraphErrors.Get(GraphErrors.InvalidParameter).ToBody("The media URL has expired or is not valid; look the media id up again."),
                WhatsAppJsonContext.Default.GraphErrorBody, statusCode: StatusCodes.Status404NotFound);
        }

        calls.Add(GraphOperations.MediaDownload, stored.PhoneNumberId, null, null, stored.Id, StatusCodes.Status200OK, null, null);
        return TypedResults.File(stored.Bytes, stored.MimeType);
    }
}
