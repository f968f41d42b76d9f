namespace TemporalBridge.Vcita;

/// <summary>What a failed vcita call means for the caller: the one thing an activity decides on.</summary>
public enum VcitaFailure
{
    /// <summary>401: the bearer token was not accepted. An app token can be renewed and the call retried.</summary>
    TokenRejected,

    /// <summary>422/409 saying the thing already exists (e.g. "Session already exist"): find it instead.</summary>
    AlreadyExists,

    /// <summary>429, 408, 5xx, a timeout or no connection: the same call may succeed later.</summary>
    Transient,

    /// <summary>Any other rejection (400, 403, 404, OAuth errors, ...): retrying the same call cannot help.</summary>
    Permanent,
}

/// <summary>One entry of vcita's error envelope (<c>errors[]{code, message}</c>), or an OAuth error.</summary>
public sealed record VcitaError(string Code, string Message)
{
    public override string ToString() => Message.Length == 0 ? Code : Code.Length == 0 ? Message : $"{Code}: {Message}";
}

/// <summary>
/// Every failure of every vcita client surfaces as this one exception. Its message names the call (method and
/// path, never the query string), the status and vcita's error codes; it never holds a token, a secret or message
/// text, so it is safe to log and to put in Temporal history.
/// </summary>
public sealed class VcitaApiException : Exception
{
    public VcitaApiException(VcitaFailure kind, int? status, IReadOnlyList<VcitaError> errors, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Status = status;
        Errors = errors;
    }

    public VcitaFailure Kind { get; }

    /// <summary>The HTTP status vcita answered with; null when no answer came (timeout, connection failure).</summary>
    public int? Status { get; }

    public IReadOnlyList<VcitaError> Errors { get; }

    /// <summary>
    /// A stable name for <see cref="Kind"/>, meant for <c>ApplicationFailureException</c>'s error type and for
    /// non-retryable error types in retry policies. Never rename these: histories and policies refer to them.
    /// </summary>
    public string ErrorType => ToErrorType(Kind);

    public static string ToErrorType(VcitaFailure kind) => kind switch
    {
        VcitaFailure.TokenRejected => "VcitaTokenRejected",
        VcitaFailure.AlreadyExists => "VcitaAlreadyExists",
        VcitaFailure.Transient => "VcitaTransient",
        VcitaFailure.Permanent => "VcitaPermanent",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
