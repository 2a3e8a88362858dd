using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using NanoThing.LocalIot.Pki;

namespace NanoThing.Mqtt.Tests.Support;

/// <summary>
/// A TLS server with the local CA's server certificate that answers each client packet through <see cref="Reply"/>,
/// for broker behaviour mosquitto never shows (CONNACK refusals, SUBACK 0x80, missing PUBACK, malformed bytes).
/// Real TLS, real sockets; one client connection at a time.
/// </summary>
internal sealed class ScriptedBroker : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private SslStream? _client;

    public ScriptedBroker(LocalCa ca)
    {
        _certificate = X509Certificate2.CreateFromPemFile(ca.ServerCertificatePath, ca.ServerKeyPath);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Every whole packet the client sent, in order.</summary>
    public Channel<byte[]> Received { get; } = Channel.CreateUnbounded<byte[]>();

    /// <summary>Bytes to answer a client packet with (null: no answer). Defaults to a well-behaved broker.</summary>
    public Func<byte[], byte[]?> Reply { get; set; } = WellBehaved;

    public static byte[]? WellBehaved(byte[] packet) => (packet[0] >> 4) switch
    {
        1 => [0x20, 0x02, 0x00, 0x00],                                                   // CONNECT -> CONNACK 0
        8 => SubAck(packet, Enumerable.Repeat((byte)1, FilterCount(packet)).ToArray()), // SUBSCRIBE -> SUBACK QoS 1 each
        3 when (packet[0] & 0x06) != 0 => [0x40, 0x02, .. PublishPacketId(packet)],     // PUBLISH QoS 1 -> PUBACK
        12 => [0xD0, 0x00],                                                              // PINGREQ -> PINGRESP
        _ => null,
    };

    /// <summary>A SUBACK for <paramref name="subscribe"/> with the given return codes.</summary>
    public static byte[] SubAck(byte[] subscribe, byte[] codes)
    {
        int idAt = 1 + BodyOffset(subscribe);
        return [0x90, (byte)(2 + codes.Length), subscribe[idAt], subscribe[idAt + 1], .. codes];
    }

    /// <summary>Writes raw bytes to the connected client.</summary>
    public async Task SendAsync(byte[] bytes)
    {
        var client = _client ?? throw new InvalidOperationException("no client connected");
        await _writing.WaitAsync();
        try
        {
            await client.WriteAsync(bytes);
            await client.FlushAsync();
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>The next packet the client sends, within the test bound.</summary>
    public async Task<byte[]> NextAsync() => await Received.Reader.ReadAsync().AsTask().WaitAsync(ConnectedClient.Bound);

    public MqttConnectOptions Options(TlsSettings tls) =>
        new("localhost", Port, "scripted", tls) { KeepAliveSeconds = 0, ConnectTimeout = TimeSpan.FromSeconds(5), OperationTimeout = TimeSpan.FromSeconds(5) };

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _client?.Dispose();
        try { await _serving; } catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException or SocketException) { }
        _certificate.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var socket = await _listener.AcceptTcpClientAsync(_stop.Token);
            socket.NoDelay = true;
            await using var tls = new SslStream(socket.GetStream());
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token);
            _client = tls;
            try
            {
                await ReadPacketsAsync(tls);
            }
            catch (IOException)
            {
                // the client went away; accept the next one
            }
        }
    }

    private async Task ReadPacketsAsync(SslStream tls)
    {
        var buffer = new byte[64 * 1024];
        int filled = 0;
        while (true)
        {
            int read = await tls.ReadAsync(buffer.AsMemory(filled), _stop.Token);
            if (read == 0) return;
            filled += read;
            int length;
            while ((length = RawFrames.Length(buffer.AsSpan(0, filled))) > 0)
            {
                var packet = buffer[..length];
                Buffer.BlockCopy(buffer, length, buffer, 0, filled - length);
                filled -= length;
                await Received.Writer.WriteAsync(packet);
                if (Reply(packet) is { } answer) await SendAsync(answer);
            }
        }
    }

    private static int FilterCount(byte[] subscribe)
    {
        int offset = 1 + BodyOffset(subscribe) + 2, count = 0;
        while (offset < subscribe.Length)
        {
            offset += 2 + (subscribe[offset] << 8 | subscribe[offset + 1]) + 1;
            count++;
        }
        return count;
    }

    private static byte[] PublishPacketId(byte[] publish)
    {
        int topicAt = 1 + BodyOffset(publish);
        int idAt = topicAt + 2 + (publish[topicAt] << 8 | publish[topicAt + 1]);
        return publish[idAt..(idAt + 2)];
    }

    private static int BodyOffset(byte[] packet) => RawFrames.BodyOffset(packet) - 1;
}
