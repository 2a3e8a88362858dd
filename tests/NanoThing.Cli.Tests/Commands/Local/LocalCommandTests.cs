using System.Net;
using System.Net.Sockets;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;
using NanoThing.LocalIot.Broker;
using NanoThing.Mqtt;

namespace NanoThing.Cli.Tests.Commands.Local;

/// <summary>The local stand-in commands against the real thing: the broker (client certificates) with the Device Shadow
/// service inside, running as a detached `nanothing local serve` process.</summary>
[TestClass]
public sealed class LocalCommandTests
{
    private const string Name = "kitchen";

    [TestMethod]
    public void Provision_IssuesCertificateOfTheLocalCaWithKey0600()
    {
        using var cli = new CliHarness();

        CliRun run = cli.Run("local", "provision", "--thing", Name);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        string dir = cli.PathOf("things", Name);
        StringAssert.Contains(Openssl.Run("verify", "-CAfile", Path.Combine(dir, "root-ca.pem"), Path.Combine(dir, "device.crt")), ": OK");
        StringAssert.Contains(Openssl.Run("x509", "-in", Path.Combine(dir, "device.crt"), "-noout", "-subject"), "CN = kitchen");
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "device.key")));
        Assert.IsTrue(Directory.Exists(cli.PathOf(".nanothing", "local", "ca")), "state lives in .nanothing/local");

        CliRun again = cli.Run("local", "provision", "--thing", Name);
        Assert.AreEqual(ExitCodes.FileExists, again.ExitCode, again.ToString());
        StringAssert.Contains(again.Error, "--force");
    }

    [TestMethod]
    public void Provision_InvalidThing_IsInputInvalid()
    {
        using var cli = new CliHarness();
        Assert.AreEqual(ExitCodes.InputInvalid, cli.Run("local", "provision", "--thing", "shadow.service").ExitCode);
    }

    [TestMethod]
    public async Task StartStatusStop_RunTheStandInInTheBackground()
    {
        using var cli = new CliHarness();
        int port = FreePort.Find();
        Assert.AreEqual(ExitCodes.Ok, cli.Run("local", "provision", "--thing", Name).ExitCode);
        try
        {
            CliRun start = cli.Run("local", "start", "--port", port.ToString());
            Assert.AreEqual(ExitCodes.Ok, start.ExitCode, start.ToString());
            StringAssert.Contains(start.Out, $"endpoint: 127.0.0.1:{port}\n");

            CliRun again = cli.Run("local", "start", "--port", port.ToString());
            Assert.AreEqual(ExitCodes.Ok, again.ExitCode, again.ToString());
            StringAssert.Contains(again.Out, "already running");

            CliRun status = cli.Run("local", "status");
            Assert.AreEqual(ExitCodes.Ok, status.ExitCode, status.ToString());
            StringAssert.Contains(status.Out, $"endpoint: 127.0.0.1:{port}\n");

            // the endpoint serves shadows to the provisioned thing (the shadow service runs in the background)
            var (connect, reply) = await ShadowProbe.RequestAsync(cli.PathOf("things", Name), Name, port, "update", """{"state":{"reported":{"led":true}}}""");
            Assert.AreEqual(MqttConnectStatus.Accepted, connect);
            StringAssert.StartsWith(reply, "accepted ");
            StringAssert.Contains(reply, "\"led\":true");

            // kitchen's certificate with another client id: refused at CONNECT, and `local log` says which rule decided
            var (refused, _) = await ShadowProbe.RequestAsync(cli.PathOf("things", Name), "pantry", port, "get", "{}");
            Assert.AreEqual(MqttConnectStatus.RefusedNotAuthorized, refused);
            CliRun log = cli.Run("local", "log", "--refusals");
            Assert.AreEqual(ExitCodes.Ok, log.ExitCode, log.ToString());
            string refusal = log.Out.Split('\n').Single(line => line.Contains("\"clientId\":\"pantry\"", StringComparison.Ordinal));
            StringAssert.Contains(refusal, "\"eventType\":\"Connect\"");
            StringAssert.Contains(refusal, "\"reason\":\"AUTHORIZATION_FAILURE\"");
            StringAssert.Contains(refusal, "iot:Connect");
        }
        finally
        {
            CliRun stop = cli.Run("local", "stop");
            Assert.AreEqual(ExitCodes.Ok, stop.ExitCode, stop.ToString());
            StringAssert.Contains(stop.Out, "stopped the local stand-in;");
        }

        CliRun after = cli.Run("local", "status");
        Assert.AreEqual(ExitCodes.NotFound, after.ExitCode, after.ToString());
        StringAssert.Contains(after.Error, "nanothing local start");
        Assert.IsFalse(IsListening(port), "nothing listens after stop");
        Assert.IsTrue(Directory.EnumerateFiles(cli.PathOf(".nanothing", "local", "shadows"), "*", SearchOption.AllDirectories).Any(), "shadows kept");
    }

    [TestMethod]
    public void Start_PortTaken_FailsAndLeavesNothingRunning()
    {
        using var cli = new CliHarness();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        CliRun start = cli.Run("local", "start", "--port", port.ToString());

        Assert.AreEqual(ExitCodes.ExternalToolFailed, start.ExitCode, start.ToString());
        StringAssert.Contains(start.Error, "--port");
        Assert.AreEqual(ExitCodes.NotFound, cli.Run("local", "status").ExitCode);
    }

    [TestMethod]
    public void Stop_NothingRunning_IsFine()
    {
        using var cli = new CliHarness();
        CliRun stop = cli.Run("local", "stop");
        Assert.AreEqual(ExitCodes.Ok, stop.ExitCode, stop.ToString());
        StringAssert.Contains(stop.Out, "not running");
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
