using System.Text.Json;

namespace TemporalBridge.Sandbox.Vcita;

/// <summary>Why a change was refused; the API turns it into vcita's error envelope.</summary>
public enum Refusal
{
    None,
    ChannelNotFound,
    SessionNotFound,
    MessageNotFound,
    SessionAlreadyExists,
    DuplicateMessageUid,
    BusinessMismatch,
    ChannelNotActive,
}

/// <summary>
/// What vcita holds for the businesses: channels, sessions, messages, and a log of the status updates apps asked
/// for. One lock guards it all, so uniqueness rules (a session per channel+contact, a message_uid per channel) are
/// checked and applied atomically; the emulator's traffic is far too small for the lock to matter.
/// </summary>
public sealed class VcitaState(TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, VcitaChannel> channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VcitaSession> sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VcitaMessage> messages = new(StringComparer.Ordinal);
    private readonly List<StatusUpdateReceived> statusUpdates = [];

    public VcitaChannel CreateChannel(string businessUid, string type, string displayName, string appClientId)
    {
        var channel = new VcitaChannel(Uids.NewChannelUid(), businessUid, type, displayName, "pending", appClientId, time.GetUtcNow());
        lock (gate)
        {
            channels[channel.Uid] = channel;
        }

        return channel;
    }

    public VcitaChannel? FindChannel(string uid)
    {
        lock (gate)
        {
            return channels.GetValueOrDefault(uid);
        }
    }

    /// <summary>Sets a channel's status and/or display name; <paramref name="record"/> logs it as an app's request;
    /// with <paramref name="onlyFrom"/>, the status changes only from that one.</summary>
    public VcitaChannel? UpdateChannel(string uid, string? status, string? displayName, bool record, string? onlyFrom = null)
    {
        lock (gate)
        {
            if (!channels.TryGetValue(uid, out var channel))
            {
                return null;
            }

            if (onlyFrom is not null && channel.Status != onlyFrom)
            {
                return channel;
            }

            channel = channel with { Status = status ?? channel.Status, DisplayName = displayName ?? channel.DisplayName };
            channels[uid] = channel;
            if (record && status is not null)
            {
                statusUpdates.Add(new StatusUpdateReceived("channel", uid, status, uid, time.GetUtcNow()));
            }

            return channel;
        }
    }

    public (VcitaSession? Session, Refusal Refusal) CreateSession(string businessUid, string channelUid, string contactUid, string externalUid)
    {
        lock (gate)
        {
            if (!channels.TryGetValue(channelUid, out var channel))
            {
                return (null, Refusal.ChannelNotFound);
            }

            if (channel.BusinessUid != businessUid)
            {
                return (null, Refusal.BusinessMismatch);
            }

            // communication.json paths./sessions.post.description: a session needs an active channel.
            if (channel.Status != "active")
            {
                return (null, Refusal.ChannelNotActive);
            }

            // The seed's rule: one session per client per channel. A deleted one no longer counts.
            if (sessions.Values.Any(s => s.ChannelUid == channelUid && s.ContactUid == contactUid && s.Status != "deleted"))
            {
                return (null, Refusal.SessionAlreadyExists);
            }

            var session = new VcitaSession(Uids.New(), businessUid, channelUid, contactUid, externalUid, "pending", "none", time.GetUtcNow());
            sessions[session.Uid] = session;
            return (session, Refusal.None);
        }
    }

    public VcitaSession? FindSession(string uid)
    {
        lock (gate)
        {
            return sessions.GetValueOrDefault(uid);
        }
    }

    public IReadOnlyList<VcitaSession> FindSessions(string channelUid, string businessUid, string? contactUid)
    {
        lock (gate)
        {
            return [.. sessions.Values
                .Where(s => s.ChannelUid == channelUid && s.BusinessUid == businessUid && (contactUid is null || s.ContactUid == contactUid))
                .OrderBy(s => s.CreatedAt)];
        }
    }

    public VcitaSession? UpdateSession(string uid, string status, bool record, string? onlyFrom = null)
    {
        lock (gate)
        {
            if (!sessions.TryGetValue(uid, out var session))
            {
                return null;
            }

            if (onlyFrom is not null && session.Status != onlyFrom)
            {
                return session;
            }

            session = session with { Status = status };
            sessions[uid] = session;
            if (record)
            {
                statusUpdates.Add(new StatusUpdateReceived("session", uid, status, session.ChannelUid, time.GetUtcNow()));
            }

            return session;
        }
    }

    /// <summary>vcita's AI receptionist takes a conversation over (or hands it back).</summary>
    public VcitaSession? SetAiStatus(string uid, string aiStatus)
    {
        lock (gate)
        {
            if (!sessions.TryGetValue(uid, out var session))
            {
                return null;
            }

            session = session with { AiStatus = aiStatus };
            sessions[uid] = session;
            return session;
        }
    }

    /// <param name="requireActiveChannel">An app's message needs an active channel (communication.json
    /// paths./messages.post.description); a staff message written in vcita's page does not go through that check.</param>
    public (VcitaMessage? Message, Refusal Refusal) AddMessage(
        string channelUid, string messageUid, string externalUid, string text, string? contactUid, string direction, string? createdAt,
        JsonElement? attachments, string status = "pending", bool requireActiveChannel = true)
    {
        lock (gate)
        {
            if (!channels.TryGetValue(channelUid, out var channel))
            {
                return (null, Refusal.ChannelNotFound);
            }

            if (requireActiveChannel && channel.Status != "active")
            {
                return (null, Refusal.ChannelNotActive);
            }

            if (FindMessageLocked(channelUid, messageUid) is not null)
            {
                return (null, Refusal.DuplicateMessageUid);
            }

            var message = new VcitaMessage(
                Uids.New(), channelUid, messageUid, externalUid, text, contactUid, direction, createdAt, attachments, status, time.GetUtcNow());
            messages[message.Uid] = message;
            return (message, Refusal.None);
        }
    }

    public VcitaMessage? FindMessage(string channelUid, string messageUid)
    {
        lock (gate)
        {
            return FindMessageLocked(channelUid, messageUid);
        }
    }

    public (VcitaMessage? Message, Refusal Refusal) UpdateMessage(string channelUid, string messageUid, string status, bool record)
    {
        lock (gate)
        {
            if (!channels.ContainsKey(channelUid))
            {
                return (null, Refusal.ChannelNotFound);
            }

            if (FindMessageLocked(channelUid, messageUid) is not { } message)
            {
                return (null, Refusal.MessageNotFound);
            }

            message = message with { Status = status };
            messages[message.Uid] = message;
            if (record)
            {
                statusUpdates.Add(new StatusUpdateReceived("message", messageUid, status, channelUid, time.GetUtcNow()));
            }

            return (message, Refusal.None);
        }
    }

    public StateSnapshot Snapshot()
    {
        lock (gate)
        {
            return new StateSnapshot(
                [.. channels.Values.OrderBy(c => c.CreatedAt).Select(c => c.ToView())],
                [.. sessions.Values.OrderBy(s => s.CreatedAt).Select(s => s.ToView())],
                [.. messages.Values.OrderBy(m => m.ReceivedAt).Select(m => m.ToView())],
                [.. statusUpdates]);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            channels.Clear();
            sessions.Clear();
            messages.Clear();
            statusUpdates.Clear();
        }
    }

    private VcitaMessage? FindMessageLocked(string channelUid, string messageUid) =>
        messages.Values.FirstOrDefault(m => m.ChannelUid == channelUid && m.MessageUid == messageUid);
}

/// <summary>Everything <see cref="VcitaState"/> holds, copied at one moment.</summary>
public sealed record StateSnapshot(
    IReadOnlyList<ChannelView> Channels,
    IReadOnlyList<SessionView> Sessions,
    IReadOnlyList<MessageView> Messages,
    IReadOnlyList<StatusUpdateReceived> StatusUpdates);
