namespace NanoThing.LocalIot.Tests.DataPlane.Auth;

/// <summary>
/// A few vectors of AWS's Signature Version 4 test suite, copied as data from awslabs/aws-c-auth
/// <c>tests/aws-signing-test-suite/v4/&lt;name&gt;/</c> @495329c2433034bd8fd53fc6ba9e0202d3fac876 (request.txt,
/// header-canonical-request.txt, header-string-to-sign.txt, header-signature.txt; context.json: key AKIDEXAMPLE,
/// the suite's published example secret, region us-east-1, service "service", time 2015-08-30T12:36:00Z). The same
/// suite is linked from https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html. Only vectors
/// whose path has no character that S3-style single and iot-data's double URI encoding treat differently are used.
/// </summary>
public static class SigV4TestSuiteVectors
{
    public const string AccessKeyId = "AKIDEXAMPLE";
    public const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"; // the suite's published example, not a real key
    public const string SessionToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";
    public const string AmzDate = "20150830T123600Z";
    public static readonly DateTimeOffset Time = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public sealed record Vector(string Name, string Method, string RawTarget, (string Name, string Value)[] Headers, string Body,
        string SignedHeaders, string CanonicalRequest, string? StringToSign, string Signature)
    {
        public override string ToString() => Name;
    }

    private const string Host = "example.amazonaws.com";
    private const string Empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static readonly Vector[] All =
    [
        new("get-vanilla", "GET", "/", [("Host", Host), ("X-Amz-Date", AmzDate)], "", "host;x-amz-date",
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + Empty,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        new("post-vanilla-query", "POST", "/?Param1=value1", [("Host", Host), ("X-Amz-Date", AmzDate)], "", "host;x-amz-date",
            "POST\n/\nParam1=value1\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + Empty,
            null, "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        new("get-vanilla-query-order-encoded", "GET", "/?Param-3=Value3&Param=Value2&%E1%88%B4=Value1", [("Host", Host), ("X-Amz-Date", AmzDate)], "", "host;x-amz-date",
            "GET\n/\n%E1%88%B4=Value1&Param=Value2&Param-3=Value3\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + Empty,
            null, "371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac"),
        new("get-vanilla-query-unreserved", "GET",
            "/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
            [("Host", Host), ("X-Amz-Date", AmzDate)], "", "host;x-amz-date",
            "GET\n/\n-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + Empty,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nc30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177",
            "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        new("get-header-value-trim", "GET", "/", [("Host", Host), ("My-Header1", " value1"), ("My-Header2", " \"a   b   c\""), ("X-Amz-Date", AmzDate)], "",
            "host;my-header1;my-header2;x-amz-date",
            "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\nx-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n" + Empty,
            null, "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        new("get-header-key-duplicate", "GET", "/", [("Host", Host), ("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1"), ("X-Amz-Date", AmzDate)], "",
            "host;my-header1;x-amz-date",
            "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n" + Empty,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\ndc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c",
            "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        new("post-x-www-form-urlencoded", "POST", "/",
            [("Content-Type", "application/x-www-form-urlencoded"), ("Host", Host), ("Content-Length", "13"), ("X-Amz-Date", AmzDate),
             ("x-amz-content-sha256", "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e")], "Param1=value1",
            "content-length;content-type;host;x-amz-content-sha256;x-amz-date",
            "POST\n/\n\ncontent-length:13\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-content-sha256:9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e\nx-amz-date:20150830T123600Z\n\ncontent-length;content-type;host;x-amz-content-sha256;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            null, "d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b"),
        new("get-vanilla-with-session-token", "GET", "/", [("Host", Host), ("X-Amz-Security-Token", SessionToken), ("X-Amz-Date", AmzDate)], "",
            "host;x-amz-date;x-amz-security-token",
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-amz-security-token:" + SessionToken + "\n\nhost;x-amz-date;x-amz-security-token\n" + Empty,
            null, "07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8"),
        new("get-slashes-unnormalized", "GET", "//example//", [("Host", Host), ("X-Amz-Date", AmzDate)], "", "host;x-amz-date",
            "GET\n//example//\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + Empty,
            null, "87cca117541a147f6df867677d98a7d80dff226d2bfca9e4ffa899665623c7e5"),
        new("get-slashes-normalized", "GET", "//example//", [("Host", Host), ("X-Amz-Date", AmzDate)], "", "host;x-amz-date",
            "GET\n/example/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + Empty,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\ncb96b4ac96d501f7c5c15bc6d67b3035061cfced4af6585ad927f7e6c985c015",
            "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"),
        new("get-relative-relative-normalized", "GET", "/example1/example2/../..", [("Host", Host), ("X-Amz-Date", AmzDate)], "", "host;x-amz-date",
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + Empty,
            null, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
    ];
}
