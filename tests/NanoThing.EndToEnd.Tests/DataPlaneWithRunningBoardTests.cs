using System.Text.RegularExpressions;
using NanoThing.EndToEnd.Tests.Support;
using NanoThing.LocalIot.Broker;

namespace NanoThing.EndToEnd.Tests;

/// <summary>
/// The README's path as a user takes it, with real processes: `nanothing demo` runs a virtual board; in another terminal
/// `nanothing shadow watch` and `nanothing shadow update` work on its shadow through the data plane — and the board stays
/// connected the whole time (it logs "connected as" once and never "connection to the broker lost").
/// </summary>
[TestClass]
public sealed partial class DataPlaneWithRunningBoardTests
{
    [GeneratedRegex(@"shadow v(\d+): reported")]
    private static partial Regex ReportLine();

    [TestMethod]
    public void Shadow_update_and_watch_work_on_a_running_boards_shadow_without_disconnecting_it()
    {
        string folder = Directory.CreateTempSubdirectory("nanothing-dataplane-").FullName;
        try
        {
            using var demo = new CliProcess(folder, "demo", "--thing", "dp-board", "--port", FreePort.Find().ToString(), "--seed", "5");
            demo.WaitForMatches(ReportLine(), 1);
            StringAssert.Contains(demo.Output, "eval \"$(nanothing local env)\"");
            StringAssert.Matches(demo.Output, new Regex(@"demo: data plane https://127\.0\.0\.1:\d+ "));

            using var watch = new CliProcess(folder, "shadow", "watch", "--thing", "dp-board", "--interval", "0.2");
            watch.WaitForMatches(new Regex(@" v(\d+) desired|no shadow yet|v(\d+) reported"), 1);

            using (var update = new CliProcess(folder, "shadow", "update", "--thing", "dp-board", "--desired", "{\"led\":true}"))
            {
                Assert.AreEqual(0, update.WaitForExit(), update.Output);
                StringAssert.Contains(update.Output, "\"led\": true");
            }

            demo.WaitForMatches(new Regex("(desired state: applied 1 key)"), 1);
            demo.WaitForMatches(new Regex(@"shadow v(\d+): reported .*""led"":true"), 1);
            watch.WaitForMatches(new Regex(@" v\d+ desired (\{""led"":true\})"), 1);
            watch.WaitForMatches(new Regex(@" v\d+ desired \{""led"":true\} reported (\{.*""led"":true)"), 1);

            Assert.AreEqual(0, watch.Interrupt(), watch.Output);
            Assert.AreEqual(0, demo.Interrupt(), demo.Output);
            Assert.HasCount(1, Regex.Matches(demo.Output, "connected as 'dp-board'"), demo.Output);
            Assert.DoesNotContain("connection to the broker lost", demo.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
