extern alias Sandbox;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TemporalBridge.Commands;
using SandboxOptions = Sandbox::TemporalBridge.Sandbox.SandboxOptions;

namespace TemporalBridge.Tests.Commands;

/// <summary><c>register-app</c> against vcita's emulator, in-process; and once as a real process.</summary>
public sealed class RegisterAppCommandTests : IAsyncLifetime
{
    private const string DirectoryToken = "dev-directory-token";

    private static readonly string[] Arguments =
    [
        "--name", "WhatsApp Channel",
        "--redirect-uri", "https://bridge.example.com/oauth/vcita/callback",
        "--app-uri", "https://bridge.example.com/vcita",
    ];

    private readonly WebApplicationFactory<SandboxOptions> vcita = new();
    private Uri vcitaAddress = null!;
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public Task InitializeAsync()
    {
        // A real server on a free loopback port: the command calls vcita over HTTP, as it would in production.
        vcita.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        vcita.StartServer();
        vcitaAddress = new Uri(vcita.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await vcita.DisposeAsync();

    [Fact]
    public async Task RegisterAppPrintsCredentialsThatGetAServiceToken()
    {
        var exit = await RunAsync([.. Arguments, "--provider", "whatsapp"], DirectoryToken);

        exit.Should().Be(0, error.ToString());
        var settings = output.ToString().Split('\n', StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("Vcita__", StringComparison.Ordinal))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        settings.Keys.Should().BeEquivalentTo(
            "Vcita__Apps__whatsapp__ClientId", "Vcita__Apps__whatsapp__ClientSecret", "Vcita__Apps__whatsapp__RedirectUri");
        settings["Vcita__Apps__whatsapp__RedirectUri"].Should().Be("https://bridge.example.com/oauth/vcita/callback");
        output.ToString().Should().Contain("only once").And.NotContain(DirectoryToken);

        // The printed credentials are a working app: vcita gives them a service token.
        using var http = new HttpClient { BaseAddress = vcitaAddress };
        using var token = await http.PostAsJsonAsync("/vcita-emulator/oauth/service/token", new
        {
            service_id = settings["Vcita__Apps__whatsapp__ClientId"],
            service_secret = settings["Vcita__Apps__whatsapp__ClientSecret"],
        });
        token.StatusCode.Should().Be(HttpStatusCode.OK);
        (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task TheProviderNamesThePrintedSettings()
    {
        var exit = await RunAsync([.. Arguments, "--provider=messenger"], DirectoryToken);

        exit.Should().Be(0, error.ToString());
        output.ToString().Should().Contain("Vcita__Apps__messenger__ClientId=").And.NotContain("Vcita__Apps__whatsapp");
    }

    [Fact]
    public async Task RegisterAppWithoutADirectoryTokenFailsNamingTheVariable()
    {
        var exit = await RunAsync(Arguments, directoryToken: "");

        exit.Should().NotBe(0);
        error.ToString().Should().Contain("Vcita__DirectoryToken");
        output.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task ADirectoryTokenVcitaRejectsFailsWithVcitasAnswer()
    {
        var exit = await RunAsync(Arguments, directoryToken: "not-the-directory-token");

        exit.Should().Be(1);
        error.ToString().Should().Contain("did not create the app").And.Contain("401").And.NotContain("not-the-directory-token");
        output.ToString().Should().BeEmpty();
    }

    [Theory]
    [InlineData("--redirect-uri is required", "--name", "Acme", "--app-uri", "https://h/vcita")]
    [InlineData("--app-uri must be an absolute http or https URL", "--name", "Acme", "--redirect-uri", "https://h/oauth/vcita/callback", "--app-uri", "/vcita")]
    [InlineData("unknown option '--nmae'", "--nmae", "x")]
    [InlineData("--provider must be lowercase letters and digits", "--name", "Acme", "--redirect-uri", "https://h/cb", "--app-uri", "https://h/v", "--provider", "What's:App")]
    [InlineData("--name must be 3 to 25 characters, but has 2", "--name", "Ac", "--redirect-uri", "https://h/cb", "--app-uri", "https://h/v")]
    [InlineData("--name must be 3 to 25 characters, but has 26", "--name", "A WhatsApp channel for all", "--redirect-uri", "https://h/cb", "--app-uri", "https://h/v")]
    public async Task BadArgumentsAreNamedWithTheUsage(string problem, params string[] args)
    {
        var exit = await RunAsync(args, DirectoryToken);

        exit.Should().Be(2);
        error.ToString().Should().Contain(problem).And.Contain("Usage:");
    }

    [Fact]
    public void OnlyAKnownCommandReplacesTheService()
    {
        BridgeCommands.IsCommand(["register-app"]).Should().BeTrue();
        BridgeCommands.IsCommand([]).Should().BeFalse();
        BridgeCommands.IsCommand(["--urls", "http://+:8080"]).Should().BeFalse();
    }

    /// <summary>
    /// Through the real entry point, as <c>dotnet run -- register-app</c> would: the command answers and exits
    /// without a web host, although neither Temporal nor Redis is reachable.
    /// </summary>
    [Fact]
    public async Task TheServiceExecutableRunsTheCommandWithoutStartingTheService()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["exec", typeof(Program).Assembly.Location, "register-app", .. Arguments])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("Vcita__DirectoryToken");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Temporal__Address"] = BridgeApplication.Unreachable;
        start.Environment["Redis__Connection"] = BridgeApplication.Unreachable;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await process.WaitForExitAsync(deadline.Token);

        process.ExitCode.Should().Be(2, await stderr);
        (await stderr).Should().Contain("Vcita__DirectoryToken");
        (await stdout).Should().NotContain("Now listening");
    }

    private Task<int> RunAsync(string[] args, string directoryToken) =>
        RegisterAppCommand.RunAsync(args, new CommandConsole(output, error)
        {
            Settings = new Dictionary<string, string?>
            {
                ["Vcita:ApiBaseUrl"] = new Uri(vcitaAddress, "/vcita-emulator").ToString(),
                ["Vcita:DirectoryToken"] = directoryToken,
            },
        });
}
