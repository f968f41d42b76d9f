using Temporalio.Api.Workflow.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Client.Interceptors;
using Temporalio.Converters;
using Payloads = Temporalio.Api.Common.V1.Payloads;

namespace TemporalBridge.Testing.Temporal;

/// <summary>
/// Answers an <see cref="ITemporalClient"/>'s calls from the offline environment, so product code (an API handler,
/// an activity) uses its real client unchanged. Any call not answered here falls through to the client's
/// connection, which points nowhere: it fails at once with "connection refused", never silently.
/// </summary>
public sealed class OfflineClientInterceptor : IClientInterceptor
{
    private readonly OfflineTemporalEnvironment environment;
    private ITemporalClient? client;

    internal OfflineClientInterceptor(OfflineTemporalEnvironment environment) => this.environment = environment;

    /// <summary>A lazy client that never connects: port 1 refuses, so nothing unanswered can pass unnoticed.</summary>
    internal ITemporalClient CreateClient(string @namespace, DataConverter dataConverter)
    {
        client = TemporalClient.CreateLazy(new TemporalClientConnectOptions("127.0.0.1:1")
        {
            Namespace = @namespace,
            DataConverter = dataConverter,
            Interceptors = [this],
        });
        return client;
    }

    public ClientOutboundInterceptor InterceptClient(ClientOutboundInterceptor nextInterceptor) =>
        new Outbound(nextInterceptor, this);

    private sealed class Outbound(ClientOutboundInterceptor next, OfflineClientInterceptor owner) : ClientOutboundInterceptor(next)
    {
        private OfflineTemporalEnvironment Environment => owner.environment;

        /// <summary>Handles must point at the client the call came through; a DI-built client registers itself on first use.</summary>
        private ITemporalClient Client => owner.client ?? throw new InvalidOperationException("The offline client is not built yet.");

        /// <summary>Arguments become payloads as the client would send them: converted, then through the codec.</summary>
        private Task<Payloads> ToPayloadsAsync(IReadOnlyCollection<object?>? values) => Environment.Payloads.EncodeAsync(values ?? []);

        public override async Task<WorkflowHandle<TWorkflow, TResult>> StartWorkflowAsync<TWorkflow, TResult>(StartWorkflowInput input)
        {
            var startSignal = input.Options.StartSignal;
            var arguments = await ToPayloadsAsync(input.Args);
            var signalArguments = startSignal == null ? null : await ToPayloadsAsync(input.Options.StartSignalArgs);
            var runId = await Environment.WithGateAsync(() => Environment.StartFromClient(
                input.Workflow, input.Options, arguments, startSignal, signalArguments));
            return new WorkflowHandle<TWorkflow, TResult>(Client, input.Options.Id!, RunId: runId, ResultRunId: runId, FirstExecutionRunId: runId);
        }

        public override async Task SignalWorkflowAsync(SignalWorkflowInput input)
        {
            var arguments = await ToPayloadsAsync(input.Args);
            await Environment.WithGateAsync(() =>
            {
                Environment.SignalFromClient(input.Id, input.RunId, input.Signal, arguments);
                return true;
            });
        }

        public override async Task<TResult> QueryWorkflowAsync<TResult>(QueryWorkflowInput input) =>
            (TResult)(await Environment.WithGateAsync(() =>
                Environment.QueryFromClientAsync(input.Id, input.RunId, input.Query, input.Args, typeof(TResult))))!;

        public override Task CancelWorkflowAsync(CancelWorkflowInput input) =>
            Environment.WithGateAsync(() =>
            {
                Environment.CancelFromClient(input.Id, input.RunId);
                return true;
            });

        public override Task TerminateWorkflowAsync(TerminateWorkflowInput input) =>
            Environment.WithGateAsync(() =>
            {
                Environment.TerminateFromClient(input.Id, input.RunId, input.Reason);
                return true;
            });

        public override async Task<WorkflowExecutionDescription> DescribeWorkflowAsync(DescribeWorkflowInput input)
        {
            var info = await Environment.WithGateAsync(() => Environment.Describe(input.Id, input.RunId));
            return new OfflineDescription(new DescribeWorkflowExecutionResponse { WorkflowExecutionInfo = info }, Client.Options.DataConverter);
        }

        public override async IAsyncEnumerable<WorkflowExecution> ListWorkflowsAsync(ListWorkflowsInput input)
        {
            var infos = await Environment.WithGateAsync(() => Environment.List(input.Query));
            // As in the SDK, a limit of 0 (the default) means no limit.
            foreach (var info in infos.Take(input.Options?.Limit is > 0 and var limit ? limit : int.MaxValue))
            {
                yield return new OfflineExecution(info, Client.Options.DataConverter, Environment.Namespace);
            }
        }

        /// <summary>Behind <c>GetResultAsync</c>: the SDK asks for the run's close event. An open workflow is first
        /// driven until idle; if it still has not closed it waits on a signal or on time, which only the test can give.</summary>
        public override async Task<WorkflowHistoryEventPage> FetchWorkflowHistoryEventPageAsync(FetchWorkflowHistoryEventPageInput input)
        {
            var closeEvent = await Environment.WithGateAsync(() => Environment.CloseEvent(input.Id, input.RunId));
            if (closeEvent == null && input.WaitNewEvent)
            {
                await Environment.RunUntilIdleAsync();
                closeEvent = await Environment.WithGateAsync(() => Environment.CloseEvent(input.Id, input.RunId));
            }
            if (closeEvent == null)
            {
                throw new InvalidOperationException(
                    $"Workflow '{input.Id}' is still running offline: it waits for a signal or for time to pass. " +
                    "Send what it waits for or call AdvanceTimeAsync before reading its result.");
            }
            return new WorkflowHistoryEventPage([closeEvent], null);
        }
    }

    /// <summary>The SDK's description and execution types have protected constructors; these expose them.</summary>
    private sealed class OfflineDescription(DescribeWorkflowExecutionResponse raw, DataConverter converter)
        : WorkflowExecutionDescription(raw, converter);

    private sealed class OfflineExecution(WorkflowExecutionInfo info, DataConverter converter, string @namespace)
        : WorkflowExecution(info, converter, @namespace);
}
