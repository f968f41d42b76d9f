using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using TemporalBridge.Sandbox.Shared;
using TemporalBridge.Sandbox.Vcita.Platform;

namespace TemporalBridge.Sandbox.Vcita.Callbacks;

/// <summary>
/// The communication-app interface (facts sheet, "vcita → app"): builds each call vcita makes to an app and queues
/// it. Every method takes optional misbehaviour: <c>duplicate</c> sends it twice, <c>extraDelayMs</c> holds it back.
/// Callbacks due now are delivered in the order they were sent; delayed ones (activation delay, held back) join
/// the queue when due.
/// </summary>
public sealed class VcitaCallbacks(
    OutboundQueue<CallbackRecord> queue, CallbackLog log, CallbackBehaviour behaviour, AppRegistry apps, VcitaState state,
    IOptions<VcitaEmulatorOptions> options)
{
    /// <summary>vcita activates a new channel after <c>ChannelActivationDelayMs</c>, as it tells the app: until then it
    /// refuses the channel's sessions and messages.</summary>
    public IReadOnlyList<CallbackRecord> ChannelActivated(VcitaChannel channel) =>
        Send("channel activation", channel.AppClientId, HttpMethod.Put, $"channels/{Escape(channel.Uid)}",
            new StatusCallback("active"), VcitaJsonContext.Default.StatusCallback, TimeSpan.FromMilliseconds(options.Value.ChannelActivationDelayMs),
            duplicate: null, extraDelayMs: null,
            onFirstAttempt: () => state.UpdateChannel(channel.Uid, "active", displayName: null, record: false, onlyFrom: "pending"));

    /// <summary>vcita activates a new session after <c>SessionActivationDelayMs</c>, as it tells the app.</summary>
    public IReadOnlyList<CallbackRecord> SessionActivated(VcitaSession session, string appClientId) =>
        Send("session activation", appClientId, HttpMethod.Put, $"sessions/{Escape(session.Uid)}",
            new SessionStatusCallback("active", session.AiStatus), VcitaJsonContext.Default.SessionStatusCallback,
            TimeSpan.FromMilliseconds(options.Value.SessionActivationDelayMs), duplicate: null, extraDelayMs: null,
            onFirstAttempt: () => state.UpdateSession(session.Uid, "active", record: false, onlyFrom: "pending"));

    public IReadOnlyList<CallbackRecord> ChannelStatus(
        VcitaChannel channel, string status, TimeSpan delay, string reason = "channel status", bool? duplicate = null, int? extraDelayMs = null) =>
        Send(reason, channel.AppClientId, HttpMethod.Put, $"channels/{Escape(channel.Uid)}",
            new StatusCallback(status), VcitaJsonContext.Default.StatusCallback, delay, duplicate, extraDelayMs);

    public IReadOnlyList<CallbackRecord> SessionStatus(
        VcitaSession session, string appClientId, string status, TimeSpan delay, string reason = "session status", bool? duplicate = null,
        int? extraDelayMs = null) =>
        Send(reason, appClientId, HttpMethod.Put, $"sessions/{Escape(session.Uid)}",
            new SessionStatusCallback(status, session.AiStatus), VcitaJsonContext.Default.SessionStatusCallback, delay, duplicate, extraDelayMs);

    public IReadOnlyList<CallbackRecord> MessageStatus(
        VcitaChannel channel, string messageUid, string status, bool? duplicate = null, int? extraDelayMs = null) =>
        Send("message status", channel.AppClientId, HttpMethod.Put, $"messages/{Escape(messageUid)}",
            new MessageStatusCallback(status, channel.Uid), VcitaJsonContext.Default.MessageStatusCallback, TimeSpan.Zero, duplicate, extraDelayMs);

    /// <summary>A staff member wrote in vcita's conversation page: <c>POST /messages</c> to the app.</summary>
    public IReadOnlyList<CallbackRecord> StaffMessage(
        VcitaChannel channel, VcitaMessage message, bool? duplicate = null, int? extraDelayMs = null) =>
        Send("staff message", channel.AppClientId, HttpMethod.Post, "messages",
            new StaffMessageCallback(message.ExternalUid, message.Text, message.MessageUid, channel.Uid, message.Status),
            VcitaJsonContext.Default.StaffMessageCallback, TimeSpan.Zero, duplicate, extraDelayMs);

    /// <summary>Staff typing; the route is the facts sheet's assumption, <c>POST /sessions/{uid}/typing</c>.</summary>
    public IReadOnlyList<CallbackRecord> StaffTyping(
        VcitaSession session, string appClientId, bool typing, bool? duplicate = null, int? extraDelayMs = null) =>
        Send("staff typing", appClientId, HttpMethod.Post, $"sessions/{Escape(session.Uid)}/typing",
            new TypingCallback(typing), VcitaJsonContext.Default.TypingCallback, TimeSpan.Zero, duplicate, extraDelayMs);

    /// <summary>The app's api_uri with <paramref name="path"/> appended to its path; its query (e.g. <c>?token=</c>) is kept.</summary>
    public static Uri Combine(Uri apiUri, string path) =>
        new(apiUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + path + apiUri.Query);

    /// <summary>
    /// Queues the call to <paramref name="path"/> (relative to the app's api_uri) after <paramref name="delay"/>,
    /// applying duplicate/hold behaviour; returns the record of each copy.
    /// </summary>
    private IReadOnlyList<CallbackRecord> Send<T>(
        string reason, string appClientId, HttpMethod method, string path, T body, JsonTypeInfo<T> type, TimeSpan delay, bool? duplicate,
        int? extraDelayMs, Action? onFirstAttempt = null)
    {
        var (twice, heldMs) = behaviour.Next(duplicate, extraDelayMs);
        var url = Combine(apps.Find(appClientId)?.ApiUri ?? apps.Default.ApiUri!, path);
        var json = JsonSerializer.Serialize(body, type);
        var copies = twice ? 2 : 1;
        var records = new List<CallbackRecord>(copies);
        for (var copy = 1; copy <= copies; copy++)
        {
            var record = log.Add(stamp => new CallbackRecord(stamp, reason, method.Method, url, json, copy, copies, heldMs, onFirstAttempt));
            records.Add(record);
            queue.Schedule(new OutboundDelivery<CallbackRecord>(record, 1), delay + TimeSpan.FromMilliseconds(heldMs));
        }

        return records;
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}

// The bodies of vcita's calls to an app. vcita publishes none of them (its spec says only that channels and sessions
// are confirmed by a call back to the app, and that message statuses come back keyed by message_uid): these are the
// facts sheet's assumptions. A session's confirmation also carries its ai_status, as vcita's session object does
// (communication.json definitions.SessionResponse).

public sealed record StatusCallback(string Status);

public sealed record SessionStatusCallback(string Status, string AiStatus);

public sealed record MessageStatusCallback(string Status, string ChannelUid);

public sealed record StaffMessageCallback(string ExternalUid, string Message, string MessageUid, string ChannelUid, string Status);

public sealed record TypingCallback(bool Typing);
