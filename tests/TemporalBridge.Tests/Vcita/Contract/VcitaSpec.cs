namespace TemporalBridge.Tests.Vcita.Contract;

/// <summary>A JSON value's kind, as a spec names a field's type.</summary>
public enum JsonKind
{
    String,
    Boolean,
    Integer,
    Object,
    StringArray,
    ObjectArray,
}

/// <summary>
/// One field of a request or an answer. <paramref name="Path"/> is dotted from the body (<c>data.channel.uid</c>);
/// <c>[]</c> steps into each item of an array (<c>data.sessions[].uid</c>). An object the spec names without its fields
/// must be empty, unless <paramref name="Opaque"/>: the spec leaves its content open (untyped objects).
/// </summary>
public sealed record SpecField(string Path, JsonKind Kind, bool Required = false, IReadOnlyList<string>? OneOf = null, bool Opaque = false);

/// <summary>
/// One vcita call the bridge makes, as vcita publishes it in vcita/developers-hub: what its request may and must
/// hold, and an answer it gives, written by hand from the spec (never from the bridge or its emulator), so a test
/// that holds either of them against this fails when both drift away from vcita together.
/// </summary>
/// <param name="Source">Where vcita publishes it: file and path in the spec, or vcita's own API test.</param>
/// <param name="Body">Every field the request body may carry; an empty list is a call without a body.</param>
/// <param name="Query">Every query parameter the call may carry.</param>
/// <param name="Answer">The fields the answer documents. With <paramref name="ExactAnswer"/>, nothing else may be
/// there (at the paths given): what the emulator answers is held to that.</param>
/// <param name="Example">A success answer vcita publishes (or, where it publishes none, the one its schema implies).</param>
public sealed record SpecCall(
    string Method,
    string Path,
    string Source,
    IReadOnlyList<SpecField> Body,
    IReadOnlyList<SpecField> Query,
    int Status,
    IReadOnlyList<SpecField> Answer,
    bool ExactAnswer,
    string Example)
{
    public string Name => $"{Method} {Path}";

    public override string ToString() => Name;
}

/// <summary>The calls, by the name tests use (<c>"POST /business/communication/channels"</c>).</summary>
public static class VcitaSpec
{
    private const string Communication = "swagger/communication/legacy/communication.json";
    private const string Platform = "vcita/developers-hub swagger/";

    private static readonly string[] ChannelStatuses = ["pending", "active", "inactive", "deleted", "blocked", "error"];
    private static readonly string[] SessionStatuses = ["pending", "inactive", "active", "deleted", "failed"];
    private static readonly string[] AiStatuses = ["none", "ai_intercepted", "ai_released"];
    private static readonly string[] MessageStatuses = ["pending", "channel_pending", "sent", "received", "read", "error", "unavailable"];

    /// <summary>definitions.BaseDto, the <c>data</c> of calls that return nothing.</summary>
    private static readonly SpecField[] Nothing = [new("success", JsonKind.Boolean, Required: true), new("data", JsonKind.Object, Required: true)];

    private static readonly SpecField[] Session =
    [
        new("uid", JsonKind.String, Required: true),
        new("status", JsonKind.String, Required: true, SessionStatuses),
        new("ai_status", JsonKind.String, Required: true, AiStatuses),
    ];

    public static readonly IReadOnlyList<SpecCall> Calls =
    [
        new("POST", "/oauth/service/token",
            $"{Platform}apps/legacy/legacy_token.json paths./token.post (body: parameters[0].schema; answer: responses.200.examples)",
            Body: [new("service_id", JsonKind.String, Required: true), new("service_secret", JsonKind.String, Required: true)],
            Query: [],
            Status: 200,
            Answer:
            [
                new("access_token", JsonKind.String, Required: true), new("created_at", JsonKind.String, Required: true),
                new("expires_in", JsonKind.Integer, Required: true), new("token_type", JsonKind.String, Required: true),
            ],
            ExactAnswer: true,
            Example: """{"access_token":"eade05e0ee958ed139b7431b1a630bff95260178699ddf88cbd86a32d2ac708c","created_at":"2021-11-16T13:29:47.000Z","expires_in":3600,"token_type":"Bearer"}"""),

        new("POST", "/oauth/token",
            $"{Platform}platform_administration/legacy/oauth.json paths./token.post (consumes application/json; body: parameters[0].schema; answer: responses.200.examples)",
            Body:
            [
                new("grant_type", JsonKind.String, Required: true, ["authorization_code"]), new("client_id", JsonKind.String, Required: true),
                new("client_secret", JsonKind.String, Required: true), new("code", JsonKind.String, Required: true),
                new("redirect_uri", JsonKind.String, Required: true), new("code_verifier", JsonKind.String),
            ],
            Query: [],
            Status: 200,
            Answer:
            [
                new("access_token", JsonKind.String, Required: true), new("created_at", JsonKind.Integer, Required: true),
                new("expires_in", JsonKind.Integer, Required: true), new("token_type", JsonKind.String, Required: true),
            ],
            ExactAnswer: true,
            Example: """{"access_token":"eade05e0ee958ed139b7431b1a630bff95260178699ddf88cbd86a32d2ac708c","created_at":1754377015,"expires_in":631139040,"token_type":"Bearer"}"""),

        new("GET", "/oauth/userinfo",
            $"{Platform}platform_administration/legacy/oauth.json paths./userinfo.get.responses.200.examples",
            Body: [],
            Query: [],
            Status: 200,
            Answer:
            [
                new("business_uid", JsonKind.String, Required: true), new("business_id", JsonKind.String, Required: true),
                new("sub", JsonKind.String, Required: true), new("role", JsonKind.String, Required: true), new("type", JsonKind.String, Required: true),
            ],
            ExactAnswer: false,
            Example: """{"brand_host":"695b14b22b8483c6.myclients.me","brand_theme":{"colors":{"primary":"#131a46","secondary":"#d1b050","text":"#ffffff"},"locale":"en","logo":null,"name":null},"business_id":"ed469f8764326a66","business_name":"business79043ef98e0f7e43","business_uid":"ed469f8764326a66","directory_uid":"u6g6s4q3386zs6j2","email":"tiara.bradtke@kautzer-considine.biz","role":"owner","sub":"a383717599bf1893","type":"staff"}"""),

        new("POST", "/business/communication/channels",
            $"{Communication} paths./channels.post (body: definitions.CreateChannelDto; answer: responses.201, definitions.ChannelResponseEntity)",
            Body:
            [
                new("business_uid", JsonKind.String, Required: true), new("type", JsonKind.String, Required: true, ["transactional", "promotional"]),
                new("display_name", JsonKind.String),
            ],
            Query: [],
            Status: 201,
            Answer:
            [
                new("success", JsonKind.Boolean, Required: true), new("data", JsonKind.Object, Required: true),
                new("data.channel", JsonKind.Object, Required: true), new("data.channel.uid", JsonKind.String, Required: true),
                new("data.channel.status", JsonKind.String, Required: true, ChannelStatuses), new("data.channel.display_name", JsonKind.String, Required: true),
            ],
            ExactAnswer: true,
            Example: """{"success":true,"data":{"channel":{"uid":"c697a91c-ce0c-469e-918b-fdc2ff6f8a04","status":"pending","display_name":"WhatsApp +1 555 078 3881"}}}"""),

        new("DELETE", "/business/communication/channels/{uid}",
            $"{Communication} paths./channels/{{uid}}.delete (no body; answer: responses.200, definitions.BaseDto)",
            Body: [],
            Query: [],
            Status: 200,
            Answer: Nothing,
            ExactAnswer: true,
            Example: """{"success":true,"data":{}}"""),

        new("POST", "/business/communication/sessions",
            $"{Communication} paths./sessions.post (body: definitions.CreateSessionDto; answer: responses.201, definitions.SessionResponse)",
            Body:
            [
                new("business_uid", JsonKind.String, Required: true), new("channel_uid", JsonKind.String, Required: true),
                new("contact_uid", JsonKind.String, Required: true), new("external_uid", JsonKind.String, Required: true),
            ],
            Query: [],
            Status: 201,
            Answer:
            [
                new("success", JsonKind.Boolean, Required: true), new("data", JsonKind.Object, Required: true), new("data.session", JsonKind.Object, Required: true),
                .. Session.Select(field => field with { Path = "data.session." + field.Path }),
            ],
            ExactAnswer: true,
            Example: """{"success":true,"data":{"session":{"uid":"2nbreiig9avawl81","status":"pending","ai_status":"none"}}}"""),

        new("GET", "/business/communication/sessions",
            $"{Communication} paths./sessions.get (its description's filter[…] form, and vcita's own test " +
            "api-validation/workflows/communication/get_business_communication_sessions.md; answer: definitions.MultiSessionResponseDto)",
            Body: [],
            Query:
            [
                new("filter[channel_uid]", JsonKind.String, Required: true), new("filter[business_uid]", JsonKind.String, Required: true),
                new("filter[contact_uid]", JsonKind.String),
            ],
            Status: 200,
            Answer:
            [
                new("success", JsonKind.Boolean, Required: true), new("data", JsonKind.Object, Required: true),
                new("data.sessions", JsonKind.ObjectArray, Required: true),
                .. Session.Select(field => field with { Path = "data.sessions[]." + field.Path }),
            ],
            ExactAnswer: true,
            Example: """{"success":true,"data":{"sessions":[{"uid":"2nbreiig9avawl81","status":"active","ai_status":"ai_intercepted"}]}}"""),

        new("PUT", "/business/communication/sessions/{uid}",
            $"{Communication} paths./sessions/{{uid}}.put (body: definitions.UpdateSessionDto, whose ai_status source channel apps must not send; answer: definitions.SessionResponseDto)",
            Body: [new("status", JsonKind.String, Required: true, ["inactive", "active", "deleted"])],
            Query: [],
            Status: 200,
            Answer:
            [
                new("success", JsonKind.Boolean, Required: true), new("data", JsonKind.Object, Required: true), new("data.session", JsonKind.Object, Required: true),
                .. Session.Select(field => field with { Path = "data.session." + field.Path }),
            ],
            ExactAnswer: true,
            Example: """{"success":true,"data":{"session":{"uid":"2nbreiig9avawl81","status":"pending","ai_status":"none"}}}"""),

        new("POST", "/business/communication/messages",
            $"{Communication} paths./messages.post (body: definitions.CreateMessageDto; answer: responses.201, definitions.MessageResponseEntity)",
            Body:
            [
                new("channel_uid", JsonKind.String, Required: true), new("external_uid", JsonKind.String, Required: true),
                new("message", JsonKind.String, Required: true), new("message_uid", JsonKind.String, Required: true),
                new("contact_uid", JsonKind.String), new("direction", JsonKind.String, OneOf: ["client_to_business", "business_to_client"]),
                new("created_at", JsonKind.String), new("attachments", JsonKind.ObjectArray, Opaque: true),
                new("contact_data", JsonKind.Object, Opaque: true),
            ],
            Query: [],
            Status: 201,
            Answer:
            [
                new("success", JsonKind.Boolean, Required: true), new("data", JsonKind.Object, Required: true), new("data.message", JsonKind.Object, Required: true),
                new("data.message.uid", JsonKind.String, Required: true), new("data.message.status", JsonKind.String, Required: true, MessageStatuses),
            ],
            ExactAnswer: true,
            Example: """{"success":true,"data":{"message":{"uid":"5d0a1e2f3c4b5a69","status":"pending"}}}"""),

        new("PUT", "/business/communication/messages/{messageUid}",
            $"{Communication} paths./messages/{{messageUid}}.put (body: definitions.UpdateMessageDto, both required, nothing else; answer: definitions.BaseDto)",
            Body: [new("status", JsonKind.String, Required: true, MessageStatuses), new("channel_uid", JsonKind.String, Required: true)],
            Query: [],
            Status: 200,
            Answer: Nothing,
            ExactAnswer: true,
            Example: """{"success":true,"data":{}}"""),

        new("GET", "/platform/v1/clients",
            $"{Platform}clients/legacy/legacy_v1_clients.json paths./clients.get (parameters; answer: responses.200.examples)",
            Body: [],
            Query:
            [
                new("search_term", JsonKind.String), new("search_by", JsonKind.String, OneOf: ["email", "uid", "phone", "updated_at"]),
                new("updated_at", JsonKind.String), new("page", JsonKind.Integer), new("per_page", JsonKind.Integer),
            ],
            Status: 200,
            Answer:
            [
                new("status", JsonKind.String, Required: true, ["OK"]), new("data", JsonKind.Object, Required: true),
                new("data.clients", JsonKind.ObjectArray, Required: true), new("data.clients[].id", JsonKind.String, Required: true),
                new("data.clients[].first_name", JsonKind.String), new("data.clients[].last_name", JsonKind.String),
                new("data.clients[].mobile_phone", JsonKind.String),
            ],
            ExactAnswer: false,
            Example: """{"data":{"clients":[{"address":"My Hourse, bellvue, seattle, wasinton","business_uid":"b1ed52cb3c5a6f87","campaign":"Source Campaign","channel":"Source Channel","created_at":"2025-08-05T06:56:27Z","custom_field1":"value1","customer_status":"lead","email":"clientemail@mail.com","first_name":"First Name","id":"czpvt3f246p4cw9i","last_name":"Last Name","mobile_phone":"+16378383489","normalized_phone":null,"opt_in":"1","source":"Client Portal","source_url":"Source URL","tags":[],"updated_at":"2025-08-05T06:56:27Z"}]},"status":"OK"}"""),

        new("POST", "/platform/v1/clients",
            $"{Platform}clients/legacy/legacy_v1_clients.json paths./clients.post (body: parameters[0].schema, only first_name required; answer: responses.201.examples)",
            Body:
            [
                new("first_name", JsonKind.String, Required: true), new("last_name", JsonKind.String), new("phone", JsonKind.String),
                new("email", JsonKind.String), new("source_channel", JsonKind.String), new("source_name", JsonKind.String),
                new("source_campaign", JsonKind.String), new("source_url", JsonKind.String), new("address", JsonKind.String),
                new("status", JsonKind.String, OneOf: ["lead", "customer", "loyal", "inactive"]), new("opt_in", JsonKind.Boolean),
                new("opt_in_transactional_sms", JsonKind.Boolean), new("tags", JsonKind.String), new("staff_id", JsonKind.String),
                new("custom_field1", JsonKind.String), new("custom_field2", JsonKind.String), new("custom_field3", JsonKind.String),
            ],
            Query: [],
            Status: 201,
            Answer:
            [
                new("status", JsonKind.String, Required: true, ["OK"]), new("data", JsonKind.Object, Required: true),
                new("data.client", JsonKind.Object, Required: true), new("data.client.id", JsonKind.String, Required: true),
                new("data.client.first_name", JsonKind.String), new("data.token", JsonKind.String),
            ],
            ExactAnswer: false,
            Example: """{"data":{"client":{"address":"Some big house in Hollywood 9","created_at":"2025-08-05T06:56:28Z","customer_status":"customer","email":"michael.douglass@spartacus.info.fake","first_name":"Michael","id":"fgrayekkrmqfzt7d","last_name":"Douglas","mobile_phone":"+19083073848","opt_in":null,"source_data":{"campaign":"campaign","channel":"channel","name":"website","website_url":"www.somesite.com"},"spam":false,"tags":["tag1","tag2"],"updated_at":"2025-08-05T06:56:28Z"},"token":"eyJhbGciOiJIUzI1NiJ9.e30.c2ln"},"status":"OK"}"""),

        new("POST", "/platform/v1/apps",
            $"{Platform}apps/legacy/legacy_v1_apps.json paths./apps.post (body: parameters[0].schema.properties, of which the bridge uses these; " +
            "answer: responses.201.examples)",
            Body:
            [
                new("name", JsonKind.String, Required: true), new("app_type", JsonKind.StringArray), new("redirect_uri", JsonKind.String, Required: true),
                new("url_params", JsonKind.StringArray), new("api_uri", JsonKind.String), new("app_code_name", JsonKind.String),
                new("trusted", JsonKind.String, OneOf: ["true", "false"]), new("open_channel", JsonKind.Boolean),
            ],
            Query: [],
            Status: 201,
            Answer:
            [
                new("status", JsonKind.String, Required: true, ["OK"]), new("data", JsonKind.Object, Required: true),
                new("data.app_code_name", JsonKind.String, Required: true), new("data.app_id", JsonKind.String, Required: true),
                new("data.client_id", JsonKind.String, Required: true), new("data.client_secret", JsonKind.String, Required: true),
                new("data.name", JsonKind.String, Required: true),
            ],
            ExactAnswer: false,
            Example: """{"data":{"app_code_name":"some_code_name","app_id":"some_id","client_id":"OAuth Client ID","client_secret":"OAuth Client Secret","name":"Some App","access_token_format":"opaque","client_auth_jwks_uri":"https://example.com/.well-known/jwks.json"},"status":"OK"}"""),
    ];

    public static SpecCall Call(string name) => Calls.Single(call => call.Name == name);

    public static IEnumerable<object[]> Names() => Calls.Select(call => new object[] { call.Name });
}
