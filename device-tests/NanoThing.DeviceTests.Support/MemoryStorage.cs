using System.Collections;
using NanoThing.Core.Seams;

namespace NanoThing.DeviceTests.Support
{
    /// <summary>
    /// Flash in memory: named blobs, each replaced whole by a write (as FileStorage and FolderStorage do). It counts
    /// writes and bytes, can refuse writes, and can tear a blob (keep only its first bytes) as a power loss during the
    /// write would.
    /// </summary>
    public sealed class MemoryStorage : IStorage
    {
        private readonly Hashtable _blobs = new Hashtable();

        /// <summary>Writes so far.</summary>
        public int Writes;

        /// <summary>Bytes written so far.</summary>
        public long BytesWritten;

        /// <summary>When true every write fails.</summary>
        public bool RefuseWrites;

        /// <inheritdoc />
        public byte[] Read(string name)
        {
            byte[] blob = (byte[])_blobs[name];
            if (blob == null)
            {
                return null;
            }

            byte[] copy = new byte[blob.Length];
            System.Array.Copy(blob, copy, blob.Length);
            return copy;
        }

        /// <inheritdoc />
        public bool Write(string name, byte[] data, int offset, int length)
        {
            if (RefuseWrites)
            {
                return false;
            }

            Writes++;
            BytesWritten += length;
            byte[] blob = new byte[length];
            System.Array.Copy(data, offset, blob, 0, length);
            _blobs[name] = blob;
            return true;
        }

        /// <summary>The blob's length (-1 when absent).</summary>
        public int LengthOf(string name)
        {
            byte[] blob = (byte[])_blobs[name];
            return blob == null ? -1 : blob.Length;
        }

        /// <summary>Keeps only the first <paramref name="keep"/> bytes of <paramref name="name"/>: a write cut by a power loss.</summary>
        public void Tear(string name, int keep)
        {
            byte[] blob = (byte[])_blobs[name];
            byte[] torn = new byte[keep];
            System.Array.Copy(blob, torn, keep);
            _blobs[name] = torn;
        }

        /// <summary>Flips one bit of byte <paramref name="index"/> of <paramref name="name"/>.</summary>
        public void Flip(string name, int index)
        {
            byte[] blob = (byte[])_blobs[name];
            blob[index] = (byte)(blob[index] ^ 0x10);
        }
    }
}
