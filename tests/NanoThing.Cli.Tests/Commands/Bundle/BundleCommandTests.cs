using System.Text;
using NanoThing.Cli.Commands.Bundle;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;

namespace NanoThing.Cli.Tests.Commands.Bundle;

[TestClass]
public sealed class BundleCommandTests
{
    private const string Name = "kitchen";
    private const string Password = "correct horse battery";
    private const string Endpoint = "a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com";
    private const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static CliHarness WithIdentity()
    {
        var cli = new CliHarness();
        Assert.AreEqual(ExitCodes.Ok, cli.Run("cert", "create", "--thing", Name).ExitCode);
        TestCa.WriteRoot(cli.PathOf("ca", "AmazonRootCA1.pem"), "Test Root CA 1");
        TestCa.WriteRoot(cli.PathOf("ca", "AmazonRootCA3.pem"), "Test Root CA 3");
        return cli;
    }

    private static CliRun Bundle(CliHarness cli, params string[] extra) => cli.Run(
        ["bundle", "--thing", Name, "--endpoint", Endpoint, "--wifi-ssid", "home", "--wifi-password", Password,
         "--root-ca", "ca/AmazonRootCA1.pem", "--root-ca", "ca/AmazonRootCA3.pem", .. extra]);

    [TestMethod]
    public void Bundle_WritesTheDeploymentSet()
    {
        using var cli = WithIdentity();

        CliRun run = Bundle(cli);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        string dir = cli.PathOf("things", Name, "bundle");
        Assert.AreEqual(
            $$"""
            {
              "WirelessClient": {
                "Ssid": "home",
                "Password": "{{Password}}",
                "Authentication": "WPA2",
                "Encryption": "WPA2",
                "ConfigurationOption": "AutoConnect",
                "DhcpEnabled": true,
                "AutomaticDNS": true
              }
            }

            """, File.ReadAllText(Path.Combine(dir, "network-deployment.json")));
        Assert.AreEqual(
            $$"""
            {
              "Files": [
                {
                  "DestinationFilePath": "I:\\device-identity.pem",
                  "SourceFilePath": "device-identity.pem"
                },
                {
                  "DestinationFilePath": "I:\\root-ca-bundle.pem",
                  "SourceFilePath": "root-ca-bundle.pem"
                },
                {
                  "DestinationFilePath": "I:\\nanothing.json",
                  "SourceFilePath": "nanothing.json"
                }
              ]
            }

            """, File.ReadAllText(Path.Combine(dir, "file-deployment.json")));
        Assert.AreEqual(
            $$"""
            {
              "thingName": "kitchen",
              "endpoint": "{{Endpoint}}",
              "port": 8883
            }

            """, File.ReadAllText(Path.Combine(dir, "nanothing.json")));
        Assert.AreEqual(Secret, File.GetUnixFileMode(Path.Combine(dir, "device-identity.pem")));
        Assert.AreEqual(Secret, File.GetUnixFileMode(Path.Combine(dir, "network-deployment.json")));
        Assert.IsFalse((run.Out + run.Error).Contains(Password), "the Wi-Fi password was printed");
        Assert.IsFalse((run.Out + run.Error).Contains("PRIVATE KEY"), "key material was printed");
    }

    [TestMethod]
    public void Bundle_IdentityPemIsCertificateThenKeyThenOneNul()
    {
        using var cli = WithIdentity();
        Assert.AreEqual(ExitCodes.Ok, Bundle(cli).ExitCode);

        byte[] pem = File.ReadAllBytes(cli.PathOf("things", Name, "bundle", "device-identity.pem"));

        Assert.AreEqual(0, pem[^1]);
        Assert.AreEqual(-1, Array.IndexOf(pem, (byte)0, 0, pem.Length - 1), "exactly one NUL, at the end");
        string text = Encoding.ASCII.GetString(pem, 0, pem.Length - 1);
        StringAssert.StartsWith(text, "-----BEGIN CERTIFICATE-----");
        Assert.IsTrue(text.IndexOf("-----BEGIN PRIVATE KEY-----") > text.IndexOf("-----END CERTIFICATE-----"));
        string plain = cli.PathOf("identity-without-nul.pem");
        File.WriteAllText(plain, text);
        StringAssert.Contains(Openssl.Run("x509", "-in", plain, "-noout", "-subject"), "CN = kitchen");
        Assert.AreEqual(Openssl.Run("x509", "-in", plain, "-noout", "-pubkey"), Openssl.Run("pkey", "-in", plain, "-pubout"));
    }

    [TestMethod]
    public void Bundle_RootCaBundleHoldsEveryGivenCertificateThenANul()
    {
        using var cli = WithIdentity();
        Assert.AreEqual(ExitCodes.Ok, Bundle(cli).ExitCode);

        byte[] bundle = File.ReadAllBytes(cli.PathOf("things", Name, "bundle", "root-ca-bundle.pem"));

        Assert.AreEqual(0, bundle[^1]);
        string text = Encoding.ASCII.GetString(bundle, 0, bundle.Length - 1);
        Assert.AreEqual(2, text.Split("-----BEGIN CERTIFICATE-----").Length - 1);
        File.WriteAllText(cli.PathOf("bundle.pem"), text);
        StringAssert.Contains(Openssl.Run("crl2pkcs7", "-nocrl", "-certfile", cli.PathOf("bundle.pem"), "-out", "/dev/stdout"), "PKCS7");
    }

    [TestMethod]
    public void Bundle_NoRootCaGiven_SaysWhereToDownloadAmazons()
    {
        using var cli = WithIdentity();

        CliRun run = cli.Run("bundle", "--thing", Name, "--endpoint", Endpoint, "--wifi-ssid", "home", "--wifi-password", Password);

        Assert.AreEqual(ExitCodes.NotFound, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "https://www.amazontrust.com/repository/AmazonRootCA1.pem");
        StringAssert.Contains(run.Error, "https://www.amazontrust.com/repository/AmazonRootCA3.pem");
        Assert.IsFalse(Directory.Exists(cli.PathOf("things", Name, "bundle")), "nothing written");
    }

    [TestMethod]
    public void Bundle_NoRootCaGivenButLocalStandInCa_UsesIt()
    {
        using var cli = WithIdentity();
        TestCa.WriteRoot(cli.PathOf("things", Name, "root-ca.pem"), "NanoThing Local CA");
        cli.Environment[WifiCredentials.PasswordVariable] = Password;

        CliRun run = cli.Run("bundle", "--thing", Name, "--endpoint", "127.0.0.1:18883", "--wifi-ssid", "home");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        StringAssert.Contains(File.ReadAllText(cli.PathOf("things", Name, "bundle", "network-deployment.json")), Password);
        StringAssert.Contains(File.ReadAllText(cli.PathOf("things", Name, "bundle", "nanothing.json")), "\"port\": 18883");
    }

    [TestMethod]
    public void Bundle_KeyOfAnotherCertificate_IsRejectedBeforeWriting()
    {
        using var cli = WithIdentity();
        using var other = new CliHarness();
        other.Run("cert", "create", "--thing", Name);
        File.Copy(other.PathOf("things", Name, "device.key"), cli.PathOf("things", Name, "device.key"), overwrite: true);

        CliRun run = Bundle(cli);

        Assert.AreEqual(ExitCodes.InputInvalid, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "not a matching certificate and private key");
        Assert.IsFalse(Directory.Exists(cli.PathOf("things", Name, "bundle")));
    }

    [TestMethod]
    [DataRow("short", "8 to 63")]
    [DataRow("this password is far too long to be a WPA2 passphrase, it has more than 63", "8 to 63")]
    public void Bundle_BadWifiPassword_IsRejectedWithoutEchoingIt(string password, string expected)
    {
        using var cli = WithIdentity();

        CliRun run = cli.Run("bundle", "--thing", Name, "--endpoint", Endpoint, "--wifi-ssid", "home", "--wifi-password", password, "--root-ca", "ca/AmazonRootCA1.pem");

        Assert.AreEqual(ExitCodes.InputInvalid, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, expected);
        Assert.IsFalse(run.Error.Contains(password));
    }

    [TestMethod]
    [DataRow("https://a1b2-ats.iot.eu-west-1.amazonaws.com", "is a URL")]
    [DataRow("eu-west-1.console.aws.amazon.com", "AWS console")]
    [DataRow("host:99999", "not a port number")]
    [DataRow("bad host", "not a host name")]
    public void Bundle_BadEndpoint_SaysHowToFindTheRightOne(string endpoint, string expected)
    {
        using var cli = WithIdentity();

        CliRun run = cli.Run("bundle", "--thing", Name, "--endpoint", endpoint, "--wifi-ssid", "home", "--wifi-password", Password);

        Assert.AreEqual(ExitCodes.InputInvalid, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, expected);
        StringAssert.Contains(run.Error, "describe-endpoint --endpoint-type iot:Data-ATS");
    }

    [TestMethod]
    public void Bundle_LegacyAwsEndpoint_Warns()
    {
        using var cli = WithIdentity();
        CliRun run = cli.Run("bundle", "--thing", Name, "--endpoint", "a1b2c3d4e5f6g7.iot.eu-west-1.amazonaws.com", "--wifi-ssid", "home",
            "--wifi-password", Password, "--root-ca", "ca/AmazonRootCA1.pem");
        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "legacy endpoint");
    }

    [TestMethod]
    public void Bundle_MissingRequiredOption_IsUsage()
    {
        using var cli = new CliHarness();
        Assert.AreEqual(ExitCodes.Usage, cli.Run("bundle", "--thing", Name, "--wifi-ssid", "home").ExitCode);
    }
}
