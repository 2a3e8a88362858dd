using NanoThing.Core.Runtime;

namespace NanoThing.Core.Shadow
{
    /// <summary>
    /// Builds and matches the reserved Device Shadow topics, pure and stateless (the AWS Device Shadow SDK's
    /// shadow.h in C#):
    /// <c>$aws/things/{thing}/shadow[/name/{shadow}]/{get|update|delete}[/accepted|/rejected|/delta|/documents]</c>.
    /// Matching is exact, segment by segment, case-sensitive, never a substring search. A null or empty shadow
    /// name means the classic (unnamed) shadow.
    /// Names: thing 1-128 characters of [a-zA-Z0-9:_-]; shadow 1-64 characters of [$a-zA-Z0-9:_-]. The '$' is
    /// allowed in shadow names because the AWS IoT data-plane API pattern for shadowName includes it
    /// (GetThingShadow: [$a-zA-Z0-9:_-]+) while the thingName pattern does not; '$' has no MQTT meaning inside a
    /// topic level. With these limits every shadow topic fits the AWS IoT topic limits (at most 234 bytes, at most
    /// 7 '/'), which both functions also check.
    /// </summary>
    public static class ShadowTopics
    {
        /// <summary>Start of every shadow topic (static fields, not constants: in nanoCLR every ldstr creates a string, and matching a reply is on the steady-state path).</summary>
        public static readonly string Prefix = "$aws/things/";
        /// <summary>Follows the thing name.</summary>
        public static readonly string ShadowRoot = "/shadow";
        /// <summary>Follows <see cref="ShadowRoot"/> for a named shadow, before the shadow name.</summary>
        public static readonly string NamedRoot = "/name/";
        /// <summary>Longest thing name (AWS: 128).</summary>
        public const int MaxThingNameLength = 128;
        /// <summary>Longest shadow name (AWS: 64).</summary>
        public const int MaxShadowNameLength = 64;
        /// <summary>Longest topic AWS IoT accepts, in bytes (the names are ASCII, so characters = bytes).</summary>
        public const int MaxTopicLength = 256;
        /// <summary>Most '/' AWS IoT accepts in a topic.</summary>
        public const int MaxSlashes = 7;

        // Indexed by ShadowTopicType; None has no suffix (null, stored explicitly: see StringArray).
        private static readonly string[] Suffixes = NewSuffixes();

        /// <summary>The operation and suffix of <paramref name="type"/> (e.g. "/update/delta"); null for None.</summary>
        public static string SuffixOf(ShadowTopicType type)
        {
            int i = (int)type;
            return i > 0 && i < Suffixes.Length ? Suffixes[i] : null;
        }

        private static string[] NewSuffixes()
        {
            string[] suffixes = StringArray.Create((int)ShadowTopicType.DeleteRejected + 1);
            suffixes[(int)ShadowTopicType.Get] = "/get";
            suffixes[(int)ShadowTopicType.GetAccepted] = "/get/accepted";
            suffixes[(int)ShadowTopicType.GetRejected] = "/get/rejected";
            suffixes[(int)ShadowTopicType.Update] = "/update";
            suffixes[(int)ShadowTopicType.UpdateAccepted] = "/update/accepted";
            suffixes[(int)ShadowTopicType.UpdateRejected] = "/update/rejected";
            suffixes[(int)ShadowTopicType.UpdateDelta] = "/update/delta";
            suffixes[(int)ShadowTopicType.UpdateDocuments] = "/update/documents";
            suffixes[(int)ShadowTopicType.Delete] = "/delete";
            suffixes[(int)ShadowTopicType.DeleteAccepted] = "/delete/accepted";
            suffixes[(int)ShadowTopicType.DeleteRejected] = "/delete/rejected";
            return suffixes;
        }

        /// <summary>True for the three topics a device publishes to (get, update, delete); false for replies.</summary>
        public static bool IsRequest(ShadowTopicType type)
        {
            return type == ShadowTopicType.Get || type == ShadowTopicType.Update || type == ShadowTopicType.Delete;
        }

        /// <summary>Ok, or <see cref="ShadowTopicStatus.InvalidThingName"/> (null, empty, too long, bad character).</summary>
        public static ShadowTopicStatus ValidateThingName(string thingName)
        {
            return thingName != null && IsValidName(thingName, 0, thingName.Length, MaxThingNameLength, false)
                ? ShadowTopicStatus.Ok
                : ShadowTopicStatus.InvalidThingName;
        }

        /// <summary>
        /// Ok for null or empty (the classic shadow) and for a valid name; otherwise
        /// <see cref="ShadowTopicStatus.InvalidShadowName"/>.
        /// </summary>
        public static ShadowTopicStatus ValidateShadowName(string shadowName)
        {
            return shadowName == null || shadowName.Length == 0 || IsValidName(shadowName, 0, shadowName.Length, MaxShadowNameLength, true)
                ? ShadowTopicStatus.Ok
                : ShadowTopicStatus.InvalidShadowName;
        }

        /// <summary>
        /// Builds the topic of <paramref name="type"/> for <paramref name="thingName"/> and (null/empty = classic)
        /// <paramref name="shadowName"/>. <paramref name="topic"/> is null unless the result is Ok. Allocates the string:
        /// build topics once and compare incoming ones with string equality or <see cref="Match"/>.
        /// </summary>
        public static ShadowTopicStatus TryBuild(ShadowTopicType type, string thingName, string shadowName, out string topic)
        {
            topic = null;
            string suffix = SuffixOf(type);
            if (suffix == null)
            {
                return ShadowTopicStatus.BadParameter;
            }

            ShadowTopicStatus status = ValidateThingName(thingName);
            if (status != ShadowTopicStatus.Ok)
            {
                return status;
            }

            status = ValidateShadowName(shadowName);
            if (status != ShadowTopicStatus.Ok)
            {
                return status;
            }

            string root = Prefix + thingName + ShadowRoot;
            if (shadowName != null && shadowName.Length > 0)
            {
                root = root + NamedRoot + shadowName;
            }

            string built = root + suffix;
            status = CheckLimits(built);
            if (status == ShadowTopicStatus.Ok)
            {
                topic = built;
            }

            return status;
        }

        /// <summary>
        /// Parses <paramref name="topic"/> exactly. On Ok, <paramref name="type"/> is the topic kind, the thing name is
        /// topic.Substring(thingStart, thingLength) and the shadow name topic.Substring(shadowStart, shadowLength)
        /// (length 0 = classic). On any other status, <paramref name="type"/> is None and the positions are 0.
        /// Does not allocate.
        /// </summary>
        public static ShadowTopicStatus Match(string topic, out ShadowTopicType type, out int thingStart, out int thingLength, out int shadowStart, out int shadowLength)
        {
            type = ShadowTopicType.None;
            thingStart = 0;
            thingLength = 0;
            shadowStart = 0;
            shadowLength = 0;
            if (topic == null)
            {
                return ShadowTopicStatus.BadParameter;
            }

            ShadowTopicStatus status = CheckLimits(topic);
            if (status != ShadowTopicStatus.Ok)
            {
                return status;
            }

            if (!RegionEquals(topic, 0, Prefix))
            {
                return ShadowTopicStatus.NotShadowTopic;
            }

            int pos = Prefix.Length;
            int thingEnd = IndexOfSlash(topic, pos);
            if (!IsValidName(topic, pos, thingEnd - pos, MaxThingNameLength, false))
            {
                return ShadowTopicStatus.InvalidThingName;
            }

            int thingAt = pos;
            pos = thingEnd;
            if (!RegionEquals(topic, pos, ShadowRoot))
            {
                return ShadowTopicStatus.NotShadowRoot;
            }

            pos += ShadowRoot.Length;
            if (pos < topic.Length && topic[pos] != '/')
            {
                return ShadowTopicStatus.NotShadowRoot;
            }

            int shadowAt = 0;
            int shadowLen = 0;
            if (RegionEquals(topic, pos, NamedRoot))
            {
                shadowAt = pos + NamedRoot.Length;
                int shadowEnd = IndexOfSlash(topic, shadowAt);
                shadowLen = shadowEnd - shadowAt;
                if (!IsValidName(topic, shadowAt, shadowLen, MaxShadowNameLength, true))
                {
                    return ShadowTopicStatus.InvalidShadowName;
                }

                pos = shadowEnd;
            }

            ShadowTopicType matched = MatchSuffix(topic, pos);
            if (matched == ShadowTopicType.None)
            {
                return ShadowTopicStatus.UnknownMessageType;
            }

            type = matched;
            thingStart = thingAt;
            thingLength = thingEnd - thingAt;
            shadowStart = shadowAt;
            shadowLength = shadowLen;
            return ShadowTopicStatus.Ok;
        }

        /// <summary>
        /// The type of <paramref name="topic"/> when it is a shadow topic of exactly <paramref name="thingName"/>'s
        /// shadow <paramref name="shadowName"/> (null or empty: the classic shadow); None for any other topic, another
        /// thing's or another shadow's. Parses with <see cref="Match"/>; does not allocate.
        /// </summary>
        public static ShadowTopicType TypeOf(string topic, string thingName, string shadowName)
        {
            ShadowTopicType type;
            int thingStart, thingLength, shadowStart, shadowLength;
            if (thingName == null || Match(topic, out type, out thingStart, out thingLength, out shadowStart, out shadowLength) != ShadowTopicStatus.Ok)
            {
                return ShadowTopicType.None;
            }

            int expectedShadowLength = shadowName == null ? 0 : shadowName.Length;
            if (thingLength != thingName.Length || !RegionEquals(topic, thingStart, thingName) || shadowLength != expectedShadowLength
                || (shadowLength > 0 && !RegionEquals(topic, shadowStart, shadowName)))
            {
                return ShadowTopicType.None;
            }

            return type;
        }

        private static ShadowTopicType MatchSuffix(string topic, int pos)
        {
            int rest = topic.Length - pos;
            for (int i = 1; i < Suffixes.Length; i++)
            {
                if (Suffixes[i].Length == rest && RegionEquals(topic, pos, Suffixes[i]))
                {
                    return (ShadowTopicType)i;
                }
            }

            return ShadowTopicType.None;
        }

        private static ShadowTopicStatus CheckLimits(string topic)
        {
            if (topic.Length > MaxTopicLength)
            {
                return ShadowTopicStatus.TopicTooLong;
            }

            int slashes = 0;
            for (int i = 0; i < topic.Length; i++)
            {
                if (topic[i] == '/')
                {
                    slashes++;
                }
            }

            return slashes > MaxSlashes ? ShadowTopicStatus.TopicTooLong : ShadowTopicStatus.Ok;
        }

        private static bool IsValidName(string s, int start, int length, int maxLength, bool allowDollar)
        {
            if (length < 1 || length > maxLength)
            {
                return false;
            }

            for (int i = start; i < start + length; i++)
            {
                char c = s[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == ':' || c == '_' || c == '-' || (allowDollar && c == '$');
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private static int IndexOfSlash(string s, int from)
        {
            int i = from;
            while (i < s.Length && s[i] != '/')
            {
                i++;
            }

            return i;
        }

        private static bool RegionEquals(string s, int start, string expected)
        {
            if (start < 0 || start + expected.Length > s.Length)
            {
                return false;
            }

            for (int i = 0; i < expected.Length; i++)
            {
                if (s[start + i] != expected[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
