using NanoThing.Core.Seams;

namespace NanoThing.VirtualBoard.Adapters;

/// <summary>
/// The board's flash (I:\ on the device) as a folder on the PC: the same bundle `nanothing bundle` makes for a
/// real board. Writes are atomic (temporary file, then rename), so a crash never leaves half a config.
/// </summary>
public sealed class FolderStorage(string folder) : IStorage
{
    public string Folder { get; } = folder;

    public byte[]? Read(string name)
    {
        string? path = PathOf(name);
        try
        {
            return path != null && File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public bool Write(string name, byte[] data, int offset, int length)
    {
        string? path = PathOf(name);
        if (path == null) return false;
        string temporary = path + ".tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            {
                stream.Write(data, offset, length);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The file for a blob name, or null when the name is not a plain file name (no paths: the seam's contract).</summary>
    private string? PathOf(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64) return null;
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) return null;
        }

        return name.StartsWith('.') ? null : Path.Combine(Folder, name);
    }
}
