using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;

namespace NanoThing.Cli.Tests.Commands.Cert;

[TestClass]
public sealed class CertCommandTests
{
    [TestMethod]
    [DataRow("ecdsa-p256", "id-ecPublicKey")]
    [DataRow("rsa-2048", "rsaEncryption")]
    public void Create_WritesKey0600AndCertificateWithThingCn_CheckedByOpenssl(string keyType, string opensslAlgorithm)
    {
        using var cli = new CliHarness();
        CliRun run = cli.Run("cert", "create", "--thing", "kitchen", "--key-type", keyType, "--days", "10");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        string key = cli.PathOf("things", "kitchen", "device.key");
        string crt = cli.PathOf("things", "kitchen", "device.crt");
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        StringAssert.StartsWith(File.ReadAllText(key), "-----BEGIN PRIVATE KEY-----");
        StringAssert.Contains(Openssl.Run("x509", "-in", crt, "-noout", "-subject"), "CN = kitchen");
        StringAssert.Contains(Openssl.Run("x509", "-in", crt, "-noout", "-text"), opensslAlgorithm);
        StringAssert.Contains(Openssl.Run("x509", "-in", crt, "-noout", "-enddate"), "notAfter=Dec  2 08:00:00 2026 GMT");
        // the key in device.key is the certificate's key
        Assert.AreEqual(Openssl.Run("pkey", "-in", key, "-pubout"), Openssl.Run("x509", "-in", crt, "-noout", "-pubkey"));
        Assert.IsFalse(run.Out.Contains("PRIVATE KEY") || run.Error.Contains("PRIVATE KEY"), "key material printed");
    }

    [TestMethod]
    public void Create_KeyExists_RefusesWithoutForceAndKeepsBothFiles()
    {
        using var cli = new CliHarness();
        Assert.AreEqual(ExitCodes.Ok, cli.Run("cert", "create", "--thing", "kitchen").ExitCode);
        string key = cli.PathOf("things", "kitchen", "device.key");
        string crt = cli.PathOf("things", "kitchen", "device.crt");
        string keyBefore = File.ReadAllText(key), crtBefore = File.ReadAllText(crt);

        CliRun again = cli.Run("cert", "create", "--thing", "kitchen");

        Assert.AreEqual(ExitCodes.FileExists, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Error, key);
        StringAssert.Contains(again.Error, "nanothing cert create --thing kitchen --force");
        Assert.AreEqual(keyBefore, File.ReadAllText(key));
        Assert.AreEqual(crtBefore, File.ReadAllText(crt));
    }

    [TestMethod]
    public void Create_OnlyCertificateExists_RefusesWithoutWritingAKey()
    {
        using var cli = new CliHarness();
        Directory.CreateDirectory(cli.PathOf("things", "kitchen"));
        File.WriteAllText(cli.PathOf("things", "kitchen", "device.crt"), "old");

        CliRun run = cli.Run("cert", "create", "--thing", "kitchen");

        Assert.AreEqual(ExitCodes.FileExists, run.ExitCode, run.ToString());
        Assert.IsFalse(File.Exists(cli.PathOf("things", "kitchen", "device.key")));
    }

    [TestMethod]
    public void Create_Force_ReplacesKeyAndKeepsMode0600()
    {
        using var cli = new CliHarness();
        cli.Run("cert", "create", "--thing", "kitchen");
        string key = cli.PathOf("things", "kitchen", "device.key");
        string before = File.ReadAllText(key);

        CliRun run = cli.Run("cert", "create", "--thing", "kitchen", "--force");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        Assert.AreNotEqual(before, File.ReadAllText(key));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.AreEqual(2, Directory.GetFiles(cli.PathOf("things", "kitchen")).Length, "no temporary file left behind");
    }

    [TestMethod]
    public void Create_Dir_WritesThere()
    {
        using var cli = new CliHarness();
        CliRun run = cli.Run("cert", "create", "--thing", "kitchen", "--dir", "ids/k");
        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        Assert.IsTrue(File.Exists(cli.PathOf("ids", "k", "device.key")));
        Assert.IsFalse(Directory.Exists(cli.PathOf("things")));
    }

    [TestMethod]
    public void Show_PrintsThumbprintAndAwsIdAsOpensslComputesThem()
    {
        using var cli = new CliHarness();
        cli.Run("cert", "create", "--thing", "kitchen");
        string crt = cli.PathOf("things", "kitchen", "device.crt");

        CliRun run = cli.Run("cert", "show", "--thing", "kitchen");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "subject:        CN=kitchen\n");
        StringAssert.Contains(run.Out, "issuer:         CN=kitchen\n");
        StringAssert.Contains(run.Out, "sha1:           " + Openssl.Fingerprint(crt, "-sha1") + "\n");
        string awsId = Openssl.Fingerprint(crt, "-sha256").Replace(":", "").ToLowerInvariant();
        StringAssert.Contains(run.Out, "certificate id: " + awsId + "\n");
        Assert.AreEqual("", run.Error);
    }

    [TestMethod]
    [DataRow(1000, 0, null)]
    [DataRow(40, 20, "expires on 2027-01-01 08:00:00 UTC, in 20 days")]
    [DataRow(1, 20, "expired on 2026-11-23 08:00:00 UTC")]
    public void Show_NearOrPastExpiry_Warns(int validDays, int showAfterDays, string? expected)
    {
        using var cli = new CliHarness();
        cli.Run("cert", "create", "--thing", "kitchen", "--days", validDays.ToString());
        cli.Now = CliHarness.DefaultNow.AddDays(showAfterDays);

        CliRun run = cli.Run("cert", "show", "--thing", "kitchen");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        if (expected is null)
        {
            Assert.AreEqual("", run.Error);
        }
        else
        {
            StringAssert.Contains(run.Error, expected);
            StringAssert.Contains(run.Error, "nanothing cert create --thing kitchen --force");
        }
    }

    [TestMethod]
    public void Show_FileIsNotACertificate_InputInvalidNamingTheFile()
    {
        using var cli = new CliHarness();
        Directory.CreateDirectory(cli.PathOf("things", "kitchen"));
        File.WriteAllText(cli.PathOf("things", "kitchen", "device.crt"), "-----BEGIN CERTIFICATE-----\nnot base64\n");

        CliRun run = cli.Run("cert", "show", "--thing", "kitchen");

        Assert.AreEqual(ExitCodes.InputInvalid, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, cli.PathOf("things", "kitchen", "device.crt"));
    }

    [TestMethod]
    public void Csr_WritesKeyAndCsrWithThingCnAndValidSignature()
    {
        using var cli = new CliHarness();
        CliRun run = cli.Run("cert", "csr", "--thing", "kitchen", "--key-type", "rsa-2048");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        string csr = cli.PathOf("things", "kitchen", "device.csr");
        string text = Openssl.Run("req", "-in", csr, "-noout", "-subject", "-verify");
        StringAssert.Contains(text, "CN = kitchen");
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.PathOf("things", "kitchen", "device.key")));
        Assert.AreEqual(ExitCodes.FileExists, cli.Run("cert", "csr", "--thing", "kitchen").ExitCode);
    }
}
