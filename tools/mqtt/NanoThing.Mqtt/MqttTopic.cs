using System.Text;

namespace NanoThing.Mqtt;

/// <summary>Checks topic names and topic filters against MQTT 3.1.1 (spec 4.7). Pure functions.</summary>
public static class MqttTopic
{
    /// <summary>Longest topic in UTF-8 bytes that MQTT can encode.</summary>
    public const int MaxBytes = 65_535;

    /// <summary>Null when <paramref name="topic"/> is a valid topic name to publish to; otherwise why not.</summary>
    public static string? ValidateName(string topic)
    {
        string? common = ValidateCommon(topic, "topic");
        if (common is not null) return common;
        return topic.AsSpan().IndexOfAny('+', '#') >= 0 ? "The topic '" + topic + "' contains a wildcard (+ or #); a publish needs a concrete topic." : null;
    }

    /// <summary>Null when <paramref name="filter"/> is a valid topic filter to subscribe to; otherwise why not.</summary>
    public static string? ValidateFilter(string filter)
    {
        string? common = ValidateCommon(filter, "topic filter");
        if (common is not null) return common;
        var levels = filter.Split('/');
        for (int i = 0; i < levels.Length; i++)
        {
            string level = levels[i];
            if (level.Contains('#') && (level != "#" || i != levels.Length - 1))
                return "The topic filter '" + filter + "' uses # other than as the whole last level.";
            if (level.Contains('+') && level != "+")
                return "The topic filter '" + filter + "' uses + other than as a whole level.";
        }
        return null;
    }

    private static string? ValidateCommon(string topic, string what)
    {
        if (topic.Length == 0) return "The " + what + " is empty.";
        if (topic.Contains('\0')) return "The " + what + " contains a NUL character.";
        int bytes = Encoding.UTF8.GetByteCount(topic);
        return bytes > MaxBytes ? "The " + what + " is " + bytes + " UTF-8 bytes long; MQTT allows " + MaxBytes + "." : null;
    }
}
