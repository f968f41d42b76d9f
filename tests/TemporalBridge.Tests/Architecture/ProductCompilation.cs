using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TemporalBridge.Tests.Architecture;

/// <summary>
/// The bridge's sources compiled in memory, so a test can ask what each call in a file really binds to. Source
/// generators do not run here: the members they would add are missing, which only matters to files that use them
/// (<see cref="WorkflowFilesTests"/> checks that workflow files bind without an error).
/// </summary>
public static class ProductCompilation
{
    private static readonly Lazy<CSharpCompilation> Bridge = new(() => Of(
        Directory.EnumerateFiles(RepositoryFiles.PathOf("src/TemporalBridge"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path))
            .Append(ImplicitUsings("src/TemporalBridge"))
            .Select(path => (path, File.ReadAllText(path)))));

    /// <summary>Every source file of the bridge (src/TemporalBridge), compiled together.</summary>
    public static CSharpCompilation OfTheBridge() => Bridge.Value;

    /// <summary>The given files, compiled against what the bridge compiles against.</summary>
    public static CSharpCompilation Of(IEnumerable<(string Path, string Text)> files) =>
        CSharpCompilation.Create(
            "Compiled",
            files.Select(file => CSharpSyntaxTree.ParseText(file.Text, Options, file.Path)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview);

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        // The platform's assemblies, then the packages copied beside the tests (a package's copy wins over the
        // platform's). The bridge's own assembly is left out: its types come from the sources.
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
        {
            byName[Path.GetFileName(path)] = path;
        }
        foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
        {
            byName[Path.GetFileName(path)] = path;
        }
        return [.. byName
            .Where(entry => !entry.Key.StartsWith("TemporalBridge", StringComparison.OrdinalIgnoreCase))
            .Select(entry => MetadataReference.CreateFromFile(entry.Value))];
    });

    /// <summary>The global usings the SDK generated for the project at its last build (the tests' build builds it).</summary>
    private static string ImplicitUsings(string project) =>
        new DirectoryInfo(RepositoryFiles.PathOf($"{project}/obj"))
            .EnumerateFiles("*.GlobalUsings.g.cs", SearchOption.AllDirectories)
            .OrderByDescending(file => file.LastWriteTimeUtc)
            .FirstOrDefault()?.FullName
        ?? throw new InvalidOperationException($"{project} has no generated global usings: build it first.");

    private static bool IsBuildOutput(string path)
    {
        var separator = Path.DirectorySeparatorChar;
        return path.Contains($"{separator}obj{separator}", StringComparison.Ordinal) || path.Contains($"{separator}bin{separator}", StringComparison.Ordinal);
    }
}
