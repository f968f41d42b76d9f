using TemporalBridge.Providers;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace TemporalBridge.Deliveries;

/// <summary>Runs a messaging provider call inside an activity and turns its failure into the activity failure
/// the retry policies expect: what can never succeed as is fails without retry.</summary>
public static class ProviderCalls
{
    /// <summary>Error types no retry can cure: for retry policies' <c>NonRetryableErrorTypes</c>.</summary>
    public static readonly string[] NeverRetried =
    [
        ProviderApiException.ToErrorType(ProviderFailure.Undeliverable),
        ProviderApiException.ToErrorType(ProviderFailure.BadRequest),
        ProviderApiException.ToErrorType(ProviderFailure.OutsideWindow),
    ];

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call)
    {
        try
        {
            return await call(ActivityExecutionContext.Current.CancellationToken);
        }
        catch (ProviderApiException e)
        {
            throw new ApplicationFailureException(
                $"{e.Provider} error {e.Code}: {e.Message}", e, e.ErrorType, nonRetryable: NeverRetried.Contains(e.ErrorType));
        }
    }

    public static Task RunAsync(Func<CancellationToken, Task> call) =>
        RunAsync(async cancel =>
        {
            await call(cancel);
            return true;
        });
}
