using MQTTnet;
using MQTTnet.Server;

namespace NanoThing.LocalIot.Broker.Sessions;

/// <summary>
/// Keeps the broker's retained messages across a restart, as AWS keeps them (3 years; reference aws-iot.md §2.5), in
/// <see cref="RetainedFile"/>. MQTTnet 5.2's own hooks do the job (MQ:Source/MQTTnet.Server/Internal/MqttRetainedMessagesManager.cs):
/// <c>LoadingRetainedMessageAsync</c> takes the file's messages at start, <c>RetainedMessageChangedAsync</c> gives the
/// whole list after each change (a zero-byte retained publish deletes), <c>RetainedMessagesClearedAsync</c> the clearing.
/// </summary>
public sealed class RetainedPersistence : IAsyncDisposable
{
    private readonly MqttServer server;
    private readonly Lock gate = new();
    private readonly CoalescingWriter writer;
    private List<MqttApplicationMessage> retained;

    /// <summary>Reads <paramref name="folder"/>'s <see cref="RetainedFile"/> (an unreadable one is moved aside and logged).
    /// Call <see cref="Attach"/> before the server starts.</summary>
    public RetainedPersistence(MqttServer server, string folder, TimeProvider time, Action<string> log)
    {
        this.server = server;
        string path = Path.Combine(folder, RetainedFile.FileName);
        retained = Load(path, time, log);
        writer = new CoalescingWriter(path, Snapshot, log);
    }

    /// <summary>Registers on the server's retained-message events.</summary>
    public void Attach()
    {
        server.LoadingRetainedMessageAsync += args =>
        {
            lock (gate) args.LoadedRetainedMessages = [.. retained];
            return Task.CompletedTask;
        };
        server.RetainedMessageChangedAsync += args => Change(args.StoredRetainedMessages);
        server.RetainedMessagesClearedAsync += _ => Change([]);
    }

    /// <summary>Writes the final list. Never throws.</summary>
    public ValueTask DisposeAsync() => writer.DisposeAsync();

    private static List<MqttApplicationMessage> Load(string path, TimeProvider time, Action<string> log)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        if (!RetainedFile.TryRead(File.ReadAllBytes(path), out var messages, out string error))
        {
            log("broker: " + DurableFile.SetAside(path, error, time.GetUtcNow()));
            return [];
        }

        if (messages.Count > 0)
        {
            log("broker: " + messages.Count + " retained message(s) restored from " + path);
        }

        return messages;
    }

    private Task Change(List<MqttApplicationMessage> stored)
    {
        lock (gate) retained = [.. stored];
        writer.Request();
        return Task.CompletedTask;
    }

    private byte[] Snapshot()
    {
        lock (gate) return RetainedFile.Write(retained);
    }
}
