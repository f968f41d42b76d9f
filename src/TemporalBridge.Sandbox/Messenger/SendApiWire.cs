namespace TemporalBridge.Sandbox.Messenger;

// The Send API's answers as Meta's reference gives them (developers.facebook.com/docs/messenger-platform/reference/send-api:
// "recipient_id" and "message_id"; sender actions answer "recipient_id" alone) and its error body (the Graph API's,
// with "error_subcode": developers.facebook.com/docs/graph-api/guides/error-handling).

public sealed record SendApiAnswer(string RecipientId, string? MessageId = null);

/// <summary><c>GET /{psid}?fields=first_name,last_name</c>: the fields asked for, and the id.</summary>
public sealed record ProfileAnswer(string Id, string? FirstName, string? LastName);

public sealed record MetaErrorBody(MetaError Error);

public sealed record MetaError(string Message, string Type, int Code, int? ErrorSubcode, string FbtraceId);
