using Serilog;
using TemporalBridge.Sandbox;
using TemporalBridge.Sandbox.Home;
using TemporalBridge.Sandbox.Messenger;
using TemporalBridge.Sandbox.Meta;
using TemporalBridge.Sandbox.Timeline;
using TemporalBridge.Sandbox.Vcita;
using TemporalBridge.Sandbox.WhatsApp;

// Stand-ins for vcita, the WhatsApp Cloud API, the Messenger Platform and Meta's login dialogs, so the bridge can be tried and tested without real accounts.
var builder = WebApplication.CreateBuilder(args);

builder.AddSandboxDefaults();
builder.AddWireTimeline();
builder.AddVcitaEmulator();
builder.AddWhatsAppEmulator();
builder.AddMessengerEmulator();
builder.AddMetaEmulator();

var app = builder.Build();

app.UseSerilogRequestLogging();
// Outside the error handlers, so a call the sandbox failed is recorded with the 500 the bridge got.
app.UseInboundCallRecording();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSandboxPages();

app.MapHealthChecks("/health/live");
app.MapVcitaEmulator();
app.MapWhatsAppEmulator();
app.MapMessengerEmulator();
app.MapMetaEmulator();
app.MapWireTimeline();

app.Run();
