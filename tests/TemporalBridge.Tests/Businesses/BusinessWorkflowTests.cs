using System.Text;
using Google.Protobuf;
using TemporalBridge.Businesses;
using TemporalBridge.Temporal;
using Temporalio.Api.Enums.V1;

namespace TemporalBridge.Tests.Businesses;

public sealed class BusinessWorkflowTests
{
    private const string Business = "abcdefgh12345678";
    private static readonly DateTimeOffset Granted = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void BusinessWorkflowIdIsPrefixedAndDeterministic()
    {
        WorkflowIds.Business(Business).Should().Be("business:abcdefgh12345678");
        WorkflowIds.Business(Business).Should().Be(WorkflowIds.Business(Business));
        ((Action)(() => WorkflowIds.Business("a:b"))).Should().Throw<ArgumentException>();
        ((Action)(() => WorkflowIds.Business(""))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task AStoredGrantStartsTheBusinessWorkflowAndIsReadBack()
    {
        await using var kit = new BusinessKit();

        await kit.Tokens.StoreAsync(Business, new BusinessTokenGrant("token-1", Granted, "whatsapp"));
        await kit.Temporal.RunUntilIdleAsync();

        var workflow = kit.Workflow(Business);
        workflow.Status.Should().Be(WorkflowExecutionStatus.Running, "the business workflow lives on");
        workflow.SearchAttribute<string>(BridgeSearchAttributes.BusinessUid.Name).Should().Be(Business);
        // A fresh store with an empty cache reads it from the workflow itself.
        var reader = new BusinessKitReader(kit);
        (await reader.Tokens.GetAsync(Business)).Should().Be(new BusinessTokenGrant("token-1", Granted, "whatsapp"));
    }

    [Fact]
    public async Task ANewerGrantReplacesTheOldOneButALateOlderOneDoesNot()
    {
        await using var kit = new BusinessKit();

        await kit.Tokens.StoreAsync(Business, new BusinessTokenGrant("token-1", Granted, "whatsapp"));
        await kit.Tokens.StoreAsync(Business, new BusinessTokenGrant("token-3", Granted.AddMinutes(2), "whatsapp"));
        await kit.Tokens.StoreAsync(Business, new BusinessTokenGrant("token-2", Granted.AddMinutes(1), "whatsapp"));
        await kit.Temporal.RunUntilIdleAsync();

        kit.Temporal.Workflows.Should().ContainSingle("every grant of a business goes to its one workflow");
        (await new BusinessKitReader(kit).Tokens.GetAsync(Business)).AccessToken.Should().Be("token-3");
    }

    [Fact]
    public async Task TheGrantSurvivesContinueAsNew()
    {
        await using var kit = new BusinessKit(suggestContinueAsNewAfterEvents: 12);

        for (var i = 1; i <= 6; i++)
        {
            await kit.Tokens.StoreAsync(Business, new BusinessTokenGrant($"token-{i}", Granted.AddMinutes(i), "whatsapp"));
            await kit.Temporal.RunUntilIdleAsync();
        }

        var workflow = kit.Workflow(Business);
        workflow.Runs.Should().HaveCountGreaterThan(1, "a long history continues as new");
        workflow.IsOpen.Should().BeTrue();
        workflow.SearchAttribute<string>(BridgeSearchAttributes.BusinessUid.Name).Should().Be(Business);
        (await new BusinessKitReader(kit).Tokens.GetAsync(Business)).AccessToken.Should().Be("token-6");
    }

    [Fact]
    public async Task AnUnknownBusinessIsReportedAsNotConnected()
    {
        await using var kit = new BusinessKit();

        var read = () => kit.Tokens.GetAsync("neverconnected01");

        (await read.Should().ThrowAsync<BusinessNotConnectedException>())
            .Which.BusinessUid.Should().Be("neverconnected01");
    }

    [Fact]
    public async Task AGrantIsReadFromMemoryUntilTheCacheRunsOut()
    {
        await using var kit = new BusinessKit();
        await kit.Tokens.StoreAsync(Business, new BusinessTokenGrant("token-1", Granted, "whatsapp"));
        await kit.Temporal.RunUntilIdleAsync();
        var reader = new BusinessKitReader(kit);

        await reader.Tokens.GetAsync(Business);
        await reader.Tokens.GetAsync(Business);
        kit.Workflow(Business).BillableActions.Queries.Should().Be(1, "the second read comes from memory");

        reader.Clock.Advance(BusinessTokens.CacheLifetime);
        await reader.Tokens.GetAsync(Business);
        kit.Workflow(Business).BillableActions.Queries.Should().Be(2, "an expired entry asks the workflow again");

        reader.Tokens.Invalidate(Business);
        await reader.Tokens.GetAsync(Business);
        kit.Workflow(Business).BillableActions.Queries.Should().Be(3, "an invalidated entry asks the workflow again");
    }

    [Fact]
    public async Task TheTokenIsInNoHistoryInPlaintext()
    {
        await using var kit = new BusinessKit(suggestContinueAsNewAfterEvents: 12);
        const string token = "plaintext-business-token-0123456789";

        for (var i = 0; i < 4; i++)
        {
            await kit.Tokens.StoreAsync(Business, new BusinessTokenGrant(token, Granted.AddMinutes(i), "whatsapp"));
            await kit.Temporal.RunUntilIdleAsync();
        }

        var runs = kit.Workflow(Business).Runs;
        runs.Should().HaveCountGreaterThan(1, "the continued run's input carries the grant too");
        var events = runs.SelectMany(r => r.Events).ToList();
        // Search attributes are never encoded (the server indexes them); every argument and input is.
        var arguments = events.SelectMany(e => e.EventType switch
        {
            EventType.WorkflowExecutionSignaled => e.WorkflowExecutionSignaledEventAttributes.Input.Payloads_,
            EventType.WorkflowExecutionStarted => e.WorkflowExecutionStartedEventAttributes.Input.Payloads_,
            _ => [],
        }).ToList();
        arguments.Should().HaveCountGreaterThan(4);
        arguments.Should().OnlyContain(p => p.Metadata["encoding"].ToStringUtf8() == "binary/encrypted");

        var bytes = events.SelectMany(e => e.ToByteArray()).ToArray();
        bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token)).Should().Be(-1, "the token must be stored only encrypted");
    }

    [Fact]
    public void AGrantPrintsWithoutItsToken()
    {
        new BusinessTokenGrant("secret-token", Granted, "whatsapp").ToString().Should().NotContain("secret-token").And.Contain("whatsapp");
    }

    /// <summary>Another process's token store: same Temporal, its own memory and clock.</summary>
    private sealed class BusinessKitReader
    {
        public BusinessKitReader(BusinessKit kit) =>
            Tokens = new(kit.Temporal.Client, Microsoft.Extensions.Options.Options.Create(new TemporalOptions { TaskQueue = BusinessKit.TaskQueue }),
                Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<BusinessTokens>.Instance);

        public ManualTime Clock { get; } = new();

        public BusinessTokens Tokens { get; }
    }
}
