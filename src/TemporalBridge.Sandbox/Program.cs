using Serilog;
using TemporalBridge.Sandbox;
using TemporalBridge.Sandbox.Messenger;
using TemporalBridge.Sandbox.Vcita;
using TemporalBridge.Sandbox.WhatsApp;

// Stand-ins for vcita, the WhatsApp Cloud API and the Messenger Platform, so the bridge can be tried and tested without real accounts.
var builder = WebApplication.CreateBuilder(args);

builder.AddSandboxDefaults();
builder.AddVcitaEmulator();
builder.AddWhatsAppEmulator();
builder.AddMessengerEmulator();

var app = builder.Build();

app.UseSerilogRequestLogging();
app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapHealthChecks("/health/live");
app.MapVcitaEmulator();
app.MapWhatsAppEmulator();
app.MapMessengerEmulator();

app.Run();
