using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using NanoThing.LocalIot.Broker;

namespace NanoThing.EndToEnd.Tests;

/// <summary>
/// `nanothing demo` as a user runs it: a real process in a fresh folder. It must show the shadow's versions growing,
/// and on Ctrl-C (SIGINT) stop the board, mosquitto and the shadow service it started, leaving the port free.
/// </summary>
[TestClass]
public sealed partial class DemoProcessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [TestMethod]
    public void DemoShowsTheShadowLiveAndCtrlCStopsEverythingItStarted()
    {
        if (MosquittoBroker.FindExecutable() is null)
        {
            Assert.Inconclusive("mosquitto is not installed: " + MosquittoBroker.InstallHint);
        }

        string folder = Directory.CreateTempSubdirectory("nanothing-demo-").FullName;
        int port = FreePort.Find();
        var lines = new List<string>();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "nanothing.dll"), "demo", "--thing", "demo-e2e", "--port", port.ToString(), "--seed", "7" })
        {
            start.ArgumentList.Add(argument);
        }

        using var demo = Process.Start(start)!;
        demo.OutputDataReceived += (_, e) => Add(lines, e.Data);
        demo.ErrorDataReceived += (_, e) => Add(lines, e.Data);
        demo.BeginOutputReadLine();
        demo.BeginErrorReadLine();
        try
        {
            List<long> versions = WaitForVersions(lines, demo, 3);
            CollectionAssert.AreEqual(versions.Order().Distinct().ToList(), versions, "each accepted report has a newer version: " + string.Join(",", versions));

            string local = Path.Combine(folder, ".nanothing", "local");
            int mosquitto = int.Parse(File.ReadAllLines(Path.Combine(local, "broker", MosquittoBroker.PidFileName))[0]);
            int service = int.Parse(File.ReadAllLines(Path.Combine(local, "serve.pid"))[0]);
            Assert.IsTrue(Directory.Exists("/proc/" + mosquitto) && Directory.Exists("/proc/" + service), "mosquitto and the shadow service run during the demo");

            Assert.AreEqual(0, Kill(demo.Id, 2), "SIGINT delivered");
            Assert.IsTrue(demo.WaitForExit(Bound), "the demo ends on Ctrl-C within " + Bound.TotalSeconds + " s");
            demo.WaitForExit();
            Assert.AreEqual(0, demo.ExitCode, Text(lines));
            Assert.IsFalse(Directory.Exists("/proc/" + mosquitto), "mosquitto is stopped: " + Text(lines));
            Assert.IsFalse(Directory.Exists("/proc/" + service), "the shadow service is stopped: " + Text(lines));
            Assert.IsFalse(File.Exists(Path.Combine(local, "serve.pid")));
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start(); // throws when something still listens on the demo's port
            StringAssert.Contains(Text(lines), "stopped the local stand-in it started");
        }
        finally
        {
            if (!demo.HasExited)
            {
                demo.Kill(entireProcessTree: true);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<long> WaitForVersions(List<string> lines, Process demo, int count)
    {
        var deadline = DateTime.UtcNow + Bound;
        lock (lines)
        {
            while (true)
            {
                var versions = lines.Select(l => ShadowLine().Match(l)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value)).ToList();
                if (versions.Count >= count)
                {
                    return versions;
                }

                var left = deadline - DateTime.UtcNow;
                if (demo.HasExited || left <= TimeSpan.Zero || !Monitor.Wait(lines, left))
                {
                    throw new AssertFailedException($"the demo did not show {count} shadow versions within {Bound.TotalSeconds} s (exited: {demo.HasExited}): {string.Join("\n", lines)}");
                }
            }
        }
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is null) return;
        lock (lines)
        {
            lines.Add(line);
            Monitor.PulseAll(lines);
        }
    }

    private static string Text(List<string> lines)
    {
        lock (lines) return string.Join("\n", lines);
    }

    [GeneratedRegex(@"shadow v(\d+): reported")]
    private static partial Regex ShadowLine();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
