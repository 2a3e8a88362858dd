using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace NanoThing.LocalIot.WebConsole;

/// <summary>
/// Server-sent events to every open console page (<c>GET /api/events</c>): one JSON object per event, named by its
/// kind (<c>thing</c>, <c>shadow</c>, <c>refusal</c>, <c>mqtt</c>). A page that falls behind by
/// <see cref="Backlog"/> events loses the oldest; the browser reconnects by itself and reloads what it shows.
/// </summary>
public sealed class ConsoleEvents
{
    /// <summary>Events kept per page that has not read them yet.</summary>
    public const int Backlog = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<Channel<string>> pages = [];

    /// <summary>Sends <paramref name="data"/> as event <paramref name="kind"/> to every open page.</summary>
    public void Publish(string kind, object data)
    {
        string frame = "event: " + kind + "\ndata: " + JsonSerializer.Serialize(data, Json) + "\n\n";
        lock (pages)
        {
            foreach (var page in pages)
            {
                page.Writer.TryWrite(frame);
            }
        }
    }

    /// <summary>Streams events to one page until it goes away or <paramref name="stopping"/> fires.</summary>
    public async Task StreamAsync(HttpContext http, CancellationToken stopping)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(Backlog) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (pages)
        {
            pages.Add(channel);
        }

        using var both = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        try
        {
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-store";
            await http.Response.WriteAsync("retry: 2000\nevent: hello\ndata: {}\n\n", both.Token);
            await http.Response.Body.FlushAsync(both.Token);
            await foreach (string frame in channel.Reader.ReadAllAsync(both.Token))
            {
                await http.Response.WriteAsync(frame, both.Token);
                await http.Response.Body.FlushAsync(both.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // the page went away, or the console stops
        }
        finally
        {
            lock (pages)
            {
                pages.Remove(channel);
            }
        }
    }
}
