using Microsoft.Extensions.Options;

namespace TemporalBridge.Privacy;

/// <summary>Sets <see cref="ClientPseudonyms"/>' key at start, before the worker or the API take anything (it is
/// registered ahead of both).</summary>
internal sealed class ClientPseudonymKey(IOptions<PrivacyOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ClientPseudonyms.UseKey(options.Value.DecodeKey());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
