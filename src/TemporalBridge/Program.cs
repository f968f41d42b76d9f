using TemporalBridge.Admin;
using TemporalBridge.ApiReference;
using TemporalBridge.Channels;
using TemporalBridge.Commands;
using TemporalBridge.CommunicationApp;
using TemporalBridge.Connect;
using TemporalBridge.Deliveries;
using TemporalBridge.Health;
using TemporalBridge.Hosting;
using TemporalBridge.Limits;
using TemporalBridge.Logging;
using TemporalBridge.OAuth;
using TemporalBridge.Pacing;
using TemporalBridge.Privacy;
using TemporalBridge.Providers;
using TemporalBridge.Providers.Messenger;
using TemporalBridge.Providers.Messenger.Onboarding;
using TemporalBridge.Providers.Meta.AppRemoval;
using TemporalBridge.Providers.WhatsApp;
using TemporalBridge.Providers.WhatsApp.Onboarding;
using TemporalBridge.Redis;
using TemporalBridge.Sessions;
using TemporalBridge.Telemetry;
using TemporalBridge.Temporal;
using TemporalBridge.Temporal.Codec;
using TemporalBridge.Typing;
using TemporalBridge.Vcita;

// One-off commands (register-app) run instead of the service, without a web host, Temporal or Redis.
if (BridgeCommands.IsCommand(args))
{
    Environment.ExitCode = await BridgeCommands.RunAsync(args);
    return;
}

var builder = WebApplication.CreateBuilder(args);

// Which roles this process plays (Bridge__Roles) decides what is registered and mapped below.
var roles = builder.AddBridgeRoles();

builder.AddBridgeLogging();
builder.AddBridgeTelemetry();
builder.AddProblemResponses();
builder.AddRequestLimits();
builder.AddRedis();
builder.AddPacing();
// Before the worker and the API: conversations are named with its key from their first message on.
builder.AddPrivacy();
builder.AddTemporal(roles);
builder.AddHealth();
builder.AddVcita();
builder.AddVcitaOAuth();
builder.AddChannels();
builder.AddProviders();
builder.AddSessions();
builder.AddDeliveries();
builder.AddTyping();
builder.AddWhatsApp();
builder.AddMessenger();
if (roles.Api)
{
    builder.AddApiReference();
    builder.AddAdmin();
    builder.AddConnect();
    builder.AddWhatsAppConnect();
    builder.AddMessengerConnect();
}

var app = builder.Build();

app.UseBridgeLogging();
app.UseProblemResponses();
app.UseTemporalCodecPaths();
app.UseRouting();
app.UseTemporalCodecCors();
app.UseRequestLimits();
app.MapHealth();
app.MapTemporalCodec();
if (roles.Api)
{
    app.MapVcitaOAuth();
    app.MapConnectPage().MapWhatsAppConnect().MapMessengerConnect();
    app.MapMetaAppRemoval();
    app.MapApiReference();
    app.MapCommunicationApp();
    app.MapAdmin();
    app.MapWhatsAppWebhooks();
    app.MapMessengerWebhooks();
}

app.Run();

// Visible to WebApplicationFactory<Program> in the tests.
public partial class Program;
