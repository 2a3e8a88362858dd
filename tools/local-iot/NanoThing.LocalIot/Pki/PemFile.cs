namespace NanoThing.LocalIot.Pki;

/// <summary>
/// Writes PEM files safely: private keys are created new with mode 0600 (never group/world readable, not even
/// for a moment) and flushed to disk; an existing file is replaced only with <c>force</c>, and then atomically
/// (new file beside it, renamed over it). Contents are never logged.
/// </summary>
public static class PemFile
{
    private const UnixFileMode SecretMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PublicMode = SecretMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes a private key (mode 0600). False with a sentence when it exists and <paramref name="force"/> is false, or on an I/O error.</summary>
    public static bool TryWriteSecret(string path, string pem, bool force, out string error) => TryWrite(path, pem, force, SecretMode, "private key", out error);

    /// <summary>Writes another secret file (mode 0600), e.g. credentials; <paramref name="what"/> names it in errors. Same rules as <see cref="TryWriteSecret(string, string, bool, out string)"/>.</summary>
    public static bool TryWriteSecret(string path, string text, bool force, string what, out string error) => TryWrite(path, text, force, SecretMode, what, out error);

    /// <summary>Writes a certificate (mode 0644). Same rules as <see cref="TryWriteSecret"/>.</summary>
    public static bool TryWritePublic(string path, string pem, bool force, out string error) => TryWrite(path, pem, force, PublicMode, "certificate", out error);

    private static bool TryWrite(string path, string pem, bool force, UnixFileMode mode, string what, out string error)
    {
        if (File.Exists(path) && !force)
        {
            error = "The " + what + " file " + path + " already exists; it was left unchanged. Use --force to replace it"
                + (mode == SecretMode && what == "private key" ? " (the old key is then lost and certificates made for it stop working)." : ".");
            return false;
        }
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        string temporary = Path.Combine(directory ?? ".", "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            if (directory is not null) Directory.CreateDirectory(directory);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
            using (var stream = new FileStream(force ? temporary : path, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(pem);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            if (force) File.Move(temporary, path, overwrite: true);
            error = "";
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (force && File.Exists(temporary)) File.Delete(temporary);
            error = "Could not write the " + what + " file " + path + ": " + e.Message;
            return false;
        }
    }
}
