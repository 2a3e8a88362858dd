using NanoThing.LocalIot.Shadows;
using static NanoThing.LocalIot.Tests.Shadows.ShadowTestClient;

namespace NanoThing.LocalIot.Tests.Shadows;

/// <summary>
/// Group commit on real files: N things' concurrent updates cost one flush (the journal's), a restart after a crash
/// loses nothing acknowledged (the journal is replayed over torn files), a checkpoint flushes the files and empties
/// the journal, a failed flush is 500 and leaves nothing behind. Flushes are counted through the disk seam.
/// </summary>
[TestClass]
public sealed class ShadowGroupCommitTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly ManualTimeProvider clock = new(1700000000);
    private readonly CountingDisk disk = new();
    private readonly List<string> log = [];
    private TempFolder folder = null!;

    [TestInitialize]
    public void CreateFolder() => folder = new TempFolder();

    [TestCleanup]
    public void DeleteFolder() => folder.Dispose();

    private string Journal => Path.Combine(folder.Path, ShadowJournal.FileName);

    private ShadowFileRepository repository = null!;

    private (ShadowStore Store, ShadowCommitter Committer) Open(long journalLimit = ShadowFileRepository.DefaultJournalLimitBytes, TimeSpan? fileDelay = null)
    {
        repository = new ShadowFileRepository(folder.Path, disk, log.Add, journalLimit, fileDelay);
        var store = new ShadowStore(clock, repository, log.Add);
        return (store, new ShadowCommitter(store, log: log.Add));
    }


    [TestMethod]
    public async Task UpdatesOfTwentyThings_ArrivingDuringAFlush_ShareTheNextFlush()
    {
        var (_, committer) = Open();
        disk.HoldNextFlush();
        var first = Update(committer, "first", """{"state":{"reported":{"x":0}}}""");
        await disk.Holding.Task.WaitAsync(Bound);
        var others = Enumerable.Range(0, 20).Select(i => Update(committer, "thing-" + i, "{\"state\":{\"reported\":{\"x\":" + i + "}}}")).ToList();
        disk.Release();

        await Task.WhenAll([first, .. others]).WaitAsync(Bound);
        Assert.AreEqual(2, disk.Flushes, "one flush for the held update, one for the twenty that arrived meanwhile");
        Assert.AreEqual(0, disk.FolderFlushes, "no checkpoint yet");
        Assert.AreEqual(2, committer.Batches);
        await repository.FilesWrittenAsync().WaitAsync(Bound);
        Assert.AreEqual(2, disk.Flushes, "the files follow without a flush each");
        for (int i = 0; i < 20; i++)
        {
            StringAssert.Contains(File.ReadAllText(Path.Combine(folder.Path, "thing-" + i + ".json")), "\"reported\":{\"x\":" + i + "}");
        }

        await committer.DisposeAsync();
    }

    [TestMethod]
    public async Task ACrash_LosesNothingAcknowledged_EvenWithTornFilesAndATornJournalTail()
    {
        var (_, committer) = Open();
        var answers = Enumerable.Range(0, 30).SelectMany(t => Enumerable.Range(1, 3).Select(n =>
            Update(committer, "crash-" + t, "{\"state\":{\"reported\":{\"n\":" + n + "}}}"))).ToList();
        await Task.WhenAll(answers).WaitAsync(Bound);
        Assert.IsTrue(answers.All(a => Single(a.Result, ShadowResponseKind.UpdateAccepted).Length > 0));
        await repository.FilesWrittenAsync().WaitAsync(Bound); // the crash comes after the background writer went idle

        // the crash: nothing is disposed (no checkpoint); the files were never flushed, so a power cut may leave
        // them empty, and an append cut short leaves half a line at the end of the journal
        File.WriteAllBytes(Path.Combine(folder.Path, "crash-7.json"), []);
        File.AppendAllText(Journal, "{\"format\":1,\"thing\":\"crash-9\",\"sha");

        var restarted = new ShadowStore(clock, new ShadowFileRepository(folder.Path, disk, log.Add), log.Add);

        Assert.IsEmpty(restarted.LoadFailures, string.Join(" | ", restarted.LoadFailures.Select(f => f.Message)));
        for (int t = 0; t < 30; t++)
        {
            var document = restarted.Read(ShadowId.Classic("crash-" + t))!;
            Assert.AreEqual(3, (long)document["version"]!, "crash-" + t);
            Assert.AreEqual(3, (long)document["state"]!["reported"]!["n"]!, "crash-" + t);
        }

        Assert.AreEqual(0, new FileInfo(Journal).Length, "the replay ends with a checkpoint");
        StringAssert.Contains(File.ReadAllText(Path.Combine(folder.Path, "crash-7.json")), "\"version\":3");
    }

    [TestMethod]
    public async Task ADamagedJournal_IsReportedAndKeptAside_AndLaterCommitsAreNotHiddenBehindIt()
    {
        var (_, committer) = Open();
        Assert.AreEqual(1, AcceptedVersion(await Update(committer, "dj", """{"state":{"reported":{"x":1}}}""").WaitAsync(Bound)));
        await committer.DisposeAsync();
        await repository.FilesWrittenAsync().WaitAsync(Bound);
        File.WriteAllText(Journal, "not a record\n" + File.ReadAllText(Journal));

        var (second, secondCommitter) = Open();
        var failure = second.LoadFailures.Single();
        StringAssert.Contains(failure.Message, "line 1 of " + Journal);
        Assert.IsTrue(File.Exists(Journal + ".damaged"), "the damaged journal is kept for inspection");
        Assert.AreEqual(0, new FileInfo(Journal).Length, "emptied, so that new records are not appended behind the damage");
        Assert.AreEqual(2, AcceptedVersion(await Update(secondCommitter, "dj", """{"state":{"reported":{"x":2}}}""").WaitAsync(Bound)));
        await secondCommitter.DisposeAsync();
        await repository.FilesWrittenAsync().WaitAsync(Bound);

        File.Delete(Journal + ".damaged");
        var third = new ShadowStore(clock, new ShadowFileRepository(folder.Path, disk, log.Add), log.Add);
        Assert.AreEqual(2, (long)third.Read(ShadowId.Classic("dj"))!["state"]!["reported"]!["x"]!);
    }

    [TestMethod]
    public async Task AJournalPastItsLimit_IsCheckpointed_FilesAndFolderFlushed_JournalEmptied()
    {
        var (_, committer) = Open(journalLimit: 1, fileDelay: TimeSpan.Zero);
        Assert.AreEqual(1, AcceptedVersion(await Update(committer, "cp-a", """{"state":{"reported":{"x":1}}}""").WaitAsync(Bound)));
        await repository.FilesWrittenAsync().WaitAsync(Bound); // the background writer checkpoints

        Assert.AreEqual(3, disk.Flushes, "the journal's flush, then the checkpoint's: cp-a's file and the emptied journal");
        Assert.AreEqual(1, disk.FolderFlushes);
        Assert.AreEqual(0, new FileInfo(Journal).Length);
        await committer.DisposeAsync();

        var restarted = new ShadowStore(clock, new ShadowFileRepository(folder.Path, disk, log.Add), log.Add);
        Assert.AreEqual(1, (long)restarted.Read(ShadowId.Classic("cp-a"))!["version"]!);
    }

    [TestMethod]
    public async Task AFailedFlush_Is500_AndLeavesNeitherJournalNorFileBehind()
    {
        var (store, committer) = Open();
        Assert.AreEqual(1, AcceptedVersion(await Update(committer, "ff", """{"state":{"reported":{"x":1}}}""").WaitAsync(Bound)));
        long journalBefore = new FileInfo(Journal).Length;
        disk.FailNextFlush();

        var refused = await Update(committer, "ff", """{"state":{"reported":{"x":2}}}""").WaitAsync(Bound);

        Assert.AreEqual("""{"code":500,"message":"Internal service failure","timestamp":1700000000}""", Single(refused, ShadowResponseKind.UpdateRejected));
        Assert.AreEqual(journalBefore, new FileInfo(Journal).Length, "the failed batch is cut from the journal");
        Assert.AreEqual(1, (long)store.Read(ShadowId.Classic("ff"))!["state"]!["reported"]!["x"]!);
        StringAssert.Contains(log.Single(), "No space left on device");
        Assert.AreEqual(2, AcceptedVersion(await Update(committer, "ff", """{"state":{"reported":{"x":3}}}""").WaitAsync(Bound)));

        var restarted = new ShadowStore(clock, new ShadowFileRepository(folder.Path, disk, log.Add), log.Add);
        Assert.AreEqual(3, (long)restarted.Read(ShadowId.Classic("ff"))!["state"]!["reported"]!["x"]!);
        await committer.DisposeAsync();
    }

    [TestMethod]
    public async Task ACheckpoint_DoesNotHoldUpUpdates_AndARestartAfterItLosesNothing()
    {
        var (_, committer) = Open(journalLimit: 1, fileDelay: TimeSpan.Zero);
        disk.HoldNextFlushOf("cp-early.json"); // the checkpoint's flush of cp-early's file waits until released
        Assert.AreEqual(1, AcceptedVersion(await Update(committer, "cp-early", """{"state":{"reported":{"x":1}}}""").WaitAsync(Bound)));
        await disk.Holding.Task.WaitAsync(Bound);

        var during = await Update(committer, "cp-during", """{"state":{"reported":{"y":2}}}""").WaitAsync(Bound);
        Assert.AreEqual(1, AcceptedVersion(during), "an update is stored and answered while the checkpoint waits for the disk");
        disk.Release();
        await repository.FilesWrittenAsync().WaitAsync(Bound);

        Assert.IsFalse(File.ReadAllText(Journal).Contains("cp-early", StringComparison.Ordinal), "cp-early's record was checkpointed: dropped from the journal");
        await committer.DisposeAsync();

        var restarted = new ShadowStore(clock, new ShadowFileRepository(folder.Path, disk, log.Add), log.Add);
        Assert.AreEqual(1, (long)restarted.Read(ShadowId.Classic("cp-early"))!["state"]!["reported"]!["x"]!);
        Assert.AreEqual(2, (long)restarted.Read(ShadowId.Classic("cp-during"))!["state"]!["reported"]!["y"]!);
    }

    [TestMethod]
    public void JournalDropBefore_KeepsTheRecordsAppendedSinceTheMark_AndReplaysThem()
    {
        using var journal = new ShadowJournal(Journal, disk);
        journal.Append([Write("early", 1), Write("early-2", 1)]);
        long mark = journal.Length;
        journal.Append([Write("late", 2)]);

        journal.DropBefore(mark);
        journal.Append([Write("later", 3)]);

        var replayed = journal.Replay(out var problem);
        Assert.IsNull(problem);
        CollectionAssert.AreEqual(new[] { "late", "later" }, replayed.Select(w => w.Id.ThingName).ToArray());
        Assert.AreEqual(3, replayed[1].Record.Version);
        Assert.IsFalse(File.Exists(Journal + ".tmp"), "the temporary copy was renamed over the journal");
    }

    [TestMethod]
    public void JournalDropBefore_ItsWholeLength_EmptiesIt()
    {
        using var journal = new ShadowJournal(Journal, disk);
        journal.Append([Write("only", 1)]);

        journal.DropBefore(journal.Length);

        Assert.AreEqual(0, journal.Length);
        Assert.AreEqual(0, journal.Replay(out _).Count);
    }

    private static ShadowWrite Write(string thing, long version) =>
        new(ShadowId.Classic(thing), new ShadowRecord { Version = version, Exists = true, Reported = new System.Text.Json.Nodes.JsonObject { ["v"] = version } });
}
