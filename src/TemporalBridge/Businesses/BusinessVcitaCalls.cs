using TemporalBridge.Vcita;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace TemporalBridge.Businesses;

/// <summary>
/// Runs a vcita call with a business's token from inside an activity, and turns its failures into the activity
/// failures the workflows' retry policies expect: a permanent rejection is non-retryable; a rejected token is
/// forgotten (the next attempt asks the business workflow again, which has the latest grant); transient failures
/// and a business that has not connected yet are retried. <see cref="VcitaFailure.AlreadyExists"/> is left to the
/// caller as a <see cref="VcitaApiException"/>: what it means depends on the call.
/// </summary>
public sealed class BusinessVcitaCalls(IBusinessTokens tokens)
{
    public async Task<T> WithTokenAsync<T>(string businessUid, Func<string, CancellationToken, Task<T>> call)
    {
        var cancel = ActivityExecutionContext.Current.CancellationToken;
        BusinessTokenGrant grant;
        try
        {
            grant = await tokens.GetAsync(businessUid, cancel);
        }
        catch (BusinessNotConnectedException e)
        {
            throw new ApplicationFailureException(e.Message, e, BusinessNotConnectedException.ErrorType);
        }

        try
        {
            return await call(grant.AccessToken, cancel);
        }
        catch (VcitaApiException e) when (e.Kind != VcitaFailure.AlreadyExists)
        {
            if (e.Kind == VcitaFailure.TokenRejected)
            {
                tokens.Invalidate(businessUid);
            }
            throw new ApplicationFailureException(e.Message, e, e.ErrorType, nonRetryable: e.Kind == VcitaFailure.Permanent);
        }
    }

    public Task WithTokenAsync(string businessUid, Func<string, CancellationToken, Task> call) =>
        WithTokenAsync(businessUid, async (token, cancel) =>
        {
            await call(token, cancel);
            return true;
        });
}
