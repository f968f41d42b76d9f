using System.Text.Json;
using System.Text.Json.Serialization;
using TemporalBridge.Sandbox.Vcita.Callbacks;
using TemporalBridge.Sandbox.Vcita.Control;
using TemporalBridge.Sandbox.Vcita.OAuth;
using TemporalBridge.Sandbox.Vcita.Platform;

namespace TemporalBridge.Sandbox.Vcita;

/// <summary>Every type the vcita emulator reads or writes; snake_case, as vcita's APIs are.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(VcitaFailure))]
[JsonSerializable(typeof(VcitaSuccess<ChannelData>))]
[JsonSerializable(typeof(VcitaSuccess<SessionData>))]
[JsonSerializable(typeof(VcitaSuccess<SessionsData>))]
[JsonSerializable(typeof(VcitaSuccess<MessageData>))]
[JsonSerializable(typeof(VcitaSuccess<Nothing>))]
[JsonSerializable(typeof(PlatformSuccess<ClientsData>))]
[JsonSerializable(typeof(PlatformSuccess<ClientData>))]
[JsonSerializable(typeof(PlatformSuccess<AppCredentials>))]
[JsonSerializable(typeof(PlatformFailure))]
[JsonSerializable(typeof(CreateChannelRequest))]
[JsonSerializable(typeof(UpdateChannelRequest))]
[JsonSerializable(typeof(CreateSessionRequest))]
[JsonSerializable(typeof(UpdateSessionRequest))]
[JsonSerializable(typeof(CreateMessageRequest))]
[JsonSerializable(typeof(UpdateMessageRequest))]
[JsonSerializable(typeof(CreateClientRequest))]
[JsonSerializable(typeof(CreateAppRequest))]
[JsonSerializable(typeof(ServiceTokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(ServiceTokenResponse))]
[JsonSerializable(typeof(OAuthError))]
[JsonSerializable(typeof(UserInfo))]
[JsonSerializable(typeof(StatusCallback))]
[JsonSerializable(typeof(SessionStatusCallback))]
[JsonSerializable(typeof(MessageStatusCallback))]
[JsonSerializable(typeof(StaffMessageCallback))]
[JsonSerializable(typeof(TypingCallback))]
[JsonSerializable(typeof(AddFaultRequest))]
[JsonSerializable(typeof(Fault))]
[JsonSerializable(typeof(IReadOnlyList<Fault>))]
[JsonSerializable(typeof(ChannelStatusTrigger))]
[JsonSerializable(typeof(SessionStatusTrigger))]
[JsonSerializable(typeof(MessageStatusTrigger))]
[JsonSerializable(typeof(StaffMessageTrigger))]
[JsonSerializable(typeof(StaffTypingTrigger))]
[JsonSerializable(typeof(DuplicateNextRequest))]
[JsonSerializable(typeof(HoldNextRequest))]
[JsonSerializable(typeof(BusinessTokenRequest))]
[JsonSerializable(typeof(TriggeredCallbacks))]
[JsonSerializable(typeof(ControlState))]
[JsonSerializable(typeof(IReadOnlyList<CallbackView>))]
public sealed partial class VcitaJsonContext : JsonSerializerContext;
