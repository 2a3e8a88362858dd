using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace NanoThing.LocalIot.DataPlane;

/// <summary>
/// The rules AWS IoT applies to the topic of a publish (reference aws-iot.md §2.3): a topic name, not a filter (no
/// <c>+</c> or <c>#</c>), at most 256 bytes of UTF-8, at most 7 forward slashes (not counting the
/// <c>$aws/rules/&lt;rule&gt;/</c> prefix of Basic Ingest).
/// </summary>
public static class PublishTopic
{
    /// <summary>Longest topic in UTF-8 bytes.</summary>
    public const int MaxBytes = 256;

    /// <summary>Most forward slashes in a topic.</summary>
    public const int MaxSlashes = 7;

    private const string BasicIngestPrefix = "$aws/rules/";

    /// <summary>True when <paramref name="topic"/> may be published to; else false with a 400 naming the rule.</summary>
    public static bool TryValidate(string topic, [NotNullWhen(false)] out IotDataError? error)
    {
        error = null;
        if (topic.Length == 0)
        {
            error = IotDataRoute.Invalid(topic, "topic", "Member must have length greater than or equal to 1");
        }
        else if (topic.Contains('+') || topic.Contains('#'))
        {
            error = IotDataRoute.Invalid(topic, "topic", "Member must be a topic name without the wildcards + and #");
        }
        else if (topic.Contains('\0') || Encoding.UTF8.GetByteCount(topic) > MaxBytes)
        {
            error = IotDataRoute.Invalid(topic, "topic", "Member must be at most " + MaxBytes + " bytes of UTF-8 without NUL characters");
        }
        else if (CountSlashes(topic) > MaxSlashes)
        {
            error = IotDataRoute.Invalid(topic, "topic", "Member must have at most " + MaxSlashes + " forward slashes (AWS IoT's topic limit)");
        }

        return error is null;
    }

    private static int CountSlashes(string topic)
    {
        int from = 0;
        if (topic.StartsWith(BasicIngestPrefix, StringComparison.Ordinal))
        {
            int end = topic.IndexOf('/', BasicIngestPrefix.Length);
            from = end < 0 ? topic.Length : end + 1;
        }

        int count = 0;
        for (int i = from; i < topic.Length; i++)
        {
            if (topic[i] == '/')
            {
                count++;
            }
        }

        return count;
    }
}
