using System;
using System.IO;
using NanoThing.Core.Seams;

namespace NanoThing.Adapters
{
    /// <summary>
    /// <see cref="IStorage"/> on the device: one file per blob in a folder of the internal flash file system
    /// (<c>I:\</c> on ESP32: the littlefs "config" partition, shared with the stored certificates and Wi-Fi
    /// settings, 256 KB in all). Names are plain file names (letters, digits, '.', '-', '_'); any other name
    /// is refused (null / false), never turned into a path. A write goes to "name.tmp" first and replaces the
    /// blob only once complete, so a reset mid-write keeps the old blob (or, when the reset falls between
    /// removing the old file and renaming the new one, <see cref="Read"/> finds the complete ".tmp").
    /// Calls block for the file operation only; failures are returned, never thrown, and each caught exception is logged
    /// with the operation and the path (never the contents).
    /// </summary>
    public sealed class FileStorage : IStorage
    {
        /// <summary>The ESP32 internal flash drive.</summary>
        public const string InternalDrive = "I:\\";

        private const string TemporarySuffix = ".tmp";

        private readonly string _folder;
        private readonly ILog _log;

        /// <summary>Stores blobs in <paramref name="folder"/>, which must end with a backslash (e.g. <see cref="InternalDrive"/>);
        /// failures are logged to <paramref name="log"/>.</summary>
        public FileStorage(string folder, ILog log)
        {
            _folder = folder;
            _log = log;
        }

        /// <summary>The folder the blobs are in (e.g. "I:\").</summary>
        public string Folder
        {
            get { return _folder; }
        }

        /// <inheritdoc />
        public byte[] Read(string name)
        {
            if (!IsPlainName(name))
            {
                return null;
            }

            try
            {
                string path = _folder + name;
                if (File.Exists(path))
                {
                    return File.ReadAllBytes(path);
                }

                string temporary = path + TemporarySuffix;
                if (File.Exists(temporary))
                {
                    return File.ReadAllBytes(temporary);
                }

                return null;
            }
            catch (Exception ex)
            {
                Failed("reading", name, ex);
                return null;
            }
        }

        /// <inheritdoc />
        public bool Write(string name, byte[] data, int offset, int length)
        {
            if (!IsPlainName(name) || data == null || offset < 0 || length < 0 || offset > data.Length - length)
            {
                return false;
            }

            string path = _folder + name;
            string temporary = path + TemporarySuffix;
            try
            {
                FileStream stream = new FileStream(temporary, FileMode.Create, FileAccess.Write);
                try
                {
                    stream.Write(data, offset, length);
                    stream.Flush();
                }
                finally
                {
                    stream.Dispose();
                }

                if (File.Exists(path))
                {
                    File.Delete(path);
                }

                File.Move(temporary, path);
                return true;
            }
            catch (Exception ex)
            {
                Failed("writing", name, ex);
                return false;
            }
        }

        /// <summary>Removes the blob (and a leftover ".tmp"). True when nothing by that name remains.</summary>
        public bool Delete(string name)
        {
            if (!IsPlainName(name))
            {
                return false;
            }

            try
            {
                string path = _folder + name;
                if (File.Exists(path))
                {
                    File.Delete(path);
                }

                if (File.Exists(path + TemporarySuffix))
                {
                    File.Delete(path + TemporarySuffix);
                }

                return true;
            }
            catch (Exception ex)
            {
                Failed("deleting", name, ex);
                return false;
            }
        }

        /// <summary>True for a non-empty name of letters, digits, '.', '-' and '_' that is not "." or "..".</summary>
        public static bool IsPlainName(string name)
        {
            if (name == null || name.Length == 0 || name.Length > 64 || name == "." || name == "..")
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
                if (!plain)
                {
                    return false;
                }
            }

            return true;
        }

        private void Failed(string operation, string name, Exception ex)
        {
            _log.Write(LogLevel.Warning, "storage: " + operation + " " + _folder + name + " failed (" + ExceptionText.Describe(ex) + ")");
        }
    }
}
