using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Files;

/// <summary>
/// Writes the files the CLI produces. Secrets (keys, files with the Wi-Fi password) are created with mode 0600 from
/// the first byte, flushed to disk, and never replace an existing file unless <c>force</c> is set; a forced replace
/// writes a new 0600 file beside the old one and renames it over, so a crash leaves either the old or the new file.
/// </summary>
public static class SafeFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PublicRead = OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes a secret file (mode 0600). Returns a <see cref="Failure.FileExists"/> error naming the file and
    /// <paramref name="forceHint"/> when it exists and <paramref name="force"/> is false.</summary>
    public static CliError? WriteSecret(string path, ReadOnlySpan<byte> content, bool force, string forceHint) =>
        Write(path, content, force, forceHint, OwnerReadWrite);

    /// <summary>Writes a non-secret file (mode 0644) with the same create-new rules as <see cref="WriteSecret"/>.</summary>
    public static CliError? WritePublic(string path, ReadOnlySpan<byte> content, bool force, string forceHint) =>
        Write(path, content, force, forceHint, PublicRead);

    /// <summary>Without <paramref name="force"/>, the error for the first of <paramref name="paths"/> that exists, so a
    /// command can refuse before writing any of its files.</summary>
    public static CliError? RefuseExisting(bool force, string forceHint, params string[] paths) =>
        force ? null : paths.Where(File.Exists).Select(path => Exists(path, forceHint)).FirstOrDefault();

    /// <summary>The error for a file that exists and would be overwritten.</summary>
    public static CliError Exists(string path, string forceHint) =>
        new(Failure.FileExists, $"{path} already exists and would be overwritten", forceHint);

    private static CliError? Write(string path, ReadOnlySpan<byte> content, bool force, string forceHint, UnixFileMode mode)
    {
        if (File.Exists(path) && !force)
        {
            return Exists(path, forceHint);
        }

        string directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        string target = force ? Path.Combine(directory, "." + Path.GetFileName(path) + "." + Environment.ProcessId + ".tmp") : path;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(target, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            if (force)
            {
                File.Move(target, path, overwrite: true);
            }
        }
        catch (IOException) when (File.Exists(path) && !force)
        {
            return Exists(path, forceHint);
        }
        finally
        {
            if (force && File.Exists(target))
            {
                File.Delete(target);
            }
        }

        return null;
    }
}
