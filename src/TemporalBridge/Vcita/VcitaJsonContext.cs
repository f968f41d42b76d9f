using System.Text.Json.Serialization;

namespace TemporalBridge.Vcita;

/// <summary>
/// Source-generated JSON for every vcita wire type. vcita's names are snake_case throughout, so one naming policy
/// gives the facts sheet's exact names; null optional fields are left out rather than sent as null.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VcsCreateChannelRequest))]
[JsonSerializable(typeof(VcsRenameChannelRequest))]
[JsonSerializable(typeof(VcsChannelData))]
[JsonSerializable(typeof(VcsCreateSessionRequest))]
[JsonSerializable(typeof(VcsUpdateSessionRequest))]
[JsonSerializable(typeof(VcsSessionData))]
[JsonSerializable(typeof(VcsSessionsData))]
[JsonSerializable(typeof(VcsCreateMessageRequest))]
[JsonSerializable(typeof(VcsUpdateMessageRequest))]
[JsonSerializable(typeof(VcsMessageData))]
[JsonSerializable(typeof(VcitaServiceTokenRequest))]
[JsonSerializable(typeof(VcitaCodeExchangeRequest))]
[JsonSerializable(typeof(VcitaToken))]
[JsonSerializable(typeof(VcitaUserInfo))]
[JsonSerializable(typeof(VcitaClientsData))]
[JsonSerializable(typeof(VcitaClientData))]
[JsonSerializable(typeof(VcitaCreateClientRequest))]
[JsonSerializable(typeof(VcitaCreateAppRequest))]
[JsonSerializable(typeof(VcitaAppData))]
public sealed partial class VcitaJsonContext : JsonSerializerContext;
