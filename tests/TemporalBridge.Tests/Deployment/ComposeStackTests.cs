using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace TemporalBridge.Tests.Deployment;

/// <summary>
/// No Docker engine runs here, so what <c>docker compose up</c> depends on is read from the files themselves: every
/// setting <c>.env.example</c> offers reaches a container, and the images build the same way on any day.
/// </summary>
public sealed partial class ComposeStackTests
{
    private static readonly string[] Dockerfiles = ["src/TemporalBridge/Dockerfile", "src/TemporalBridge.Sandbox/Dockerfile"];

    [Fact]
    public void EverySettingTheEnvExampleOffersIsPassedToAContainer()
    {
        var compose = File.ReadAllText(RepositoryFiles.PathOf("docker-compose.yml"));
        var offered = File.ReadAllLines(RepositoryFiles.PathOf(".env.example"))
            .Select(line => SettingLine().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["name"].Value)
            .ToList();

        offered.Should().Contain(["Pacing__MaxWaitSeconds", "Vcita__DirectoryToken", "ASPNETCORE_ENVIRONMENT"], "the file is read line by line");
        offered.Where(name => !compose.Contains("${" + name + ":-", StringComparison.Ordinal))
            .Should().BeEmpty("compose reads .env only through ${NAME:-default}: a setting it never interpolates does nothing");
    }

    [Fact]
    public void TheSandboxAcceptsTheDirectoryTokenTheBridgeRegistersWith()
    {
        var compose = File.ReadAllText(RepositoryFiles.PathOf("docker-compose.yml"));

        compose.Should().Contain("Vcita__DirectoryToken: ${Vcita__DirectoryToken:-dev-directory-token}")
            .And.Contain("Sandbox__Vcita__DirectoryToken: ${Vcita__DirectoryToken:-dev-directory-token}");
    }

    [Fact]
    public void TheTimelineLinksWorkflowsWhereTheBrowserReachesTheUiInTheBridgesNamespace()
    {
        var compose = File.ReadAllText(RepositoryFiles.PathOf("docker-compose.yml"));

        // The UI is published on the host's port 8233, and the link is opened by the visitor's browser there.
        compose.Should().Contain("\"127.0.0.1:8233:8233\"")
            .And.Contain("Sandbox__TemporalUiUrl: http://localhost:8233")
            .And.Contain("Sandbox__TemporalNamespace: ${Temporal__Namespace:-default}")
            .And.Contain("Temporal__Namespace: ${Temporal__Namespace:-default}");
    }

    [Fact]
    public void BothImagesBuildWithTheSameExactSdkWithinGlobalJsonsBand()
    {
        using var globalJson = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("global.json")));
        var wanted = Version.Parse(globalJson.RootElement.GetProperty("sdk").GetProperty("version").GetString()!);

        var sdks = Dockerfiles.Select(file => SdkImage().Match(File.ReadAllText(RepositoryFiles.PathOf(file)))).ToList();

        sdks.Should().OnlyContain(match => match.Success, "the build stage names an exact SDK version (x.y.zzz), not a floating tag");
        sdks.Select(match => match.Groups["version"].Value).Distinct().Should().ContainSingle("both images build with one SDK");
        var pinned = Version.Parse(sdks[0].Groups["version"].Value);
        (pinned.Major, pinned.Minor).Should().Be((wanted.Major, wanted.Minor), "global.json rolls forward within its major and minor only");
        pinned.Build.Should().BeGreaterThanOrEqualTo(wanted.Build, "global.json asks for at least its version");
    }

    [Theory]
    [InlineData("src/TemporalBridge/Dockerfile", "TemporalBridge")]
    [InlineData("src/TemporalBridge.Sandbox/Dockerfile", "TemporalBridge.Sandbox")]
    public void AnImageBuildFailsOnNeitherANewAdvisoryNorANewWarning(string dockerfile, string project)
    {
        var lines = File.ReadAllLines(RepositoryFiles.PathOf(dockerfile));

        lines.Should().Contain(line => line.StartsWith($"RUN dotnet restore src/{project}/", StringComparison.Ordinal) && line.Contains("-p:NuGetAudit=false", StringComparison.Ordinal));
        lines.Should().Contain(line => line.StartsWith($"RUN dotnet publish src/{project}/", StringComparison.Ordinal) && line.Contains("-p:TreatWarningsAsErrors=false", StringComparison.Ordinal));
    }

    /// <summary>An uncommented <c>NAME=value</c> line.</summary>
    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex SettingLine();

    [GeneratedRegex(@"^FROM mcr\.microsoft\.com/dotnet/sdk:(?<version>\d+\.\d+\.\d{3}) AS build$", RegexOptions.Multiline)]
    private static partial Regex SdkImage();
}
