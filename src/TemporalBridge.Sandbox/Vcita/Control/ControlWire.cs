using TemporalBridge.Sandbox.Shared;
using TemporalBridge.Sandbox.Vcita.Callbacks;
using TemporalBridge.Sandbox.Vcita.Platform;

namespace TemporalBridge.Sandbox.Vcita.Control;

public sealed record AddFaultRequest(string? Endpoint, int? Status, int? DelayMs, int? Count) : IControlRequest
{
    public static readonly IReadOnlyList<int> Statuses = [400, 401, 422, 429, 500, 503];

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Endpoint is null || !VcitaEndpoints.All.Contains(Endpoint))
        {
            errors["endpoint"] = [$"must be one of {string.Join(", ", VcitaEndpoints.All)}"];
        }

        if (Status is { } status && !Statuses.Contains(status))
        {
            errors["status"] = [$"must be one of {string.Join(", ", Statuses)}"];
        }

        if (Status is null && DelayMs is null or 0)
        {
            errors["status"] = ["status or delay_ms is required"];
        }

        if (DelayMs is < 0 or > 120_000)
        {
            errors["delay_ms"] = ["must be between 0 and 120000"];
        }

        if (Count is < 1)
        {
            errors["count"] = ["must be at least 1"];
        }

        return errors;
    }
}

/// <summary>Common to every triggered callback: send it twice, and/or hold it back <c>delay_ms</c> before it is queued.</summary>
public interface ICallbackTrigger : IControlRequest
{
    bool? Duplicate { get; }

    int? DelayMs { get; }
}

/// <summary>vcita changes a channel's status and tells the app; <c>notify_app: false</c> changes it without the call, as
/// when vcita's call never reached the app.</summary>
public sealed record ChannelStatusTrigger(string? ChannelUid, string? Status, bool? Duplicate, int? DelayMs, bool? NotifyApp = null) : ICallbackTrigger
{
    public Dictionary<string, string[]> Validate() =>
        ControlChecks.Of(("channel_uid", ControlChecks.Required(ChannelUid)), ("status", ControlChecks.OneOf(Status, VcitaRules.ChannelStatuses)),
            ("delay_ms", ControlChecks.Delay(DelayMs)));
}

/// <summary>vcita changes a session's status and tells the app; <c>ai_status</c>, when given, is vcita's AI receptionist
/// taking the conversation over (<c>ai_intercepted</c>) or handing it back (<c>ai_released</c>).</summary>
public sealed record SessionStatusTrigger(string? SessionUid, string? Status, string? AiStatus, bool? Duplicate, int? DelayMs) : ICallbackTrigger
{
    public Dictionary<string, string[]> Validate() =>
        ControlChecks.Of(("session_uid", ControlChecks.Required(SessionUid)), ("status", ControlChecks.OneOf(Status, VcitaRules.SessionStatuses)),
            ("ai_status", AiStatus is null ? null : ControlChecks.OneOf(AiStatus, VcitaRules.AiStatuses)), ("delay_ms", ControlChecks.Delay(DelayMs)));
}

public sealed record MessageStatusTrigger(string? ChannelUid, string? MessageUid, string? Status, bool? Duplicate, int? DelayMs) : ICallbackTrigger
{
    public Dictionary<string, string[]> Validate() =>
        ControlChecks.Of(("channel_uid", ControlChecks.Required(ChannelUid)), ("message_uid", ControlChecks.Required(MessageUid)),
            ("status", ControlChecks.OneOf(Status, VcitaRules.MessageStatuses)), ("delay_ms", ControlChecks.Delay(DelayMs)));
}

/// <summary>A staff member writes to the session's client; <c>message_uid</c> is generated when absent.</summary>
public sealed record StaffMessageTrigger(string? SessionUid, string? Message, string? MessageUid, bool? Duplicate, int? DelayMs) : ICallbackTrigger
{
    public Dictionary<string, string[]> Validate() =>
        ControlChecks.Of(("session_uid", ControlChecks.Required(SessionUid)), ("message", ControlChecks.Required(Message)),
            ("delay_ms", ControlChecks.Delay(DelayMs)));
}

public sealed record StaffTypingTrigger(string? SessionUid, bool? Typing, bool? Duplicate, int? DelayMs) : ICallbackTrigger
{
    public Dictionary<string, string[]> Validate() =>
        ControlChecks.Of(("session_uid", ControlChecks.Required(SessionUid)), ("typing", Typing is null ? "is required" : null),
            ("delay_ms", ControlChecks.Delay(DelayMs)));
}

public sealed record DuplicateNextRequest(int? Count) : IControlRequest
{
    public Dictionary<string, string[]> Validate() => ControlChecks.Of(("count", Count is null or < 0 ? "must be 0 or more" : null));
}

public sealed record HoldNextRequest(int? Count, int? DelayMs) : IControlRequest
{
    public Dictionary<string, string[]> Validate() =>
        ControlChecks.Of(("count", Count is null or < 0 ? "must be 0 or more" : null), ("delay_ms", DelayMs is null ? "is required" : ControlChecks.Delay(DelayMs)));
}

/// <summary>Skips the authorize dance: a business token for <c>business_uid</c> (else the default), for <c>client_id</c> (else the default app).</summary>
public sealed record BusinessTokenRequest(string? BusinessUid, string? ClientId) : IControlRequest
{
    public Dictionary<string, string[]> Validate() =>
        ControlChecks.Of(("business_uid", BusinessUid is not null && BusinessUid.Length != VcitaRules.BusinessUidLength
            ? $"must be {VcitaRules.BusinessUidLength} characters" : null));
}

public sealed record TriggeredCallbacks(IReadOnlyList<long> CallbackIds);

public sealed record ControlState(
    IReadOnlyList<AppView> Apps,
    StateSnapshot Vcs,
    IReadOnlyList<ClientView> Clients,
    IReadOnlyList<CallbackView> Callbacks,
    IReadOnlyList<Fault> Faults);
