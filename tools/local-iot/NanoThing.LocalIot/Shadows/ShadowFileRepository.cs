namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// Keeps every shadow in its own file under one folder (<see cref="ShadowFileName"/>), written atomically:
/// the new content goes to a temporary file in the same folder, is flushed to the disk (fsync), then
/// renamed over the old file, so a crash leaves the old or the new shadow, never a torn one. One service
/// per folder.
/// </summary>
public sealed class ShadowFileRepository : IShadowRepository
{
    private const string TemporarySuffix = ".tmp";

    /// <summary>Uses <paramref name="folder"/> (created when missing) for the shadow files.</summary>
    public ShadowFileRepository(string folder)
    {
        Folder = Path.GetFullPath(folder);
    }

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
        var path = PathOf(id);
        var temporary = path + TemporarySuffix;
        try
        {
            Directory.CreateDirectory(Folder);
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(ShadowRecordFile.Write(id, record));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            error = "could not store shadow " + id + " in " + path + ": " + e.Message
                + "; the request was rejected with 500 and the stored shadow is unchanged; free disk space or fix the folder's permissions";
            return false;
        }
    }

    private static void Load(string path, Dictionary<ShadowId, ShadowRecord> records, List<ShadowLoadFailure> failures)
    {
        var name = Path.GetFileName(path);
        if (name == ShadowFolderLock.FileName)
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
