namespace TemporalBridge.Telemetry;

/// <summary>
/// Outgoing requests whose URL names a person (Messenger's profile call: <c>GET /{psid}</c>). The HttpClient's traces
/// record the URL's path, so such requests are left out of them, as they are out of the logs.
/// </summary>
public static class PersonalRequests
{
    /// <summary>The request option a Refit call sets (a <c>[Property]</c> parameter) to say its URL names a person.</summary>
    public const string Option = "TemporalBridge.PersonalRequest";

    public static bool IsPersonal(HttpRequestMessage request) =>
        ((IDictionary<string, object?>)request.Options).TryGetValue(Option, out var personal) && personal is true;
}
