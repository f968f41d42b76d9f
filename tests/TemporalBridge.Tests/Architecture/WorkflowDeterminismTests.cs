namespace TemporalBridge.Tests.Architecture;

/// <summary>The determinism check itself: each forbidden use is found, directly or through a helper, and what Temporal
/// offers instead passes.</summary>
public sealed class WorkflowDeterminismTests
{
    [Theory]
    [InlineData("var now = System.DateTime.UtcNow;", "System.DateTime.UtcNow")]
    [InlineData("var now = System.DateTime.Now;", "System.DateTime.Now")]
    [InlineData("var now = System.DateTimeOffset.UtcNow;", "System.DateTimeOffset.UtcNow")]
    [InlineData("var today = System.DateTime.Today;", "System.DateTime.Today")]
    [InlineData("var id = System.Guid.NewGuid();", "System.Guid.NewGuid")]
    [InlineData("await System.Threading.Tasks.Task.Delay(10);", "System.Threading.Tasks.Task.Delay")]
    [InlineData("await System.Threading.Tasks.Task.Run(() => 1);", "System.Threading.Tasks.Task.Run")]
    [InlineData("await System.Threading.Tasks.Task.WhenAny(System.Threading.Tasks.Task.CompletedTask);", "System.Threading.Tasks.Task.WhenAny")]
    [InlineData("var n = new System.Random().Next();", "System.Random")]
    [InlineData("var n = System.Random.Shared.Next();", "System.Random")]
    [InlineData("var ticks = System.Diagnostics.Stopwatch.GetTimestamp();", "System.Diagnostics.Stopwatch")]
    [InlineData("var ticks = System.Environment.TickCount64;", "System.Environment")]
    [InlineData("var now = System.TimeProvider.System.GetUtcNow();", "System.TimeProvider")]
    [InlineData("var text = System.IO.File.ReadAllText(\"x\");", "System.IO.File")]
    [InlineData("using var http = new System.Net.Http.HttpClient();", "System.Net.Http.HttpClient")]
    [InlineData("System.Console.WriteLine(\"x\");", "System.Console")]
    [InlineData("System.Threading.Thread.Sleep(1);", "System.Threading.Thread")]
    [InlineData("using var cts = new System.Threading.CancellationTokenSource(); cts.CancelAfter(5);", "System.Threading.CancellationTokenSource.CancelAfter")]
    public void EachForbiddenUseInAWorkflowFileIsFound(string statement, string used)
    {
        var found = WorkflowDeterminism.Find(Compile(("Bad.workflow.cs", Method(statement))));

        found.Should().Contain(v => v.Used.StartsWith(used, StringComparison.Ordinal) && v.Location.StartsWith("Bad.workflow.cs:", StringComparison.Ordinal));
    }

    [Fact]
    public void AForbiddenUseInAHelperIsFoundFromTheWorkflowFileThatCallsIt()
    {
        var found = WorkflowDeterminism.Find(Compile(
            ("Caller.workflow.cs", Method("var id = Helpers.Stamp();")),
            ("Helpers.cs", "public static class Helpers { public static string Stamp() => System.DateTime.UtcNow.ToString(); }")));

        found.Should().ContainSingle().Which.ToString()
            .Should().Be("Helpers.cs:1: System.DateTime.UtcNow reads the machine's clock: use Workflow.UtcNow (reached from Caller.workflow.cs:3)");
    }

    [Fact]
    public void TheSameUseOutsideWorkflowFilesAndTheirHelpersIsNotTheCheckBusiness()
    {
        WorkflowDeterminism.Find(Compile(("Activities.cs", Method("var now = System.DateTime.UtcNow;")))).Should().BeEmpty();
    }

    [Fact]
    public void TemporalsOwnClockRandomTimersAndScheduledActivitiesPass()
    {
        var found = WorkflowDeterminism.Find(Compile(
            ("Good.workflow.cs", Method(
                "var now = Temporalio.Workflows.Workflow.UtcNow; var id = Temporalio.Workflows.Workflow.NewGuid(); " +
                "var n = Temporalio.Workflows.Workflow.Random.Next(); await Temporalio.Workflows.Workflow.DelayAsync(System.TimeSpan.FromSeconds(1)); " +
                "await Temporalio.Workflows.Workflow.ExecuteActivityAsync((Io io) => io.ReadAsync(), new Temporalio.Workflows.ActivityOptions { StartToCloseTimeout = System.TimeSpan.FromSeconds(5) });")),
            ("Io.cs", "public class Io { public System.Threading.Tasks.Task<string> ReadAsync() => System.IO.File.ReadAllTextAsync(\"x\"); }")));

        found.Should().BeEmpty();
    }

    private static string Method(string statement) =>
        "public class Code\n{\n    public async System.Threading.Tasks.Task RunAsync() { " + statement + " await System.Threading.Tasks.Task.CompletedTask; }\n}\n";

    private static Microsoft.CodeAnalysis.Compilation Compile(params (string Path, string Text)[] files) => ProductCompilation.Of(files);
}
