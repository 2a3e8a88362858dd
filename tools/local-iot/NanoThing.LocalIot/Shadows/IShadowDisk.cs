using System.Runtime.InteropServices;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// The flushes that make shadow files durable: the seam through which <see cref="ShadowFileRepository"/> forces data
/// to the disk, so tests can count flushes (group commit: one per batch) or fail one.
/// </summary>
public interface IShadowDisk
{
    /// <summary>Forces what was written to <paramref name="file"/> onto the disk (fsync). Throws <see cref="IOException"/> when the disk refuses.</summary>
    void Flush(FileStream file);

    /// <summary>Forces the entries of <paramref name="folder"/> (renames, new and deleted files) onto the disk.</summary>
    void FlushFolder(string folder);
}

/// <summary>The real disk: <c>fsync</c> of the file, and of the folder on Linux and macOS (Windows has no folder
/// handle to flush; NTFS journals the rename itself).</summary>
public sealed class ShadowDisk : IShadowDisk
{
    /// <summary>The one instance.</summary>
    public static readonly ShadowDisk Instance = new();

    private ShadowDisk()
    {
    }

    /// <inheritdoc />
    public void Flush(FileStream file) => file.Flush(flushToDisk: true);

    /// <inheritdoc />
    public void FlushFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = Open(folder, 0 /* O_RDONLY */);
        if (fd < 0)
        {
            throw new IOException("cannot open the folder " + folder + " to flush it (errno " + Marshal.GetLastPInvokeError() + ")");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException("fsync of the folder " + folder + " failed (errno " + Marshal.GetLastPInvokeError() + ")");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
