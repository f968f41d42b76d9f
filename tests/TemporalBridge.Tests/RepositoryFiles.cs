using System.Runtime.CompilerServices;

namespace TemporalBridge.Tests;

/// <summary>Files of this repository that tests read (the README, the search-attribute list, the product's sources),
/// found from this source file's path so the binaries may be built anywhere.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The full path of <paramref name="relativePath"/> (written with '/') under the repository's root.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(thisFile), AppContext.BaseDirectory })
        {
            for (var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "TemporalBridge.sln")))
                {
                    return directory.FullName;
                }
            }
        }
        throw new InvalidOperationException("TemporalBridge.sln not found above this test's source or binaries.");
    }
}
