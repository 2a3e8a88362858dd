using System;
using System.Security.Cryptography.X509Certificates;
using NanoThing.Core.Seams;

namespace NanoThing.Adapters
{
    /// <summary>
    /// The certificates the MQTT client presents and trusts, from the files <c>nanothing flash</c> puts on I:\
    /// (<see cref="IdentityFiles"/>), handed to M2Mqtt explicitly: the root CA bundle as an X509Certificate, the device
    /// certificate with its key as an X509Certificate2 built from the same bytes twice (mbedTLS's certificate parser
    /// stops after the certificate, its key parser finds the key block behind it; the firmware treats a device
    /// certificate stored in the configuration block the same way, nf-interpreter ssl_generic_init_internal.cpp).
    /// When a file is absent or unusable, null is handed over instead and the TLS stack falls back to what the
    /// configuration block holds (M2Mqtt sets SslStream.UseStoredDeviceCertificate when no client certificate is
    /// given; the stored CA bundle is always loaded): boards provisioned another way (Visual Studio's Device Explorer)
    /// keep working. <see cref="LogWhichIdentity"/> says at boot which one is used.
    /// <para>
    /// The key: the file is read again for every new MQTT client and no reference is kept here, so the only copy in
    /// managed memory is the one the current client holds (SslStream passes it to mbedTLS when it connects; M2Mqtt keeps
    /// it for the client's life). Nothing here logs a file's contents.
    /// </para>
    /// </summary>
    public sealed class TlsIdentity
    {
        private readonly IdentityFiles _files;
        private readonly ILog _log;

        /// <summary>An identity read from <paramref name="files"/>; problems are logged to <paramref name="log"/>.</summary>
        public TlsIdentity(IdentityFiles files, ILog log)
        {
            _files = files;
            _log = log;
        }

        /// <summary>
        /// Builds the certificates once (which parses them natively), logs which identity the device will present and
        /// which CAs it trusts, and drops them. Call once at boot, after the clock is set.
        /// </summary>
        public void LogWhichIdentity()
        {
            X509Certificate ca;
            X509Certificate2 client;
            Create(out ca, out client);
            if (client != null)
            {
                _log.Write(LogLevel.Info, "identity: device certificate + key from " + _files.DeviceIdentityPath + " (" + client.Subject + ", valid until " + client.NotAfter.ToString() + " UTC)");
            }
            else
            {
                _log.Write(LogLevel.Warning, "identity: using the device certificate stored in the configuration block, if there is one; deploy " + _files.DeviceIdentityPath + " with `nanothing flash --thing <name> --port <port> --skip-firmware --skip-app --skip-wifi`");
            }

            if (ca == null)
            {
                _log.Write(LogLevel.Warning, "identity: trusting only the CA bundle stored in the configuration block, if there is one");
            }

            client = null;
            ca = null;
        }

        /// <summary>
        /// The certificates for one new MQTT client: <paramref name="ca"/> from the root CA bundle file and
        /// <paramref name="client"/> (with its key) from the device identity file, each null when its file is absent or
        /// does not parse (the reason is logged). Pass them straight to the client and drop them. Never throws.
        /// </summary>
        public void Create(out X509Certificate ca, out X509Certificate2 client)
        {
            ca = null;
            client = null;

            IdentityFileStatus status;
            int certificates;
            byte[] roots = _files.ReadRootCaBundle(out status, out certificates);
            if (roots != null)
            {
                try
                {
                    ca = new X509Certificate(roots);
                    _log.Write(LogLevel.Debug, "identity: " + certificates.ToString() + " root CA certificate(s) from " + _files.RootCaBundlePath);
                }
                catch (Exception ex)
                {
                    _log.Write(LogLevel.Error, "identity: " + _files.RootCaBundlePath + " does not parse (" + ExceptionText.Describe(ex) + "); redeploy it with nanothing flash");
                }
            }
            else if (status != IdentityFileStatus.Missing)
            {
                _log.Write(LogLevel.Error, "identity: " + IdentityFiles.Describe(status, _files.RootCaBundlePath) + "; redeploy it with nanothing flash");
            }

            byte[] identity = _files.ReadDeviceIdentity(out status);
            if (identity != null)
            {
                try
                {
                    // The same array as certificate and key: one copy of the key in managed memory, owned by the certificate.
                    client = new X509Certificate2(identity, identity, null);
                }
                catch (Exception ex)
                {
                    // The exception names the parse failure, never the key.
                    _log.Write(LogLevel.Error, "identity: " + _files.DeviceIdentityPath + " does not parse as certificate + key (" + ExceptionText.Describe(ex) + "); redeploy it with nanothing flash");
                }
            }
            else if (status != IdentityFileStatus.Missing)
            {
                _log.Write(LogLevel.Error, "identity: " + IdentityFiles.Describe(status, _files.DeviceIdentityPath) + "; redeploy it with nanothing flash");
            }

            identity = null;
            roots = null;
        }
    }
}
