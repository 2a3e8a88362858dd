namespace NanoThing.LocalIot.Broker.Sessions;

/// <summary>
/// One file replaced whole and atomically: the bytes go to <c>path.tmp</c>, are flushed to disk, and the temporary file
/// is renamed over <c>path</c>, so a reader (or a restart after power loss) sees the old content or the new, never a mix.
/// </summary>
public static class DurableFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> (creating its folder). Null when written,
    /// else a sentence naming the file and what to check.</summary>
    public static string? TryWrite(string path, ReadOnlySpan<byte> content)
    {
        string temporary = path + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // the next write replaces it
            }

            return path + " could not be written (" + e.Message + "); check the folder's permissions and free space.";
        }
    }

    /// <summary>
    /// Moves an unreadable <paramref name="path"/> aside to <c>path.unreadable-&lt;UTC time&gt;</c> so that the next write
    /// does not destroy what it held. Returns the sentence for the log.
    /// </summary>
    public static string SetAside(string path, string why, DateTimeOffset now)
    {
        string aside = path + ".unreadable-" + now.ToString("yyyyMMddTHHmmssZ", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            File.Move(path, aside, overwrite: true);
            return path + " cannot be read (" + why + "); it was moved to " + aside + " and the broker starts without it. Fix that file and move it back while the stand-in is stopped, or delete it.";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return path + " cannot be read (" + why + ") nor moved aside (" + e.Message + "); the broker starts without it and will overwrite it. Stop the stand-in and fix or delete the file.";
        }
    }
}
