using Microsoft.CodeAnalysis;

namespace TemporalBridge.Tests.Architecture;

/// <summary>The determinism boundary: workflow code lives in <c>*.workflow.cs</c> files, and those files (and every
/// helper of the bridge they call) use nothing that differs on replay.</summary>
public sealed class WorkflowFilesTests
{
    [Fact]
    public void WorkflowFilesBindWithoutErrorsSoTheCheckSeesWhatTheyCall()
    {
        var errors = ProductCompilation.OfTheBridge().GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && WorkflowDeterminism.IsWorkflowFile(tree))
            .Select(d => d.ToString());

        errors.Should().BeEmpty();
    }

    [Fact]
    public void NoWorkflowFileCallsTheClockRandomTimersThreadsOrIo()
    {
        var compilation = ProductCompilation.OfTheBridge();
        compilation.SyntaxTrees.Count(WorkflowDeterminism.IsWorkflowFile).Should().BeGreaterThanOrEqualTo(5, "the bridge has five workflows");

        WorkflowDeterminism.Find(compilation).Select(v => v.ToString()).Should().BeEmpty();
    }

    [Fact]
    public void EveryWorkflowIsDeclaredInAWorkflowFile()
    {
        var compilation = ProductCompilation.OfTheBridge();
        var outside = compilation.SyntaxTrees
            .Where(tree => !WorkflowDeterminism.IsWorkflowFile(tree))
            .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>()
                .Where(type => type.AttributeLists.SelectMany(list => list.Attributes).Any(a => a.Name.ToString() is "Workflow" or "Temporalio.Workflows.Workflow"))
                .Select(type => $"{Path.GetFileName(tree.FilePath)}: {type.Identifier}"));

        outside.Should().BeEmpty();
    }

    [Fact]
    public void NoWorkflowFileNamesAProvider()
    {
        var named = Directory.EnumerateFiles(RepositoryFiles.PathOf("src/TemporalBridge"), "*" + WorkflowDeterminism.FileSuffix, SearchOption.AllDirectories)
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(x => ProviderWords.Any(word => x.line.Contains(word, StringComparison.OrdinalIgnoreCase)))
            .Select(x => $"{Path.GetFileName(x.path)}:{x.index + 1}: {x.line.Trim()}");

        named.Should().BeEmpty("workflows speak only the provider-neutral language");
    }

    private static readonly string[] ProviderWords = ["whatsapp", "messenger", "instagram", "wamid", "wa_id", "psid", "graph api"];
}
