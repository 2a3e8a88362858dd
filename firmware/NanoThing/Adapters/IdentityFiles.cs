namespace NanoThing.Adapters
{
    /// <summary>What <see cref="IdentityFiles"/> found in one file. One line of doc per value.</summary>
    public enum IdentityFileStatus
    {
        /// <summary>Present and in the form mbedTLS parses: PEM, ending in one NUL byte.</summary>
        Ok = 0,
        /// <summary>No such file (or it could not be read: the storage adapter logged why).</summary>
        Missing = 1,
        /// <summary>No "-----BEGIN CERTIFICATE-----" block.</summary>
        NoCertificate = 2,
        /// <summary>The device identity has no private key block after its certificate.</summary>
        NoPrivateKey = 3,
        /// <summary>The last byte is not NUL: mbedTLS would not treat the buffer as PEM.</summary>
        NotNulTerminated = 4,
        /// <summary>Larger than <see cref="IdentityFiles.MaximumBytes"/>: not a certificate file.</summary>
        TooLarge = 5,
    }

    /// <summary>
    /// The TLS identity files that <c>nanothing flash</c> copies to I:\ with nanoff's file deployment:
    /// <see cref="DeviceIdentityName"/> (the device certificate followed by its unencrypted private key) and
    /// <see cref="RootCaBundleName"/> (the CA certificates that sign the endpoint's server certificate), each PEM ending
    /// in one NUL byte, as <c>nanothing bundle</c> writes them (tools/flash BundleLayout: same names). Read through
    /// <see cref="FileStorage"/> and checked without parsing (the TLS stack parses them natively); nothing here logs or
    /// keeps their contents. Host-tested on real files.
    /// </summary>
    public sealed class IdentityFiles
    {
        /// <summary>The device certificate + private key on I:\.</summary>
        public const string DeviceIdentityName = "device-identity.pem";

        /// <summary>The root CA bundle on I:\.</summary>
        public const string RootCaBundleName = "root-ca-bundle.pem";

        /// <summary>The largest file accepted (a certificate chain of a few RSA-4096 certificates stays far below).</summary>
        public const int MaximumBytes = 16384;

        private const string CertificateMarker = "-----BEGIN CERTIFICATE-----";
        private const string EndCertificateMarker = "-----END CERTIFICATE-----";
        private const string PrivateKeyMarker = "PRIVATE KEY-----";

        private readonly FileStorage _storage;

        /// <summary>Reads the files from <paramref name="storage"/> (I:\ on the board).</summary>
        public IdentityFiles(FileStorage storage)
        {
            _storage = storage;
        }

        /// <summary>Where the device identity is, for log lines (e.g. "I:\device-identity.pem").</summary>
        public string DeviceIdentityPath
        {
            get { return _storage.Folder + DeviceIdentityName; }
        }

        /// <summary>Where the root CA bundle is, for log lines.</summary>
        public string RootCaBundlePath
        {
            get { return _storage.Folder + RootCaBundleName; }
        }

        /// <summary>
        /// The device certificate + key, or null with the reason in <paramref name="status"/>. The caller owns the array
        /// and should drop it as soon as the TLS client holds it: it contains the private key.
        /// </summary>
        public byte[] ReadDeviceIdentity(out IdentityFileStatus status)
        {
            byte[] pem = _storage.Read(DeviceIdentityName);
            status = Check(pem, true);
            return status == IdentityFileStatus.Ok ? pem : null;
        }

        /// <summary>The root CA bundle, or null with the reason in <paramref name="status"/>; <paramref name="certificates"/> counts its certificates.</summary>
        public byte[] ReadRootCaBundle(out IdentityFileStatus status, out int certificates)
        {
            byte[] pem = _storage.Read(RootCaBundleName);
            status = Check(pem, false);
            certificates = status == IdentityFileStatus.Ok ? Count(pem, EndCertificateMarker) : 0;
            return status == IdentityFileStatus.Ok ? pem : null;
        }

        /// <summary>The status of a file's bytes (null = missing). Pure; any input is accepted.</summary>
        public static IdentityFileStatus Check(byte[] pem, bool needsPrivateKey)
        {
            if (pem == null)
            {
                return IdentityFileStatus.Missing;
            }

            if (pem.Length > MaximumBytes)
            {
                return IdentityFileStatus.TooLarge;
            }

            int certificate = IndexOf(pem, CertificateMarker, 0);
            if (certificate < 0)
            {
                return IdentityFileStatus.NoCertificate;
            }

            if (needsPrivateKey && IndexOf(pem, PrivateKeyMarker, certificate) < 0)
            {
                return IdentityFileStatus.NoPrivateKey;
            }

            return pem[pem.Length - 1] == 0 ? IdentityFileStatus.Ok : IdentityFileStatus.NotNulTerminated;
        }

        /// <summary>A sentence for <paramref name="status"/>, naming the file.</summary>
        public static string Describe(IdentityFileStatus status, string path)
        {
            switch (status)
            {
                case IdentityFileStatus.Ok:
                    return path + " is present";
                case IdentityFileStatus.Missing:
                    return path + " is missing";
                case IdentityFileStatus.NoCertificate:
                    return path + " holds no PEM certificate";
                case IdentityFileStatus.NoPrivateKey:
                    return path + " holds no private key after the certificate";
                case IdentityFileStatus.NotNulTerminated:
                    return path + " does not end in a NUL byte (mbedTLS would not read it as PEM)";
                case IdentityFileStatus.TooLarge:
                    return path + " is larger than " + MaximumBytes.ToString() + " bytes";
                default:
                    return path + ": status " + ((int)status).ToString();
            }
        }

        private static int Count(byte[] data, string marker)
        {
            int count = 0;
            int at = IndexOf(data, marker, 0);
            while (at >= 0)
            {
                count++;
                at = IndexOf(data, marker, at + marker.Length);
            }

            return count;
        }

        // The first index of the ASCII marker in data at or after start, or -1.
        private static int IndexOf(byte[] data, string marker, int start)
        {
            int last = data.Length - marker.Length;
            for (int i = start; i <= last; i++)
            {
                int j = 0;
                while (j < marker.Length && data[i + j] == (byte)marker[j])
                {
                    j++;
                }

                if (j == marker.Length)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
