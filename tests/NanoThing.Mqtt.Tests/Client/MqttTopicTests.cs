namespace NanoThing.Mqtt.Tests.Client;

[TestClass]
public sealed class MqttTopicTests
{
    [TestMethod]
    [DataRow("$aws/things/kitchen/shadow/update")]
    [DataRow("a")]
    [DataRow("/")]
    [DataRow("ü/ß")]
    public void ValidNames(string topic) => Assert.IsNull(MqttTopic.ValidateName(topic));

    [TestMethod]
    [DataRow("", "empty")]
    [DataRow("a/+/b", "wildcard")]
    [DataRow("a/#", "wildcard")]
    [DataRow("a\0b", "NUL")]
    public void InvalidNames(string topic, string reason) => StringAssert.Contains(MqttTopic.ValidateName(topic), reason);

    [TestMethod]
    [DataRow("#")]
    [DataRow("+")]
    [DataRow("$aws/things/+/shadow/#")]
    [DataRow("a/+/+/b")]
    [DataRow("a//b")]
    public void ValidFilters(string filter) => Assert.IsNull(MqttTopic.ValidateFilter(filter));

    [TestMethod]
    [DataRow("a/#/b", "#")]
    [DataRow("a#", "#")]
    [DataRow("a/b+", "+")]
    [DataRow("", "empty")]
    public void InvalidFilters(string filter, string reason) => StringAssert.Contains(MqttTopic.ValidateFilter(filter), reason);

    [TestMethod]
    public void TooLong_IsRefused()
    {
        StringAssert.Contains(MqttTopic.ValidateName(new string('é', 40_000)), "80000 UTF-8 bytes");
    }
}
