using System.Security.Cryptography;
using System.Text;
using NanoThing.LocalIot.Pki;

namespace NanoThing.LocalIot.WebConsole;

/// <summary>
/// The console's access token, as notebook servers have one: 32 random bytes as 64 hex characters, created at first
/// start in <c>console-token</c> of the stand-in's data folder (mode 0600) and kept across restarts, so a printed
/// console address stays valid. Compared in constant time.
/// </summary>
public sealed class ConsoleToken
{
    /// <summary>The token file's name in the data folder.</summary>
    public const string FileName = "console-token";

    private readonly byte[] bytes;

    private ConsoleToken(string value)
    {
        Value = value;
        bytes = Encoding.ASCII.GetBytes(value);
    }

    /// <summary>The token (64 lower-case hex characters).</summary>
    public string Value { get; }

    /// <summary>Reads the token of <paramref name="dataFolder"/>, or creates it (0600). False with a sentence naming the file and what to do.</summary>
    public static bool TryLoadOrCreate(string dataFolder, out ConsoleToken? token, out string error)
    {
        token = null;
        string path = Path.Combine(dataFolder, FileName);
        try
        {
            if (File.Exists(path))
            {
                string text = File.ReadAllText(path).Trim();
                if (text.Length == 64 && text.All(Uri.IsHexDigit))
                {
                    token = new ConsoleToken(text.ToLowerInvariant());
                    error = "";
                    return true;
                }

                error = "The console token file " + path + " is not 64 hex characters; delete it and start again to get a new token.";
                return false;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = "The console token file " + path + " cannot be read (" + e.Message + "); check its permissions or delete it.";
            return false;
        }

        Directory.CreateDirectory(dataFolder);
        string created = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        if (!PemFile.TryWriteSecret(path, created + "\n", false, "console token", out error))
        {
            return false;
        }

        token = new ConsoleToken(created);
        return true;
    }

    /// <summary>True when <paramref name="presented"/> is the token (constant-time).</summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), bytes);
}
