using System.Text;
using Google.Protobuf;
using TemporalBridge.Testing.Temporal;
using TemporalBridge.Testing.Tests.Workflows;
using Temporalio.Api.Common.V1;
using Temporalio.Client;
using Temporalio.Converters;

namespace TemporalBridge.Testing.Tests;

/// <summary>With a payload codec (the bridge encrypts), the kit writes histories as an encrypting worker and
/// client would: nothing readable in any event, and every value still arrives where it should.</summary>
public sealed class PayloadCodecTests
{
    /// <summary>Stands in for encryption: reversible, and leaves no plaintext byte in place.</summary>
    private sealed class ScramblingCodec : IPayloadCodec
    {
        public Task<IReadOnlyCollection<Payload>> EncodeAsync(IReadOnlyCollection<Payload> payloads) =>
            Task.FromResult<IReadOnlyCollection<Payload>>(payloads.Select(p => new Payload
            {
                Metadata = { ["encoding"] = ByteString.CopyFromUtf8("binary/scrambled") },
                Data = ByteString.CopyFrom(Scramble(p.ToByteArray())),
            }).ToList());

        public Task<IReadOnlyCollection<Payload>> DecodeAsync(IReadOnlyCollection<Payload> payloads) =>
            Task.FromResult<IReadOnlyCollection<Payload>>(payloads.Select(p =>
                p.Metadata.TryGetValue("encoding", out var encoding) && encoding.ToStringUtf8() == "binary/scrambled"
                    ? Payload.Parser.ParseFrom(Scramble(p.Data.ToByteArray()))
                    : p).ToList());

        private static byte[] Scramble(byte[] bytes) => bytes.Select(b => (byte)(b ^ 0x5A)).ToArray();
    }

    private static OfflineTemporalEnvironment Create(KitActivities activities)
    {
        var options = KitEnvironment.Workload(activities);
        options.DataConverter = DataConverter.Default with { PayloadCodec = new ScramblingCodec() };
        return new OfflineTemporalEnvironment(options);
    }

    [Fact]
    public async Task InputsResultsAndSignalsAreEncodedInHistoryAndDecodedWhereTheyAreUsed()
    {
        await using var env = Create(new KitActivities());
        var echo = await env.Client.StartWorkflowAsync(
            (CallActivityWorkflow wf) => wf.RunAsync(new ActivityCall("Echo", "top-secret-text")), new WorkflowOptions("echo", "offline-tests"));
        var approval = await env.Client.StartWorkflowAsync((ApprovalWorkflow wf) => wf.RunAsync(60), new WorkflowOptions("approval", "offline-tests"));
        await approval.SignalAsync(wf => wf.ApproveAsync("secret-approver"));
        await env.RunUntilIdleAsync();

        (await echo.GetResultAsync()).Should().Be("echo:top-secret-text after 0s");
        (await env.Workflow("echo").ResultAsync<string>()).Should().Be("echo:top-secret-text after 0s");
        (await approval.GetResultAsync()).Should().Be("approved by secret-approver at +0m");
        ShouldHoldNoPlaintext(env, "top-secret-text", "secret-approver");
    }

    [Fact]
    public async Task ActivityFailureDetailsAreEncodedAndStillReachTheWorkflow()
    {
        await using var env = Create(new KitActivities());

        var result = await env.Client.ExecuteWorkflowAsync(
            (CallActivityWorkflow wf) => wf.RunAsync(new ActivityCall("Rejecting", "x")), new WorkflowOptions("reject", "offline-tests"));

        result.Should().Contain("details=detail-1");
        ShouldHoldNoPlaintext(env, "detail-1");
    }

    [Fact]
    public async Task WithoutACodecThePlaintextCheckFindsTheSecret()
    {
        await using var env = KitEnvironment.Create(new KitActivities());
        await env.Client.ExecuteWorkflowAsync(
            (CallActivityWorkflow wf) => wf.RunAsync(new ActivityCall("Echo", "top-secret-text")), new WorkflowOptions("echo", "offline-tests"));

        EventsShowing(env, "top-secret-text").Should().NotBeEmpty("the plaintext search must be able to find what is there");
    }

    private static List<Temporalio.Api.History.V1.HistoryEvent> EventsShowing(OfflineTemporalEnvironment env, string secret)
    {
        var plaintext = Encoding.UTF8.GetBytes(secret);
        return env.Workflows.SelectMany(w => w.Runs).SelectMany(r => r.Events)
            .Where(e => e.ToByteArray().AsSpan().IndexOf(plaintext) >= 0).ToList();
    }

    private static void ShouldHoldNoPlaintext(OfflineTemporalEnvironment env, params string[] secrets)
    {
        var histories = env.Workflows.SelectMany(w => w.Runs).SelectMany(r => r.Events).ToList();
        HistoryPayloads.All(histories).Should().NotBeEmpty()
            .And.OnlyContain(p => p.Payload.Metadata["encoding"].ToStringUtf8() == "binary/scrambled");
        foreach (var secret in secrets)
        {
            EventsShowing(env, secret).Should().BeEmpty($"'{secret}' must not be readable in history");
        }
    }
}
