namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// Keeps every shadow in its own file under one folder (<see cref="ShadowFileName"/>), written atomically:
/// the new content goes to a temporary file in the same folder, then is renamed over the old file, so a crash
/// leaves the old or the new shadow, never a torn one. <see cref="TrySave"/> flushes the temporary file before the
/// rename (one fsync per record). <see cref="SaveAll"/> (group commit) appends the whole batch to the journal
/// (<see cref="ShadowJournal"/>) with one fsync and returns; a background writer then replaces the files without
/// flushing them, <see cref="FileDelay"/> after the first change it has not written yet, so the changes of one shadow
/// within that delay cost one file write (at 1,000 things updating once a second, creating and renaming 1,000 files a
/// second was 18 % of the stand-in's CPU, most of it ext4 allocating inodes): until the next checkpoint the journal is
/// what makes them durable, and the start replays it over the files. A checkpoint flushes every file changed since the
/// last one and the folder, then empties the journal: at <see cref="Dispose"/> and after a replay; and once the
/// journal passes <see cref="JournalLimitBytes"/>, by the background writer without holding up <see cref="SaveAll"/>
/// (at 1,000 things a checkpoint is 1,000 flushed files, about a second; done on the commit path it stalled every update
/// that long every 20-odd seconds): the files are flushed while the journal grows, then only the records appended
/// before the checkpoint began are dropped from it (<see cref="ShadowJournal.DropBefore"/>). One service per folder.
/// </summary>
public sealed class ShadowFileRepository : IShadowRepository, IDisposable
{
    /// <summary>Journal size that triggers a checkpoint: about 16,000 small shadows' records.</summary>
    public const long DefaultJournalLimitBytes = 8 * 1024 * 1024;

    /// <summary>How long the background writer gathers changes before it replaces their files.</summary>
    public static readonly TimeSpan DefaultFileDelay = TimeSpan.FromSeconds(5);

    private const string TemporarySuffix = ".tmp";

    private readonly object gate = new();
    private readonly object files = new(); // held by every writer of shadow files (background writer, checkpoints); taken before gate
    private readonly IShadowDisk disk;
    private readonly Action<string> log;
    private readonly ShadowJournal journal;
    private readonly Dictionary<ShadowId, ShadowRecord> unflushed = new();
    private readonly Dictionary<ShadowId, ShadowRecord> filesBehind = new();
    private bool writingFiles;
    private TaskCompletionSource filesIdle = Idle();
    private bool journalBroken;
    private bool checkpointDue;
    private bool closed;

    /// <summary>Uses <paramref name="folder"/> (created when missing) for the shadow files.</summary>
    /// <param name="folder">The shadow folder.</param>
    /// <param name="disk">The flushes (tests count or fail them); null = the real disk.</param>
    /// <param name="log">Receives one line per problem that does not fail a request (a checkpoint that must wait).</param>
    /// <param name="journalLimitBytes">Journal size that triggers a checkpoint.</param>
    /// <param name="fileDelay">How long the background writer gathers changes before replacing their files (null:
    /// <see cref="DefaultFileDelay"/>; zero: at once).</param>
    public ShadowFileRepository(string folder, IShadowDisk? disk = null, Action<string>? log = null, long journalLimitBytes = DefaultJournalLimitBytes,
        TimeSpan? fileDelay = null)
    {
        Folder = Path.GetFullPath(folder);
        this.disk = disk ?? ShadowDisk.Instance;
        this.log = log ?? (_ => { });
        JournalLimitBytes = journalLimitBytes;
        FileDelay = fileDelay ?? DefaultFileDelay;
        journal = new ShadowJournal(Path.Combine(Folder, ShadowJournal.FileName), this.disk);
    }

    /// <summary>Journal size that triggers a checkpoint.</summary>
    public long JournalLimitBytes { get; }

    /// <summary>How long the background writer gathers changes before it replaces their files (the files lag the journal by about this much).</summary>
    public TimeSpan FileDelay { get; }

    /// <summary>The folder holding the shadow files.</summary>
    public string Folder { get; }

    /// <summary>The file that holds <paramref name="id"/>.</summary>
    public string PathOf(ShadowId id) => Path.Combine(Folder, ShadowFileName.For(id));

    /// <inheritdoc />
    public ShadowLoadResult LoadAll()
    {
        var records = new Dictionary<ShadowId, ShadowRecord>();
        var failures = new List<ShadowLoadFailure>();
        try
        {
            Directory.CreateDirectory(Folder);
            foreach (var leftover in Directory.EnumerateFiles(Folder, "*" + TemporarySuffix))
            {
                // A write that never reached its rename: the previous file is still the valid one.
                File.Delete(leftover);
            }

            foreach (var path in Directory.EnumerateFiles(Folder).Order(StringComparer.Ordinal))
            {
                Load(path, records, failures);
            }

            lock (files)
            lock (gate)
            {
                Replay(records, failures);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failures.Add(new ShadowLoadFailure(Folder, null,
                "cannot read the shadow folder " + Folder + ": " + e.Message + "; check that it exists and is readable and writable, then restart the shadow service"));
        }

        return new ShadowLoadResult(records, failures);
    }

    /// <inheritdoc />
    public bool TrySave(ShadowId id, ShadowRecord record, out string? error)
    {
        lock (files)
        lock (gate)
        {
            // the journal must not hold an older record of this shadow than its file: empty it first
            if (unflushed.Count > 0 && TryCheckpoint() is { } checkpointError)
            {
                error = Refused(id, PathOf(id), checkpointError);
                return false;
            }

            error = TryWriteFile(id, record, durable: true);
            return error is null;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string?> SaveAll(IReadOnlyList<ShadowWrite> writes)
    {
        lock (gate)
        {
            var errors = new string?[writes.Count];
            if (writes.Count == 0)
            {
                return errors;
            }

            try
            {
                if (journalBroken)
                {
                    throw new ShadowJournalBrokenException(Path.Combine(Folder, ShadowJournal.FileName));
                }

                Directory.CreateDirectory(Folder);
                journal.Append(writes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                journalBroken |= e is ShadowJournalBrokenException;
                for (int i = 0; i < writes.Count; i++)
                {
                    errors[i] = Refused(writes[i].Id, Path.Combine(Folder, ShadowJournal.FileName), e.Message);
                }

                return errors;
            }

            // durable now (in the journal); the files follow in the background
            foreach (var write in writes)
            {
                unflushed[write.Id] = write.Record;
                filesBehind[write.Id] = write.Record;
            }

            if (filesIdle.Task.IsCompleted)
            {
                filesIdle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            if (!writingFiles)
            {
                writingFiles = true;
                ScheduleWriter();
            }

            checkpointDue |= journal.Length > JournalLimitBytes; // the background writer (started above) checkpoints

            return errors;
        }
    }

    /// <summary>Checkpoints (every file changed since the last checkpoint flushed, the journal emptied) and closes the journal. Never throws.</summary>
    public void Dispose()
    {
        lock (files)
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            closed = true;
            if (unflushed.Count > 0 && TryCheckpoint() is { } error)
            {
                log("shadow checkpoint at close failed; the journal is replayed at the next start: " + error);
            }

            journal.Dispose();
        }
    }

    /// <summary>Completes once the background writer has replaced every file stored so far (tests: files on disk before a simulated crash).</summary>
    internal Task FilesWrittenAsync()
    {
        lock (gate)
        {
            return filesIdle.Task;
        }
    }

    /// <summary>Runs <see cref="WriteFiles"/> after <see cref="FileDelay"/>.</summary>
    private void ScheduleWriter()
    {
        if (FileDelay > TimeSpan.Zero)
        {
            _ = Task.Delay(FileDelay).ContinueWith(_ => WriteFiles(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        else
        {
            ThreadPool.QueueUserWorkItem(_ => WriteFiles());
        }
    }

    /// <summary>Replaces the files of the shadows changed before it started, newest record only, then checkpoints when
    /// one is due; then again after <see cref="FileDelay"/> for those changed meanwhile, or ends when nothing is left
    /// (<see cref="SaveAll"/> starts it again). Files are written under <c>files</c>, not under <c>gate</c>, so
    /// <see cref="SaveAll"/> goes on meanwhile.</summary>
    private void WriteFiles()
    {
        lock (files)
        {
            List<ShadowId> sweep;
            lock (gate)
            {
                sweep = closed ? [] : [.. filesBehind.Keys];
            }

            foreach (var id in sweep)
            {
                ShadowRecord? record;
                lock (gate)
                {
                    if (closed)
                    {
                        break;
                    }

                    if (!filesBehind.Remove(id, out record))
                    {
                        continue;
                    }
                }

                if (TryWriteFile(id, record, durable: false) is { } fileError)
                {
                    log("shadow " + id + " is stored in the journal but its file could not be replaced (" + fileError + "); the next checkpoint retries");
                }
            }

            bool due;
            lock (gate)
            {
                due = checkpointDue && !closed;
                checkpointDue = false;
            }

            if (due && CheckpointAside() is { } checkpointError)
            {
                log("shadow checkpoint failed, the journal keeps growing until it succeeds (retried in " + FileDelay.TotalSeconds + " s): " + checkpointError);
                lock (gate)
                {
                    checkpointDue = true;
                }
            }
        }

        lock (gate)
        {
            if (closed || (filesBehind.Count == 0 && !checkpointDue))
            {
                writingFiles = false;
                filesIdle.TrySetResult();
                return;
            }
        }

        ScheduleWriter();
    }

    /// <summary>Applies the journal's records over what the files held, then checkpoints.</summary>
    private void Replay(Dictionary<ShadowId, ShadowRecord> records, List<ShadowLoadFailure> failures)
    {
        var replayed = journal.Replay(out var problem);
        if (problem is not null)
        {
            var copy = Path.Combine(Folder, ShadowJournal.FileName + ".damaged");
            File.Copy(Path.Combine(Folder, ShadowJournal.FileName), copy, overwrite: true);
            failures.Add(new ShadowLoadFailure(copy, null, "the shadow journal is damaged: " + problem + "; a copy is kept in " + copy + " for inspection"));
        }

        foreach (var write in replayed)
        {
            records[write.Id] = write.Record;
            unflushed[write.Id] = write.Record;
            failures.RemoveAll(f => f.Id == write.Id); // a torn or stale file is superseded by the journal
        }

        // also a journal with nothing readable (a torn first line, or damaged): appending after it would hide the appends
        if (journal.Length > 0 && TryCheckpoint() is { } error)
        {
            failures.Add(new ShadowLoadFailure(Folder, null, "the shadow journal was replayed but could not be emptied (" + error + "); it is replayed again at the next start"));
        }
    }

    /// <summary>
    /// The background writer's checkpoint (holding <c>files</c>, not <c>gate</c>, so updates go on): notes the journal's
    /// length, rewrites every shadow changed since the last checkpoint with a flush (its newest record, which is in the
    /// journal too), flushes the folder, then drops from the journal only what was appended before the noted length:
    /// every record there is now durable in a file at least as new. A shadow changed meanwhile stays unflushed (its newer
    /// record is after the mark). Null when done, otherwise why not (nothing is dropped).
    /// </summary>
    private string? CheckpointAside()
    {
        List<ShadowId> changed;
        long mark;
        lock (gate)
        {
            changed = [.. unflushed.Keys];
            mark = journal.Length;
        }

        var written = new List<(ShadowId Id, ShadowRecord Record)>(changed.Count);
        foreach (var id in changed)
        {
            ShadowRecord? record;
            lock (gate)
            {
                if (closed)
                {
                    return null; // Dispose checkpoints everything itself
                }

                if (!unflushed.TryGetValue(id, out record))
                {
                    continue;
                }
            }

            if (TryWriteFile(id, record, durable: true) is { } error)
            {
                return error;
            }

            written.Add((id, record));
        }

        try
        {
            disk.FlushFolder(Folder); // the renames above
        }
        catch (IOException e)
        {
            return "could not flush the shadow folder " + Folder + ": " + e.Message;
        }

        lock (gate)
        {
            try
            {
                journal.DropBefore(mark);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return "could not drop the checkpointed records from the journal in " + Folder + ": " + e.Message;
            }

            foreach (var (id, record) in written)
            {
                if (unflushed.TryGetValue(id, out var current) && ReferenceEquals(current, record))
                {
                    unflushed.Remove(id);
                }

                if (filesBehind.TryGetValue(id, out var behind) && ReferenceEquals(behind, record))
                {
                    filesBehind.Remove(id);
                }
            }
        }

        return null;
    }

    /// <summary>Rewrites every shadow changed since the last checkpoint with a flush, flushes the folder, empties the
    /// journal (callers hold <c>files</c> and <c>gate</c>). Null when done, otherwise why not (the journal is kept).</summary>
    private string? TryCheckpoint()
    {
        foreach (var (id, record) in unflushed)
        {
            if (TryWriteFile(id, record, durable: true) is { } error)
            {
                return error;
            }
        }

        try
        {
            disk.FlushFolder(Folder);
            journal.Clear();
        }
        catch (IOException e)
        {
            return "could not flush the shadow folder " + Folder + " or empty its journal: " + e.Message;
        }

        unflushed.Clear();
        filesBehind.Clear(); // written durably above
        filesIdle.TrySetResult();
        return null;
    }

    /// <summary>Temporary file, (flush,) rename. Null when written, otherwise the sentence for the log.</summary>
    private string? TryWriteFile(ShadowId id, ShadowRecord record, bool durable)
    {
        var path = PathOf(id);
        var temporary = path + TemporarySuffix;
        try
        {
            Directory.CreateDirectory(Folder);
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(ShadowRecordFile.Write(id, record));
                if (durable)
                {
                    disk.Flush(stream);
                }
            }

            File.Move(temporary, path, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return Refused(id, path, e.Message);
        }
    }

    private static TaskCompletionSource Idle()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.SetResult();
        return idle;
    }

    private static string Refused(ShadowId id, string path, string reason) =>
        "could not store shadow " + id + " in " + path + ": " + reason
        + "; the request was rejected with 500 and the stored shadow is unchanged; free disk space or fix the folder's permissions";

    private static void Load(string path, Dictionary<ShadowId, ShadowRecord> records, List<ShadowLoadFailure> failures)
    {
        var name = Path.GetFileName(path);
        if (name is ShadowFolderLock.FileName or ShadowJournal.FileName)
        {
            return;
        }

        if (!ShadowFileName.TryParse(name, out var id))
        {
            failures.Add(new ShadowLoadFailure(path, null,
                "ignoring " + path + ": its name is not <thing>.json or <thing>~<shadow>.json; move it out of the shadow folder"));
            return;
        }

        string reason;
        try
        {
            if (ShadowRecordFile.TryRead(id, File.ReadAllBytes(path), out var record, out reason))
            {
                records[id] = record!;
                return;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = "it cannot be read (" + e.Message + ")";
        }

        failures.Add(new ShadowLoadFailure(path, id,
            "shadow " + id + " is unavailable: its file " + path + " is corrupted: " + reason
            + "; requests for it get 500 and the file is left as it is; fix or delete the file, then restart the shadow service"));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file is removed at the next start at the latest.
        }
    }
}
