using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TemporalBridge.Tests.Architecture;

/// <summary>
/// Finds what would make workflow code differ on replay: the machine's clock, new random values or Guids, .NET's own
/// timers and thread pool, and I/O. Temporal replays a workflow's code against its history, so such code must go
/// through <c>Workflow.UtcNow</c>, <c>Workflow.NewGuid</c>, <c>Workflow.Random</c>, <c>Workflow.DelayAsync</c> or an
/// activity. The rule covers every <c>*.workflow.cs</c> file and every method of the bridge it calls, wherever that
/// method lives, so a helper cannot carry a forbidden call in. A lambda that only describes a call for Temporal to
/// schedule (an activity or a child workflow, written as an expression tree) is not run by the workflow and is skipped.
/// </summary>
public static class WorkflowDeterminism
{
    public const string FileSuffix = ".workflow.cs";

    /// <summary>Types the workflow must not touch at all, and why.</summary>
    private static readonly Dictionary<string, string> ForbiddenTypes = new(StringComparer.Ordinal)
    {
        ["System.Random"] = "random values differ on replay: use Workflow.Random",
        ["System.Security.Cryptography.RandomNumberGenerator"] = "random values differ on replay: use Workflow.Random",
        ["System.Diagnostics.Stopwatch"] = "reads the machine's clock: use Workflow.UtcNow",
        ["System.TimeProvider"] = "reads the machine's clock: use Workflow.UtcNow",
        ["System.Environment"] = "reads the machine, not the history",
        ["System.Console"] = "is I/O: use Workflow.Logger",
        ["System.Threading.Thread"] = "runs outside Temporal's scheduler",
        ["System.Threading.ThreadPool"] = "runs outside Temporal's scheduler",
        ["System.Threading.Timer"] = "is a machine timer: use Workflow.DelayAsync",
        ["System.Timers.Timer"] = "is a machine timer: use Workflow.DelayAsync",
        ["System.Threading.SemaphoreSlim"] = "waits on machine timers: use Temporalio.Workflows.Semaphore",
        ["System.Threading.Tasks.Parallel"] = "runs outside Temporal's scheduler",
        ["System.Threading.Tasks.TaskFactory"] = "runs outside Temporal's scheduler",
    };

    /// <summary>Members the workflow must not use, and why.</summary>
    private static readonly Dictionary<string, string> ForbiddenMembers = new(StringComparer.Ordinal)
    {
        ["System.DateTime.Now"] = "reads the machine's clock: use Workflow.UtcNow",
        ["System.DateTime.UtcNow"] = "reads the machine's clock: use Workflow.UtcNow",
        ["System.DateTime.Today"] = "reads the machine's clock: use Workflow.UtcNow",
        ["System.DateTimeOffset.Now"] = "reads the machine's clock: use Workflow.UtcNow",
        ["System.DateTimeOffset.UtcNow"] = "reads the machine's clock: use Workflow.UtcNow",
        ["System.Guid.NewGuid"] = "a new Guid differs on replay: use Workflow.NewGuid",
        ["System.Guid.CreateVersion7"] = "a new Guid differs on replay: use Workflow.NewGuid",
        ["System.Threading.Tasks.Task.Delay"] = "is a machine timer: use Workflow.DelayAsync",
        ["System.Threading.Tasks.Task.Run"] = "runs outside Temporal's scheduler",
        ["System.Threading.Tasks.Task.Factory"] = "runs outside Temporal's scheduler",
        ["System.Threading.Tasks.Task.WhenAny"] = "is not ordered by Temporal's scheduler: use Workflow.WhenAnyAsync",
        ["System.Threading.Tasks.Task.WhenAll"] = "use Workflow.WhenAllAsync",
        ["System.Threading.CancellationTokenSource.CancelAfter"] = "is a machine timer: use Workflow.DelayAsync",
    };

    /// <summary>Namespaces that are I/O, whatever the type.</summary>
    private static readonly string[] IoNamespaces =
    [
        "System.IO", "System.Net", "System.Data", "StackExchange.Redis", "Refit", "Microsoft.Extensions.Http",
    ];

    /// <summary>One forbidden use: where it is, what it uses, why not, and the workflow file line it was reached from.</summary>
    public sealed record Violation(string Location, string Used, string Why, string ReachedFrom)
    {
        public override string ToString() =>
            Location == ReachedFrom ? $"{Location}: {Used} {Why}" : $"{Location}: {Used} {Why} (reached from {ReachedFrom})";
    }

    /// <summary>Every forbidden use in the compilation's <c>*.workflow.cs</c> files and in what they call.</summary>
    public static IReadOnlyList<Violation> Find(Compilation compilation)
    {
        var found = new List<Violation>();
        var visited = new HashSet<SyntaxNode>();
        var pending = new Queue<(SyntaxNode Node, string ReachedFrom)>();
        foreach (var tree in compilation.SyntaxTrees.Where(IsWorkflowFile))
        {
            pending.Enqueue((tree.GetRoot(), ""));
        }

        while (pending.TryDequeue(out var item))
        {
            if (!visited.Add(item.Node))
            {
                continue;
            }
            var model = compilation.GetSemanticModel(item.Node.SyntaxTree);
            foreach (var node in item.Node.DescendantNodesAndSelf(descendIntoChildren: child => !IsScheduledCall(child, model)))
            {
                if (node is not (SimpleNameSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax))
                {
                    continue;
                }
                var symbol = Bound(model, node);
                if (symbol is null)
                {
                    continue;
                }
                var here = Where(node);
                var reachedFrom = item.ReachedFrom.Length == 0 ? here : item.ReachedFrom;
                if (Why(symbol) is { } why)
                {
                    found.Add(new Violation(here, Name(symbol), why, reachedFrom));
                    continue;
                }
                foreach (var body in BodiesOutsideWorkflowFiles(symbol))
                {
                    pending.Enqueue((body, reachedFrom));
                }
            }
        }
        return [.. found.Distinct()];
    }

    public static bool IsWorkflowFile(SyntaxTree tree) => tree.FilePath.EndsWith(FileSuffix, StringComparison.Ordinal);

    private static ISymbol? Bound(SemanticModel model, SyntaxNode node)
    {
        var info = model.GetSymbolInfo(node);
        return info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
    }

    /// <summary>A lambda converted to an expression tree only describes a call (an activity, a child workflow) for
    /// Temporal to schedule elsewhere; the workflow never runs it.</summary>
    private static bool IsScheduledCall(SyntaxNode node, SemanticModel model) =>
        node is LambdaExpressionSyntax lambda
        && model.GetTypeInfo(lambda).ConvertedType is INamedTypeSymbol { Name: "Expression" } type
        && type.ContainingNamespace.ToDisplayString() == "System.Linq.Expressions";

    private static string? Why(ISymbol symbol)
    {
        var member = symbol is IMethodSymbol { ReducedFrom: { } extension } ? extension : symbol;
        if (member is INamedTypeSymbol named && ForbiddenTypes.TryGetValue(Name(named.OriginalDefinition), out var typeReason))
        {
            return typeReason;
        }
        if (ForbiddenMembers.TryGetValue(Name(member), out var memberReason))
        {
            return memberReason;
        }
        var type = member as INamedTypeSymbol ?? member.ContainingType;
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (ForbiddenTypes.TryGetValue(Name(current.OriginalDefinition), out var reason))
            {
                return reason;
            }
        }
        var ns = type?.ContainingNamespace?.ToDisplayString() ?? "";
        return IoNamespaces.Any(io => ns == io || ns.StartsWith(io + ".", StringComparison.Ordinal)) ? "is I/O: call an activity" : null;
    }

    /// <summary>The bodies the bridge declares for a method, property or constructor outside workflow files (those are
    /// checked on their own), so a helper is held to the workflow's rule.</summary>
    private static IEnumerable<SyntaxNode> BodiesOutsideWorkflowFiles(ISymbol symbol)
    {
        if (symbol is not (IMethodSymbol or IPropertySymbol))
        {
            return [];
        }
        return symbol.DeclaringSyntaxReferences
            .Where(reference => !IsWorkflowFile(reference.SyntaxTree))
            .Select(reference => reference.GetSyntax());
    }

    private static string Name(ISymbol symbol) => symbol switch
    {
        INamedTypeSymbol type => type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat.WithGenericsOptions(SymbolDisplayGenericsOptions.None)),
        _ when symbol.ContainingType is { } type => $"{Name(type.OriginalDefinition)}.{(symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ? "ctor" : symbol.Name)}",
        _ => symbol.Name,
    };

    private static string Where(SyntaxNode node)
    {
        var span = node.GetLocation().GetLineSpan();
        return $"{Path.GetFileName(span.Path)}:{span.StartLinePosition.Line + 1}";
    }
}
