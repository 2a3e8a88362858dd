using System;
using System.Net.Sockets;

namespace NanoThing.Adapters
{
    /// <summary>
    /// How the adapters name a caught exception in a log line: "socket error 10060" for a socket error (nanoFramework's
    /// SocketException messages are empty), else "Full.Type.Name: message". Exception messages of the APIs the adapters
    /// call (file system, I2C, GPIO, sockets, M2Mqtt) name paths, pins and codes, never file contents or keys.
    /// </summary>
    public static class ExceptionText
    {
        /// <summary>A short description of <paramref name="ex"/>; "no exception" for null. Never throws.</summary>
        public static string Describe(Exception ex)
        {
            if (ex == null)
            {
                return "no exception";
            }

            SocketException socketError = ex as SocketException;
            if (socketError != null)
            {
                return "socket error " + socketError.ErrorCode.ToString();
            }

            return ex.GetType().FullName + ": " + ex.Message;
        }
    }
}
