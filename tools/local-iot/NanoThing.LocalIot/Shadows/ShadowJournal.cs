using System.Text.Json;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// The commit log of <see cref="ShadowFileRepository"/>: a batch of records is appended as lines (one
/// <see cref="ShadowRecordFile"/> document each) and flushed once, which makes the whole batch durable with one
/// fsync; the shadow files are then replaced without a flush each. At start the journal is replayed over the files
/// and emptied by a checkpoint (every file flushed), as it is whenever it grows past its limit. A torn last line (a
/// power cut during an append) was never acknowledged and is ignored.
/// </summary>
internal sealed class ShadowJournal(string path, IShadowDisk disk) : IDisposable
{
    /// <summary>The journal's file name in the shadow folder (it cannot be taken for a shadow file, which ends in .json).</summary>
    public const string FileName = "commits.journal";

    private FileStream? stream;

    /// <summary>Bytes in the journal (0 after a checkpoint).</summary>
    public long Length => stream?.Length ?? (File.Exists(path) ? new FileInfo(path).Length : 0);

    /// <summary>Appends <paramref name="writes"/> and flushes once. On failure the journal is cut back to where it was and the error is thrown.</summary>
    public void Append(IReadOnlyList<ShadowWrite> writes)
    {
        stream ??= new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        long start = stream.Seek(0, SeekOrigin.End);
        try
        {
            foreach (var write in writes)
            {
                stream.Write(ShadowRecordFile.Write(write.Id, write.Record));
            }

            disk.Flush(stream);
        }
        catch (IOException)
        {
            TryCut(start);
            throw;
        }
    }

    /// <summary>
    /// Every record in the journal, in order (a later one of a shadow supersedes an earlier one). Stops at the first
    /// line that is not a complete record: <paramref name="problem"/> then says where (null for a torn last line).
    /// </summary>
    public List<ShadowWrite> Replay(out string? problem)
    {
        problem = null;
        var writes = new List<ShadowWrite>();
        if (!File.Exists(path))
        {
            return writes;
        }

        var content = File.ReadAllBytes(path);
        int start = 0, line = 1;
        while (start < content.Length)
        {
            int end = Array.IndexOf(content, (byte)'\n', start);
            bool last = end < 0;
            var bytes = content.AsSpan(start, (last ? content.Length : end) - start).ToArray();
            if (!TryReadLine(bytes, out var write))
            {
                if (!last)
                {
                    problem = "line " + line + " of " + path + " is not a shadow record; the " + writes.Count + " records before it were restored, the rest of the journal is ignored";
                }

                break;
            }

            writes.Add(write);
            if (last)
            {
                break;
            }

            start = end + 1;
            line++;
        }

        return writes;
    }

    /// <summary>Empties the journal and flushes that (call only once every record in it is durable in its file).</summary>
    public void Clear()
    {
        stream ??= new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.SetLength(0);
        disk.Flush(stream);
    }

    /// <summary>
    /// Drops the records before <paramref name="mark"/> (a <see cref="Length"/> the journal had between appends), keeping
    /// those appended since: they are written to a temporary file, flushed, renamed over the journal and the folder
    /// flushed, so a crash leaves the old journal or the new one, never a part. Call only once every record before the
    /// mark is durable in its file. Throws <see cref="IOException"/> when it cannot (the journal is then unchanged).
    /// </summary>
    public void DropBefore(long mark)
    {
        stream ??= new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        long length = stream.Length;
        if (mark >= length)
        {
            Clear();
            return;
        }

        var kept = new byte[length - mark];
        stream.Position = mark;
        stream.ReadExactly(kept);
        string temporary = path + ".tmp";
        using (var copy = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            copy.Write(kept);
            disk.Flush(copy);
        }

        stream.Dispose();
        stream = null; // the next append opens the journal now in place
        File.Move(temporary, path, overwrite: true);
        disk.FlushFolder(Path.GetDirectoryName(path)!);
    }

    public void Dispose() => stream?.Dispose();

    private static bool TryReadLine(byte[] bytes, out ShadowWrite write)
    {
        write = default;
        string? thing, shadow;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            thing = document.RootElement.TryGetProperty("thing", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            shadow = document.RootElement.TryGetProperty("shadow", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        }
        catch (JsonException)
        {
            return false;
        }

        if (thing is null || shadow is null || !ShadowRecordFile.TryRead(new ShadowId(thing, shadow), bytes, out var record, out _))
        {
            return false;
        }

        write = new ShadowWrite(new ShadowId(thing, shadow), record!);
        return true;
    }

    private void TryCut(long length)
    {
        try
        {
            stream!.SetLength(length);
        }
        catch (IOException)
        {
            // the next append starts after the partial batch: replay stops there, which loses only unacknowledged records
            // of this batch and, worse, everything after; so the repository stops writing (see ShadowFileRepository)
            throw new ShadowJournalBrokenException(path);
        }
    }
}

/// <summary>The journal could not be cut back after a failed append: appending more would hide it from the replay.</summary>
internal sealed class ShadowJournalBrokenException(string path)
    : IOException("the journal " + path + " could not be cut back after a failed write; restart the shadow service (the replay at start repairs it)");
