using System.Text.Json;

namespace NanoThing.LocalIot.Policies;

/// <summary>
/// Reads a policy document into an <see cref="IotPolicy"/>, checking IAM's grammar (reference_policies_grammar.html)
/// as AWS IoT's CreatePolicy does: an object with optional <c>Version</c> and <c>Id</c> and a <c>Statement</c> that is
/// one object or a non-empty array; each statement with <c>Effect</c>, exactly one of <c>Action</c>/<c>NotAction</c>,
/// exactly one of <c>Resource</c>/<c>NotResource</c>, optional <c>Sid</c> and <c>Condition</c>; no <c>Principal</c>
/// (AWS IoT policies are attached to a principal). Every error names the policy, the place and the fix.
/// </summary>
internal static class PolicyDocumentReader
{
    /// <summary>IAM's current policy language; policy variables are substituted only in it.</summary>
    public const string CurrentVersion = "2012-10-17";
    /// <summary>IAM's old policy language, the default when Version is absent; <c>${…}</c> is literal text in it.</summary>
    public const string LegacyVersion = "2008-10-17";

    private static readonly string[] StatementFields = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"];

    public static PolicyParseResult Read(string policyName, string json)
    {
        string where = "Policy '" + policyName + "'";
        if (json is null) return Fail(where + " has no document; give the policy JSON");
        int counted = IotPolicy.CountedCharacters(json);
        if (counted > IotPolicy.MaxCharacters)
        {
            return Fail(where + " has " + counted + " characters not counting whitespace; AWS IoT allows at most " +
                IotPolicy.MaxCharacters + ": use wildcards or policy variables, or split it into several policies");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException exception)
        {
            return Fail(where + " is not valid JSON (line " + (exception.LineNumber + 1) + ", byte " + (exception.BytePositionInLine + 1) + "): " + FirstSentence(exception.Message));
        }

        using (document)
        {
            return ReadDocument(policyName, where, document.RootElement);
        }
    }

    private static PolicyParseResult ReadDocument(string policyName, string where, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return Fail(where + ": the document must be a JSON object with \"Version\" and \"Statement\"");
        string? duplicate = Duplicate(root);
        if (duplicate is not null) return Fail(where + ": \"" + duplicate + "\" appears twice; keep one");

        string version = LegacyVersion;
        JsonElement? statementElement = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "Version":
                    if (property.Value.ValueKind != JsonValueKind.String || (property.Value.GetString() is not (CurrentVersion or LegacyVersion)))
                    {
                        return Fail(where + ": \"Version\" must be \"" + CurrentVersion + "\" (or the old \"" + LegacyVersion + "\")");
                    }

                    version = property.Value.GetString()!;
                    break;
                case "Id":
                    if (property.Value.ValueKind != JsonValueKind.String) return Fail(where + ": \"Id\" must be a string");
                    break;
                case "Statement":
                    statementElement = property.Value;
                    break;
                default:
                    return Fail(where + ": unknown field \"" + property.Name + "\" at the top level; a policy has only \"Version\", \"Id\" and \"Statement\"");
            }
        }

        if (statementElement is not { } statements) return Fail(where + " has no \"Statement\"; add one statement object or an array of them");
        var list = new List<JsonElement>();
        if (statements.ValueKind == JsonValueKind.Object) list.Add(statements);
        else if (statements.ValueKind == JsonValueKind.Array) list.AddRange(statements.EnumerateArray());
        else return Fail(where + ": \"Statement\" must be an object or an array of objects");
        if (list.Count == 0) return Fail(where + ": \"Statement\" is an empty array; add at least one statement");

        var parsed = new List<PolicyStatement>();
        bool variables = version == CurrentVersion;
        for (int index = 0; index < list.Count; index++)
        {
            string at = where + ", Statement[" + index + "]";
            var statement = ReadStatement(at, list[index], variables, out string? error);
            if (statement is null) return Fail(error!);
            parsed.Add(statement);
        }

        return new PolicyParseResult(new IotPolicy(policyName, version, parsed), null);
    }

    private static PolicyStatement? ReadStatement(string at, JsonElement element, bool variables, out string? error)
    {
        error = null;
        if (element.ValueKind != JsonValueKind.Object) return Failed(out error, at + " must be an object with \"Effect\", \"Action\" and \"Resource\"");
        if (Duplicate(element) is { } duplicate) return Failed(out error, at + ": \"" + duplicate + "\" appears twice; keep one");

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name is "Principal" or "NotPrincipal")
            {
                return Failed(out error, at + ": \"" + property.Name + "\" is not allowed in an AWS IoT policy (the policy applies to the certificate or identity it is attached to); remove it");
            }

            if (!StatementFields.Contains(property.Name))
            {
                return Failed(out error, at + ": unknown field \"" + property.Name + "\"; a statement has " + string.Join(", ", StatementFields));
            }
        }

        string? sid = null;
        if (element.TryGetProperty("Sid", out var sidElement))
        {
            if (sidElement.ValueKind != JsonValueKind.String) return Failed(out error, at + ".Sid must be a string");
            sid = sidElement.GetString();
        }

        if (!element.TryGetProperty("Effect", out var effectElement)) return Failed(out error, at + " has no \"Effect\"; add \"Effect\": \"Allow\" or \"Deny\"");
        PolicyEffect effect;
        switch (effectElement.ValueKind == JsonValueKind.String ? effectElement.GetString() : null)
        {
            case "Allow": effect = PolicyEffect.Allow; break;
            case "Deny": effect = PolicyEffect.Deny; break;
            default: return Failed(out error, at + ".Effect is " + effectElement.GetRawText() + "; it must be \"Allow\" or \"Deny\" (capitalised so)");
        }

        if (!TryPick(at, element, "Action", "NotAction", out var actionName, out var actionElement, out error)) return null;
        var actionTexts = Strings(at + "." + actionName, actionElement, out error);
        if (actionTexts is null) return null;
        var actions = new List<PolicyPattern>();
        for (int i = 0; i < actionTexts.Count; i++)
        {
            string text = actionTexts[i];
            int colon = text.IndexOf(':');
            if (text != "*" && (colon <= 0 || colon == text.Length - 1 || !text[..colon].All(char.IsAsciiLetterOrDigit)))
            {
                return Failed(out error, at + "." + actionName + "[" + i + "] \"" + text + "\" is not an action; write \"service:Action\" such as \"iot:Publish\", \"iot:*\" or \"*\"");
            }

            PolicyPattern.TryParse(text, variables: false, out var pattern, out _);
            actions.Add(pattern);
        }

        if (!TryPick(at, element, "Resource", "NotResource", out var resourceName, out var resourceElement, out error)) return null;
        var resourceTexts = Strings(at + "." + resourceName, resourceElement, out error);
        if (resourceTexts is null) return null;
        var resources = new List<ArnPattern>();
        for (int i = 0; i < resourceTexts.Count; i++)
        {
            if (!ArnPattern.TryParse(resourceTexts[i], variables, out var arn, out string? problem))
            {
                return Failed(out error, at + "." + resourceName + "[" + i + "]: " + problem);
            }

            resources.Add(arn);
        }

        var conditions = new List<PolicyCondition>();
        if (element.TryGetProperty("Condition", out var conditionElement) && !ReadConditions(at + ".Condition", conditionElement, variables, conditions, out error))
        {
            return null;
        }

        return new PolicyStatement(sid, effect, actions, actionName == "NotAction", resources, resourceName == "NotResource", conditions);
    }

    private static bool ReadConditions(string at, JsonElement element, bool variables, List<PolicyCondition> conditions, out string? error)
    {
        error = null;
        if (element.ValueKind != JsonValueKind.Object) { error = at + " must be an object such as {\"Bool\": {\"iot:Connection.Thing.IsAttached\": \"true\"}}"; return false; }
        if (Duplicate(element) is { } duplicate) { error = at + ": \"" + duplicate + "\" appears twice; keep one"; return false; }
        foreach (var block in element.EnumerateObject())
        {
            string blockAt = at + "." + block.Name;
            if (block.Value.ValueKind != JsonValueKind.Object || !block.Value.EnumerateObject().Any())
            {
                error = blockAt + " must be a non-empty object of condition keys and values";
                return false;
            }

            if (Duplicate(block.Value) is { } again) { error = blockAt + ": \"" + again + "\" appears twice; keep one"; return false; }
            foreach (var entry in block.Value.EnumerateObject())
            {
                string entryAt = blockAt + "[\"" + entry.Name + "\"]";
                var values = Strings(entryAt, entry.Value, out error, conditionValues: true);
                if (values is null) return false;
                if (!PolicyCondition.TryCreate(block.Name, entry.Name, values, variables, out var condition, out string? problem))
                {
                    error = entryAt + ": " + problem;
                    return false;
                }

                conditions.Add(condition);
            }
        }

        return true;
    }

    private static bool TryPick(string at, JsonElement element, string name, string notName, out string picked, out JsonElement value, out string? error)
    {
        bool has = element.TryGetProperty(name, out var plain);
        bool hasNot = element.TryGetProperty(notName, out var negated);
        error = null;
        picked = has ? name : notName;
        value = has ? plain : negated;
        if (has && hasNot) error = at + " has both \"" + name + "\" and \"" + notName + "\"; keep one";
        else if (!has && !hasNot) error = at + " has no \"" + name + "\" (or \"" + notName + "\"); add one";
        return error is null;
    }

    // A string or a non-empty array of strings (and, for condition values, IAM's booleans and numbers as their text).
    private static List<string>? Strings(string at, JsonElement element, out string? error, bool conditionValues = false)
    {
        error = null;
        var items = element.ValueKind == JsonValueKind.Array ? element.EnumerateArray().ToList() : [element];
        // IAM allows an empty value list in a condition: AWS's "ForAllValues:StringEquals": {"iot:ConnectAttributes": []}
        // ("only allows connect using default features", connect-policy.html).
        if (items.Count == 0 && !conditionValues) { error = at + " is an empty array; list at least one value"; return null; }
        var texts = new List<string>();
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text) texts.Add(text);
            else if (conditionValues && item.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number) texts.Add(item.GetRawText());
            else
            {
                string place = element.ValueKind == JsonValueKind.Array ? at + "[" + i + "]" : at;
                error = place + " is " + Shown(item) + "; it must be a non-empty string" + (element.ValueKind == JsonValueKind.Array ? "" : " or an array of strings");
                return null;
            }
        }

        return texts;
    }

    private static string? Duplicate(JsonElement element)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name)) return property.Name;
        }

        return null;
    }

    private static string Shown(JsonElement element)
    {
        string raw = element.GetRawText();
        return raw.Length > 60 ? raw[..60] + "..." : raw;
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    private static PolicyParseResult Fail(string error) => new(null, error + ".");

    private static PolicyStatement? Failed(out string? error, string message)
    {
        error = message;
        return null;
    }
}
