using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using NanoThing.EndToEnd.Tests.Support;
using NanoThing.LocalIot.Broker;

namespace NanoThing.EndToEnd.Tests;

/// <summary>
/// `nanothing demo` and `nanothing board` as a user runs them: real processes. The demo must show the shadow's versions
/// growing and, on Ctrl-C, stop the board and the stand-in process it started, leaving the port free; the
/// board command runs a provisioned thing against a running stand-in until Ctrl-C.
/// </summary>
[TestClass]
public sealed partial class DemoProcessTests
{
    [GeneratedRegex(@"shadow v(\d+): reported")]
    private static partial Regex ReportLine();

    [TestMethod]
    public void DemoShowsTheShadowLiveAndCtrlCStopsEverythingItStarted()
    {
        string folder = Directory.CreateTempSubdirectory("nanothing-demo-").FullName;
        int port = FreePort.Find();
        try
        {
            using var demo = new CliProcess(folder, "demo", "--thing", "demo-e2e", "--port", port.ToString(), "--seed", "7");
            List<long> versions = demo.WaitForMatches(ReportLine(), 3).Select(long.Parse).ToList();
            CollectionAssert.AreEqual(versions.Order().Distinct().ToList(), versions, "each accepted report has a newer version: " + string.Join(",", versions));

            string local = Path.Combine(folder, ".nanothing", "local");
            int service = int.Parse(File.ReadAllLines(Path.Combine(local, "serve.pid"))[0]);
            Assert.IsTrue(Directory.Exists("/proc/" + service), "the stand-in process runs during the demo");

            Assert.AreEqual(0, demo.Interrupt(), demo.Output);
            Assert.IsFalse(Directory.Exists("/proc/" + service), "the stand-in process is stopped: " + demo.Output);
            Assert.IsFalse(File.Exists(Path.Combine(local, "serve.pid")));
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start(); // throws when something still listens on the demo's port
            StringAssert.Contains(demo.Output, "stopped the local stand-in it started");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task BoardCommandRunsAProvisionedThingUntilCtrlC()
    {
        await using var standIn = await StandIn.StartAsync();
        string thing = standIn.ProvisionThing("cli-board");
        using var board = new CliProcess(Path.GetTempPath(), "board", "--thing", "cli-board", "--dir", thing, "--endpoint", "127.0.0.1:" + standIn.Port, "--seed", "3");
        board.WaitForMatches(ReportLine(), 1);
        await standIn.SetDesiredAsync("cli-board", "{\"led\":true}");
        board.WaitForMatches(new Regex("(desired state: applied 1 key)"), 1);
        board.WaitForMatches(new Regex(@"shadow v(\d+): reported .*""led"":true"), 1);
        Assert.AreEqual(0, board.Interrupt(), board.Output);
        StringAssert.Contains(board.Output, "board cli-board: stopped after");
        Assert.AreEqual(true, (bool?)standIn.Shadow("cli-board")!["state"]!["reported"]!["led"], "the board reported the LED before stopping: " + board.Output);
    }
}
