using Google.Protobuf;

namespace TemporalBridge.Testing.Temporal;

/// <summary>One command a workflow task issued, as the SDK handed it to the core: its kind is the core's name
/// for it (<c>schedule_activity</c>, <c>start_timer</c>, …) and <see cref="Body"/> is the command message.</summary>
public sealed record RecordedCommand(string Kind, IMessage Body)
{
    public object? Field(string name) => ProtoFields.Get(Body, name);

    public string Text(string name) => (string?)Field(name) ?? "";

    public override string ToString() => Kind;
}
