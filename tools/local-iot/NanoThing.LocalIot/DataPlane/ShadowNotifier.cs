using System.Text;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.DataPlane;

/// <summary>
/// Publishes what the shadow service publishes for the same change over MQTT (update: accepted, delta, documents;
/// delete: accepted), for a change made outside MQTT (the HTTPS data plane, the local console), so devices and
/// applications subscribed to the shadow's topics see it as any other (reference local-aws-iot.md §4.4: AWS publishes
/// them for REST updates too). A failed publish is logged: the change itself is already stored.
/// </summary>
public sealed class ShadowNotifier(IMessagePublisher publisher, Action<string> log, string who)
{
    /// <summary>Publishes every response of <paramref name="responses"/> on <paramref name="id"/>'s reply topics, in order. Never throws.</summary>
    public async Task NotifyAsync(ShadowId id, IReadOnlyList<ShadowResponse> responses)
    {
        foreach (var response in responses)
        {
            string topic = ShadowTopics.Response(id, response.Kind);
            try
            {
                await publisher.PublishAsync(topic, Encoding.UTF8.GetBytes(response.Json), 1, false, CancellationToken.None);
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or OperationCanceledException)
            {
                log(who + ": the change of shadow " + id + " is stored, but its notification on '" + topic + "' was not published: " + e.Message);
            }
        }
    }
}
