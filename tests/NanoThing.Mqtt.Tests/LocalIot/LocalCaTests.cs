using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using NanoThing.LocalIot.Pki;
using NanoThing.Mqtt.Tests.Support;

namespace NanoThing.Mqtt.Tests.LocalIot;

[TestClass]
public sealed class LocalCaTests
{
    private const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [TestMethod]
    public void Create_WritesCaAndServerFiles_KeysAre0600()
    {
        using var folder = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(folder.File("ca"), false, out var ca, out string error), error);
        using (ca)
        {
            Assert.AreEqual(Secret, File.GetUnixFileMode(folder.File("ca", "ca.key")));
            Assert.AreEqual(Secret, File.GetUnixFileMode(ca!.ServerKeyPath));
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.File("ca")));
            var caCertificate = X509CertificateLoader.LoadCertificateFromFile(ca.CaCertificatePath);
            Assert.IsTrue(caCertificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
            Assert.AreEqual("ECC", caCertificate.GetKeyAlgorithmParameters().Length > 0 ? "ECC" : "?");
            Assert.AreEqual("1.2.840.10045.2.1", caCertificate.PublicKey.Oid.Value, "ECDSA key");
        }
    }

    [TestMethod]
    public void ServerCertificate_IsForLocalhostAnd127001_ServerAuth_ChainsToTheCa()
    {
        using var folder = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(folder.File("ca"), false, out var ca, out string error), error);
        using (ca)
        {
            var server = X509CertificateLoader.LoadCertificateFromFile(ca!.ServerCertificatePath);
            Assert.IsTrue(server.MatchesHostname("localhost"));
            Assert.IsTrue(server.MatchesHostname("127.0.0.1"));
            Assert.IsFalse(server.MatchesHostname("example.com"));
            Assert.AreEqual("1.3.6.1.5.5.7.3.1", server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages[0].Value);
            Assert.IsTrue(ChainsTo(server, ca.CaCertificate));
        }
    }

    [TestMethod]
    public void ThingCertificate_HasCnThingName_ClientAuth_ChainsToTheCa_AndNotToAnother()
    {
        using var folder = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(folder.File("ca"), false, out var ca, out string error), error);
        Assert.IsTrue(LocalCa.TryCreate(folder.File("other"), false, out var other, out error), error);
        using (ca)
        using (other)
        {
            Assert.IsTrue(ca!.TryIssueThingCertificate("kitchen-1", out var credentials, out error), error);
            var certificate = X509Certificate2.CreateFromPem(credentials.CertificatePem, credentials.PrivateKeyPem);
            Assert.AreEqual("CN=kitchen-1", certificate.Subject);
            Assert.AreEqual("1.3.6.1.5.5.7.3.2", certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages[0].Value);
            Assert.IsTrue(ChainsTo(certificate, ca.CaCertificate));
            Assert.IsFalse(ChainsTo(certificate, other!.CaCertificate));
            Assert.AreEqual("client certificate CN=kitchen-1", credentials.ToString());
        }
    }

    [TestMethod]
    public void OpenSsl_AgreesThatTheCertificatesChainToTheCa()
    {
        using var folder = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(folder.File("ca"), false, out var ca, out string error), error);
        using (ca)
        {
            Assert.IsTrue(ca!.TryIssueThingCertificate("kitchen", out var kitchen, out error) && kitchen.TryWrite(folder.File("k.crt"), folder.File("k.key"), false, out error), error);
            var (exit, output) = Run("openssl", "verify", "-CAfile", ca.CaCertificatePath, "-purpose", "sslclient", folder.File("k.crt"));
            Assert.AreEqual(0, exit, output);
            (exit, output) = Run("openssl", "verify", "-CAfile", ca.CaCertificatePath, "-purpose", "sslserver", ca.ServerCertificatePath);
            Assert.AreEqual(0, exit, output);
            (exit, output) = Run("openssl", "verify", "-CAfile", ca.CaCertificatePath, "-purpose", "sslserver", folder.File("k.crt"));
            Assert.AreNotEqual(0, exit, "a thing certificate must not be usable as a server certificate: " + output);
        }
    }

    [TestMethod]
    [DataRow("", "empty")]
    [DataRow("kitchen/1", "only letters")]
    [DataRow("kitchen+", "only letters")]
    [DataRow("a b", "only letters")]
    [DataRow(LocalCa.ShadowServiceIdentity, "only letters")]
    public void InvalidThingNames_AreRefused(string name, string reason)
    {
        using var folder = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(folder.File("ca"), false, out var ca, out string error), error);
        using (ca)
        {
            Assert.IsFalse(ca!.TryIssueThingCertificate(name, out var credentials, out error));
            Assert.IsNull(credentials);
            StringAssert.Contains(error, reason);
        }
    }

    [TestMethod]
    public void ThingName_LengthLimit()
    {
        Assert.IsNull(ThingName.Validate(new string('a', 128)));
        StringAssert.Contains(ThingName.Validate(new string('a', 129)), "at most 128");
        Assert.IsNull(ThingName.Validate("a:b_c-D9"));
    }

    [TestMethod]
    public void ExistingCa_IsNotReplacedWithoutForce_AndLoadsBack()
    {
        using var folder = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(folder.File("ca"), false, out var first, out string error), error);
        string thumbprint = first!.CaCertificate.Thumbprint;
        string key = File.ReadAllText(folder.File("ca", "ca.key"));
        first.Dispose();

        Assert.IsFalse(LocalCa.TryCreate(folder.File("ca"), false, out var second, out error));
        Assert.IsNull(second);
        StringAssert.Contains(error, "--force");
        Assert.AreEqual(key, File.ReadAllText(folder.File("ca", "ca.key")));

        Assert.IsTrue(LocalCa.TryLoadOrCreate(folder.File("ca"), out var loaded, out error), error);
        using (loaded)
        {
            Assert.AreEqual(thumbprint, loaded!.CaCertificate.Thumbprint);
            Assert.IsTrue(loaded.TryIssueThingCertificate("after-load", out var credentials, out error), error);
            Assert.IsTrue(ChainsTo(X509Certificate2.CreateFromPem(credentials.CertificatePem), loaded.CaCertificate));
        }

        Assert.IsTrue(LocalCa.TryCreate(folder.File("ca"), true, out var forced, out error), error);
        using (forced)
        {
            Assert.AreNotEqual(thumbprint, forced!.CaCertificate.Thumbprint);
            Assert.AreEqual(Secret, File.GetUnixFileMode(folder.File("ca", "ca.key")), "a forced replacement keeps 0600");
        }
    }

    [TestMethod]
    public void Load_MissingOrDamagedFiles_SaysWhich()
    {
        using var folder = new TempFolder();
        Assert.IsFalse(LocalCa.TryLoad(folder.File("none"), out _, out string error));
        StringAssert.Contains(error, "ca.crt is missing");

        Assert.IsTrue(LocalCa.TryCreate(folder.File("ca"), false, out var ca, out error), error);
        ca!.Dispose();
        File.WriteAllText(folder.File("ca", "ca.key"), "not a key");
        Assert.IsFalse(LocalCa.TryLoad(folder.File("ca"), out _, out error));
        StringAssert.Contains(error, "could not be loaded");
    }

    [TestMethod]
    public void ClientCredentials_AreNotOverwrittenWithoutForce_AndNothingIsHalfWritten()
    {
        using var folder = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(folder.File("ca"), false, out var ca, out string error), error);
        using (ca)
        {
            Assert.IsTrue(ca!.TryIssueThingCertificate("kitchen", out var first, out error), error);
            Assert.IsTrue(first.TryWrite(folder.File("t", "device.crt"), folder.File("t", "device.key"), false, out error), error);
            Assert.AreEqual(Secret, File.GetUnixFileMode(folder.File("t", "device.key")));

            Assert.IsTrue(ca.TryIssueThingCertificate("kitchen", out var second, out error), error);
            File.Delete(folder.File("t", "device.crt"));
            Assert.IsFalse(second.TryWrite(folder.File("t", "device.crt"), folder.File("t", "device.key"), false, out error));
            StringAssert.Contains(error, "already exists");
            Assert.IsFalse(File.Exists(folder.File("t", "device.crt")), "a refusal writes nothing");
            Assert.AreEqual(first.PrivateKeyPem, File.ReadAllText(folder.File("t", "device.key")));

            Assert.IsTrue(second.TryWrite(folder.File("t", "device.crt"), folder.File("t", "device.key"), true, out error), error);
            Assert.AreEqual(second.PrivateKeyPem, File.ReadAllText(folder.File("t", "device.key")));
            Assert.AreEqual(Secret, File.GetUnixFileMode(folder.File("t", "device.key")));
            Assert.AreEqual(2, Directory.GetFiles(folder.File("t")).Length, "no temporary file left behind");
        }
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        return chain.Build(certificate);
    }

    private static (int Exit, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromSeconds(30)), program + " did not finish");
        return (process.ExitCode, output);
    }
}
