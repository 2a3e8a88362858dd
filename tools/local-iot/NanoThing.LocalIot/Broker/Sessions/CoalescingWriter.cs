using System.Threading.Channels;

namespace NanoThing.LocalIot.Broker.Sessions;

/// <summary>
/// Keeps one file up to date with a changing state without writing once per change: <see cref="Request"/> asks for a
/// write, a background task writes the latest snapshot with <see cref="DurableFile"/>, and requests made while it writes
/// become one more write (so under load the file trails the state by at most one write). <see cref="DisposeAsync"/>
/// writes the final state. A failed write is logged once (until a write succeeds again) and retried on the next request.
/// </summary>
public sealed class CoalescingWriter : IAsyncDisposable
{
    private readonly string path;
    private readonly Func<byte[]> snapshot;
    private readonly Action<string> log;
    private readonly Channel<bool> requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock writing = new();
    private readonly Task loop;
    private string? lastError;

    /// <summary>Starts the background writer of <paramref name="path"/>; <paramref name="snapshot"/> is called on it
    /// (thread-safe on the caller's side) and <paramref name="log"/> gets a sentence when writing fails.</summary>
    public CoalescingWriter(string path, Func<byte[]> snapshot, Action<string> log)
    {
        this.path = path;
        this.snapshot = snapshot;
        this.log = log;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Asks for the current state to be written soon. Never blocks.</summary>
    public void Request() => requests.Writer.TryWrite(true);

    /// <summary>Stops the background task and writes the final state. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        requests.Writer.TryComplete();
        await loop;
        Write();
    }

    private async Task RunAsync()
    {
        await foreach (bool _ in requests.Reader.ReadAllAsync())
        {
            Write();
        }
    }

    private void Write()
    {
        lock (writing)
        {
            string? error = DurableFile.TryWrite(path, snapshot());
            if (error is not null && error != lastError)
            {
                log("broker: " + error);
            }

            lastError = error;
        }
    }
}
