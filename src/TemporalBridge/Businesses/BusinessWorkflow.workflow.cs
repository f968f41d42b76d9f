using TemporalBridge.Temporal;
using Temporalio.Workflows;

namespace TemporalBridge.Businesses;

/// <summary>
/// One per vcita business (<c>business:{uid}</c>): the durable home of its business token. The OAuth callback
/// signals-with-start <see cref="GrantTokenAsync"/>; activities read the token through the <see cref="Grant"/>
/// query (via <see cref="IBusinessTokens"/>). Temporal, not Redis, holds it because it must survive a cache flush,
/// and the payload codec encrypts every payload, so the token is at rest only encrypted. The workflow never ends
/// on its own; it continues as new when the server suggests it, carrying the grant.
/// </summary>
[Workflow]
public sealed class BusinessWorkflow
{
    public const string TokenGrantedSignal = "GrantToken";

    private readonly string businessUid;
    private BusinessTokenGrant? grant;

    /// <summary>Runs before any signal handler, so a signal-with-start's grant is never overwritten by the input.</summary>
    [WorkflowInit]
    public BusinessWorkflow(BusinessWorkflowInput input)
    {
        businessUid = input.BusinessUid;
        grant = input.Grant;
    }

    /// <summary>The latest grant; null until the business connects.</summary>
    [WorkflowQuery]
    public BusinessTokenGrant? Grant => grant;

    [WorkflowRun]
    public async Task RunAsync(BusinessWorkflowInput input)
    {
        Workflow.UpsertTypedSearchAttributes(BridgeSearchAttributes.BusinessUid.ValueSet(businessUid));

        await Workflow.WaitConditionAsync(() => Workflow.ContinueAsNewSuggested);
        await Workflow.WaitConditionAsync(() => Workflow.AllHandlersFinished);
        var next = new BusinessWorkflowInput(businessUid, grant);
        throw Workflow.CreateContinueAsNewException((BusinessWorkflow wf) => wf.RunAsync(next));
    }

    /// <summary>
    /// A new token from the OAuth callback. The latest by <see cref="BusinessTokenGrant.GrantedAt"/> wins, so two
    /// consents racing each other, delivered out of order, still leave the newer token.
    /// </summary>
    [WorkflowSignal(TokenGrantedSignal)]
    public Task GrantTokenAsync(BusinessTokenGrant granted)
    {
        if (grant is null || granted.GrantedAt >= grant.GrantedAt)
        {
            grant = granted;
        }

        return Task.CompletedTask;
    }
}
