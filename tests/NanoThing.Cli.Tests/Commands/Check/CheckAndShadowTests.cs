using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;
using NanoThing.LocalIot.Broker;

namespace NanoThing.Cli.Tests.Commands.Check;

/// <summary>`check` against the local stand-in (`shadow` is in ShadowCommandTests) (the real stand-in process, real TLS, the shadow service in the
/// background), started once for the class.</summary>
[TestClass]
public sealed class CheckAndShadowTests
{
    private static CliHarness s_cli = null!;
    private static int s_port;

    [ClassInitialize]
    public static void StartStandIn(TestContext _)
    {
        s_cli = new CliHarness();
        s_port = FreePort.Find();
        foreach (string thing in new[] { "kitchen", "fresh" })
        {
            Assert.AreEqual(ExitCodes.Ok, s_cli.Run("local", "provision", "--thing", thing).ExitCode);
        }

        // The stand-in's CA issues certificates at the real time and TLS checks them at the real time: `check`, which
        // also checks validity, must see the same clock, not the harness's fixed one.
        s_cli.Now = DateTimeOffset.UtcNow;
        CliRun start = s_cli.Run("local", "start", "--port", s_port.ToString());
        Assert.AreEqual(ExitCodes.Ok, start.ExitCode, start.ToString());
    }

    [ClassCleanup]
    public static void StopStandIn()
    {
        s_cli.Run("local", "stop");
        s_cli.Dispose();
    }

    [TestMethod]
    public void Check_ProvisionedThing_PassesEveryStep()
    {
        CliRun run = s_cli.Run("check", "--thing", "kitchen");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        foreach (string step in new[] { "files:", "dns:", "tcp:", "tls + connect: CONNACK 0", "subscribe:", "shadow get:" })
        {
            StringAssert.Contains(run.Out, "  [ok]   " + step, run.ToString());
        }

        StringAssert.Contains(run.Out, $"endpoint from the local stand-in");
        StringAssert.Contains(run.Out, "check passed");
    }

    [TestMethod]
    public void Check_SaysItConnectsAsTheDevice_BeforeItConnects_AndNamesTheWayWithout()
    {
        CliRun run = s_cli.Run("check", "--thing", "kitchen");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        int note = run.Out.IndexOf("  note:  check connects as the device (client id kitchen", StringComparison.Ordinal);
        int connect = run.Out.IndexOf("tls + connect:", StringComparison.Ordinal);
        Assert.IsTrue(note >= 0 && note < connect, "check must say it takes over the device's connection before it connects:\n" + run.Out);
        StringAssert.Contains(run.Out, "a device connected as kitchen now is disconnected");
        StringAssert.Contains(run.Out, "nanothing shadow get --thing kitchen");
    }

    [TestMethod]
    public void Check_DeviceBundle_SuppliesEndpointAndNulTerminatedCa()
    {
        string dir = s_cli.PathOf("bundled", "kitchen");
        Directory.CreateDirectory(dir);
        foreach (string file in new[] { "device.crt", "device.key" })
        {
            File.Copy(s_cli.PathOf("things", "kitchen", file), Path.Combine(dir, file));
        }

        CliRun bundle = s_cli.Run("bundle", "--thing", "kitchen", "--dir", dir, "--endpoint", $"localhost:{s_port}", "--wifi-ssid", "home",
            "--wifi-password", "password1", "--root-ca", s_cli.PathOf("things", "kitchen", "root-ca.pem"));
        Assert.AreEqual(ExitCodes.Ok, bundle.ExitCode, bundle.ToString());

        CliRun run = s_cli.Run("check", "--thing", "kitchen", "--dir", dir);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, $"checking kitchen at localhost:{s_port} (endpoint from {Path.Combine(dir, "bundle", "nanothing.json")})");
        StringAssert.Contains(run.Out, "root-ca-bundle.pem");
    }

    [TestMethod]
    public void Check_WrongCa_FailsAtTlsSayingWhichCaToUse()
    {
        string otherCa = TestCa.WriteRoot(s_cli.PathOf("other-ca.pem"), "Some Other CA");

        CliRun run = s_cli.Run("check", "--thing", "kitchen", "--root-ca", otherCa);

        Assert.AreEqual(ExitCodes.ConnectFailed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "  [FAIL] TLS with 127.0.0.1:" + s_port);
        StringAssert.Contains(run.Error, "use the right CA");
    }

    [TestMethod]
    public void Check_CertificateOfAnotherCa_IsRefusedByTheBroker()
    {
        Assert.AreEqual(ExitCodes.Ok, s_cli.Run("cert", "create", "--thing", "rogue").ExitCode); // self-signed, not from the local CA

        CliRun run = s_cli.Run("check", "--thing", "rogue", "--root-ca", s_cli.PathOf("things", "kitchen", "root-ca.pem"));

        Assert.AreEqual(ExitCodes.ConnectFailed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "[ok]   tcp:");
        StringAssert.Contains(run.Error, "client certificate");
        StringAssert.Contains(run.Error, "nanothing local provision --thing rogue --force");
    }

    [TestMethod]
    public void Check_CertificateOfAnotherThing_WarnsAndFails()
    {
        CliRun run = s_cli.Run("check", "--thing", "ghost", "--dir", s_cli.PathOf("things", "kitchen"));

        Assert.AreNotEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Out, "[warn] the certificate's CN is 'kitchen', not 'ghost'");
        StringAssert.Contains(run.Out, "[FAIL]");
    }
}

[TestClass]
public sealed class CheckWithoutEndpointTests
{
    [TestMethod]
    public void Check_NoEndpointAnywhere_SaysHowToGetOne()
    {
        using var cli = new CliHarness();
        cli.Run("local", "provision", "--thing", "kitchen");

        CliRun run = cli.Run("check", "--thing", "kitchen");

        Assert.AreEqual(ExitCodes.NotFound, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "nanothing local start");
        StringAssert.Contains(run.Error, "describe-endpoint");
    }
}
