using System.Net;
using System.Net.Sockets;

namespace NanoThing.LocalIot.Broker;

/// <summary>Free TCP ports on 127.0.0.1, for tests and for a stand-in started without --port.</summary>
public static class FreePort
{
    /// <summary>A port the system reports free right now (bind to port 0, read it, release it).
    /// Another process could take it before the broker binds it; start then fails with a clear message.</summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
