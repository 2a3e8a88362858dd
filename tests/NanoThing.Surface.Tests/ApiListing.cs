namespace NanoThing.Surface.Tests;

/// <summary>One line of an <c>.api.txt</c> listing: a documentation-comment ID and its C#-like declaration.</summary>
/// <param name="DocId">Roslyn documentation-comment ID, e.g. <c>M:System.String.Concat(System.String,System.String)</c>.</param>
/// <param name="Declaration">The declaration column without the trailing <c>[Obsolete]</c> marker.</param>
/// <param name="IsObsolete">True when the listing marks the member <c>[Obsolete]</c>.</param>
public sealed record ApiEntry(string DocId, string Declaration, bool IsObsolete)
{
    /// <summary>The ID's kind letter: T, M, P, F or E.</summary>
    public char Kind => DocId[0];
}

/// <summary>
/// The public API of one nanoFramework assembly as listed in <c>nanoframework-api/&lt;Assembly&gt;.api.txt</c>
/// (format: nanoframework-api/README.md). Header lines start with <c>"# "</c>; every other line is
/// <c>docId TAB declaration</c>. Parsing rejects anything else with the file and line number.
/// </summary>
public sealed class ApiListing
{
    private const string ObsoleteMarker = " [Obsolete]";

    private ApiListing(string path, string assembly, string packageId, string packageVersion, IReadOnlyList<string> references, IReadOnlyList<ApiEntry> entries, int? declaredEntryCount)
    {
        DeclaredEntryCount = declaredEntryCount;
        Path = path;
        Assembly = assembly;
        PackageId = packageId;
        PackageVersion = packageVersion;
        References = references;
        Entries = entries;
        DocIds = new HashSet<string>(entries.Select(e => e.DocId), StringComparer.Ordinal);
    }

    /// <summary>The file the listing was read from.</summary>
    public string Path { get; }

    /// <summary>Assembly name (<c># assembly:</c>).</summary>
    public string Assembly { get; }

    /// <summary>NuGet package id that ships the assembly (<c># package: id version</c>).</summary>
    public string PackageId { get; }

    /// <summary>Pinned package version.</summary>
    public string PackageVersion { get; }

    /// <summary>Assemblies the listed assembly was compiled against (<c># references:</c>; empty for mscorlib).</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>The entry count the header states (<c># columns: ...; N entries</c>), null when absent.</summary>
    public int? DeclaredEntryCount { get; }

    /// <summary>The entries in file order.</summary>
    public IReadOnlyList<ApiEntry> Entries { get; }

    /// <summary>Every documentation-comment ID of the listing.</summary>
    public IReadOnlySet<string> DocIds { get; }

    /// <summary>Reads one listing; throws <see cref="FormatException"/> naming the file and line on a malformed line.</summary>
    public static ApiListing Load(string path) => Parse(path, File.ReadAllLines(path));

    /// <summary>Parses listing text; <paramref name="path"/> is only used in error messages.</summary>
    public static ApiListing Parse(string path, IReadOnlyList<string> lines)
    {
        string? assembly = null, packageId = null, packageVersion = null;
        int? declaredCount = null;
        var references = new List<string>();
        var entries = new List<ApiEntry>();
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            if (line.Length == 0) continue;
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                ReadHeader(line[2..], ref assembly, ref packageId, ref packageVersion, ref declaredCount, references);
                continue;
            }

            string[] columns = line.Split('\t');
            if (columns.Length != 2 || columns[0].Length < 3 || columns[0][1] != ':' || !"TMPFE".Contains(columns[0][0]))
            {
                throw new FormatException($"{path}:{i + 1}: expected 'docId<TAB>declaration' (docId starting T:, M:, P:, F: or E:), got: {line}");
            }

            bool obsolete = columns[1].EndsWith(ObsoleteMarker, StringComparison.Ordinal);
            string declaration = obsolete ? columns[1][..^ObsoleteMarker.Length] : columns[1];
            entries.Add(new ApiEntry(columns[0], declaration, obsolete));
        }

        if (assembly == null || packageId == null || packageVersion == null)
        {
            throw new FormatException($"{path}: missing '# assembly:' or '# package: <id> <version>' header line");
        }

        return new ApiListing(path, assembly, packageId, packageVersion, references, entries, declaredCount);
    }

    private static void ReadHeader(string header, ref string? assembly, ref string? packageId, ref string? packageVersion, ref int? declaredCount, List<string> references)
    {
        int colon = header.IndexOf(':');
        if (colon < 0) return;
        string key = header[..colon], value = header[(colon + 1)..].Trim();
        switch (key)
        {
            case "assembly":
                assembly = value;
                break;
            case "package":
                string[] parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2) (packageId, packageVersion) = (parts[0], parts[1]);
                break;
            case "columns":
                string[] words = value.Split(' ');
                if (words.Length >= 2 && words[^1] == "entries" && int.TryParse(words[^2], out int count)) declaredCount = count;
                break;
            case "references":
                if (value != "(none)") references.AddRange(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                break;
        }
    }
}
