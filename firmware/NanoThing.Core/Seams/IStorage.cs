namespace NanoThing.Core.Seams
{
    /// <summary>
    /// Small named blobs (the device config, telemetry's buffer blocks and seq lease). Device: files on I:\. PC: a
    /// folder. Names are plain file names (letters, digits, '.', '-', '_'), no paths. Calls block for the file
    /// operation only; failures are returned, never thrown. A write replaces one blob whole and touches no other
    /// blob: a power loss during it can leave that blob old, new or (at worst) short, never any other blob changed.
    /// A zero-length blob is a valid blob (telemetry's empty slot).
    /// </summary>
    public interface IStorage
    {
        /// <summary>The whole blob, or null when it does not exist or cannot be read. The caller owns the array.</summary>
        byte[] Read(string name);

        /// <summary>Replaces the blob with <paramref name="length"/> bytes from <paramref name="offset"/>. True when written completely.</summary>
        bool Write(string name, byte[] data, int offset, int length);
    }
}
