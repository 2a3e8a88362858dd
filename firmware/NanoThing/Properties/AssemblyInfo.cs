using System.Reflection;

[assembly: AssemblyTitle("NanoThing")]
[assembly: AssemblyDescription("NanoThing firmware for ESP32: AWS IoT Device Shadow over MQTT/TLS")]
[assembly: AssemblyProduct("NanoThing")]
[assembly: AssemblyVersion("0.1.0.0")]
