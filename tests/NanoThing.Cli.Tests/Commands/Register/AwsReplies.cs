namespace NanoThing.Cli.Tests.Commands.Register;

/// <summary>What AWS CLI v2 prints (with --output json) and its exit codes: 254 when the service returned an error,
/// 253 when the local configuration is unusable (no credentials, no region).</summary>
internal static class AwsReplies
{
    public const string Account = "123456789012";
    public const string Endpoint = "a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com";
    public const int ServiceError = 254;
    public const int ConfigurationError = 253;

    public const string CallerIdentity = """
        {
            "UserId": "AIDASAMPLEUSERID1234",
            "Account": "123456789012",
            "Arn": "arn:aws:iam::123456789012:user/dev"
        }
        """;

    public const string NoCredentials = "\nUnable to locate credentials. You can configure credentials by running \"aws configure\".\n";

    public static string Error(string code, string operation, string message) =>
        $"\nAn error occurred ({code}) when calling the {operation} operation: {message}\n";

    public static string CertificateArn(string id) => $"arn:aws:iot:eu-west-1:{Account}:cert/{id}";

    public static string Thing(string name) => $$"""
        {
            "thingName": "{{name}}",
            "thingArn": "arn:aws:iot:eu-west-1:{{Account}}:thing/{{name}}",
            "thingId": "5f1e9d3c-2b7a-4c1e-9f0a-6d3b2a1c0e9f"
        }
        """;

    public static string DescribeThing(string name) => $$"""
        {
            "defaultClientId": "{{name}}",
            "thingName": "{{name}}",
            "thingId": "5f1e9d3c-2b7a-4c1e-9f0a-6d3b2a1c0e9f",
            "thingArn": "arn:aws:iot:eu-west-1:{{Account}}:thing/{{name}}",
            "attributes": {},
            "version": 1
        }
        """;

    public static string Registered(string id) => $$"""
        {
            "certificateArn": "{{CertificateArn(id)}}",
            "certificateId": "{{id}}"
        }
        """;

    public static string DescribeCertificate(string id, string status) => $$"""
        {
            "certificateDescription": {
                "certificateArn": "{{CertificateArn(id)}}",
                "certificateId": "{{id}}",
                "status": "{{status}}",
                "ownedBy": "{{Account}}",
                "creationDate": "2026-11-22T08:00:00+00:00",
                "certificateMode": "SNI_ONLY"
            }
        }
        """;

    public static string PolicyReply(string name, string document) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["policyName"] = name,
            ["policyArn"] = $"arn:aws:iot:eu-west-1:{Account}:policy/{name}",
            ["policyDocument"] = document,
            ["defaultVersionId"] = "1",
        });

    public const string DescribeEndpoint = """
        {
            "endpointAddress": "a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com"
        }
        """;
}
