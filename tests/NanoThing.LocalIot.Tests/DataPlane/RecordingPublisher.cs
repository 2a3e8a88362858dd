using System.Text;
using System.Threading.Channels;
using NanoThing.LocalIot.DataPlane;

namespace NanoThing.LocalIot.Tests.DataPlane;

/// <summary>The broker seam as a list: every message the data plane hands over, in order.</summary>
internal sealed class RecordingPublisher : IMessagePublisher
{
    private readonly List<Published> messages = [];

    public IReadOnlyList<Published> Messages
    {
        get
        {
            lock (messages)
            {
                return messages.ToList();
            }
        }
    }

    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, int qos, bool retain, CancellationToken cancellationToken)
    {
        lock (messages)
        {
            messages.Add(new Published(topic, payload.ToArray(), qos, retain));
        }

        return Task.CompletedTask;
    }

    public sealed record Published(string Topic, byte[] Payload, int Qos, bool Retain)
    {
        public string Text => Encoding.UTF8.GetString(Payload);
    }
}
