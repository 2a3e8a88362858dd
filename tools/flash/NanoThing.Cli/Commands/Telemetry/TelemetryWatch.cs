using System.Diagnostics;
using System.Globalization;
using NanoThing.Cli.Execution;
using NanoThing.Core.Connection;
using NanoThing.Mqtt;
using NanoThing.Mqtt.Packets;
using NanoThing.VirtualBoard.Adapters;

namespace NanoThing.Cli.Commands.Telemetry;

/// <summary>
/// <c>telemetry watch</c>: reads a thing's telemetry as an application would, through broker outages. It connects with
/// a persistent session (its fixed client id, cleanSession=0) and subscribes at QoS 1 only when the broker has no
/// session for it (AWS: a client must not resubscribe when CONNACK says the session is present), so records published
/// while it is away are queued for it by the broker. When the connection fails or is lost it says so on stderr and
/// connects again with Core's <see cref="ReconnectBackoff"/> (AWS's full-jitter backoff; capped at 30 s here, a reader on a
/// PC need not spare a battery). Each record is printed once: <c>seq 12  2026-12-06T06:01:02.345Z  temperature 21.43
/// humidity 45.5  pressure 1013.25</c>, or its JSON with <c>--json</c>; a redelivered seq is counted, not printed. A line
/// per boot (<see cref="SeqLedger"/>) says whether its seqs arrived without gaps, when the next boot begins and at the
/// end (Ctrl+C, SIGTERM or <c>--count</c> records); with <c>--json</c> those lines and the connection lines go to stderr.
/// </summary>
public sealed class TelemetryWatch
{
    private const int BackoffCapMs = 30_000;

    private readonly CliContext context;
    private readonly ReaderTarget target;
    private readonly string topic;
    private readonly bool json;
    private readonly int count;
    private readonly Lock output = new();
    private readonly SeqLedger ledger = new();
    private readonly TaskCompletionSource enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int shown;
    private int unreadable;
    private int lostAtSubscribe;
    private int otherTopics;

    /// <param name="context">Where to print.</param>
    /// <param name="target">Identity and endpoint.</param>
    /// <param name="topic">The telemetry topic (the board's config; default <c>dt/nanothing/&lt;thing&gt;/telemetry</c>).</param>
    /// <param name="json">Print each record's JSON instead of a text line.</param>
    /// <param name="count">Stop after this many records (0 = until stopped).</param>
    public TelemetryWatch(CliContext context, ReaderTarget target, string topic, bool json, int count)
    {
        this.context = context;
        this.target = target;
        this.topic = topic;
        this.json = json;
        this.count = count;
    }

    /// <summary>Reads until <paramref name="stop"/> or <c>--count</c> records; null then, or the error that retrying cannot fix
    /// (the broker refuses the identity or the subscription).</summary>
    public async Task<CliError?> RunAsync(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var backoff = new ReconnectBackoff(new SystemRandom(), ReconnectBackoff.DefaultBaseMs, BackoffCapMs, ReconnectBackoff.DefaultStableMs);
        using var finished = CancellationTokenSource.CreateLinkedTokenSource(stop);
        _ = enough.Task.ContinueWith(_ =>
        {
            try
            {
                finished.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the watch ended first
            }
        }, TaskScheduler.Default);
        Status($"reading {topic} from {target.Where} as client id '{target.ClientId}' (persistent session, QoS 1; Ctrl+C to stop)");
        CliError? error = null;
        while (!finished.IsCancellationRequested && error is null)
        {
            long wait = backoff.NextAttemptMs - clock.ElapsedMilliseconds;
            if (wait > 0 && finished.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(wait)))
            {
                break;
            }

            var (endpoint, unavailable) = target.Endpoint();
            backoff.OnConnecting(clock.ElapsedMilliseconds);
            if (endpoint is null)
            {
                Retry(backoff, clock, unavailable);
                continue;
            }

            error = await ReadOnceAsync(endpoint, backoff, clock, finished.Token);
        }

        lock (output)
        {
            foreach (var boot in ledger.Boots)
            {
                Report("telemetry of " + topic + ": " + boot);
            }

            if (unreadable > 0)
            {
                Report(unreadable + " message(s) on " + topic + " were not telemetry and were skipped");
            }
        }

        return error;
    }

    /// <summary>One connection: connect, subscribe unless the session is present, read until it ends.</summary>
    private async Task<CliError?> ReadOnceAsync(Bundle.IotEndpoint endpoint, ReconnectBackoff backoff, Stopwatch clock, CancellationToken stop)
    {
        var lost = new TaskCompletionSource<MqttConnectionLost>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = new MqttClient(new MqttConnectOptions(endpoint.Host, endpoint.Port, target.ClientId, target.Tls)
        {
            CleanSession = false,
            KeepAliveSeconds = 30, // AWS's lowest keep-alive: a vanished broker is noticed within 45 s
        });
        client.MessageReceived += OnMessage;
        client.ConnectionLost += connectionLost => lost.TrySetResult(connectionLost);
        MqttConnectResult connected;
        try
        {
            connected = await client.ConnectAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        if (!connected.IsConnected)
        {
            if (connected.Status is MqttConnectStatus.RefusedNotAuthorized or MqttConnectStatus.RefusedIdentifier or MqttConnectStatus.RefusedBadCredentials or MqttConnectStatus.RefusedProtocolVersion)
            {
                return new CliError(Failure.Rejected, connected.Message + $" (identity {target.IdentityFolder})",
                    "give the reader's certificate a policy that allows iot:Connect as client id '" + target.ClientId + "', iot:Subscribe to " + topic + " and iot:Receive on it (locally: nanothing local provision --app <name>)");
            }

            Retry(backoff, clock, connected.Message);
            return null;
        }

        backoff.OnConnected(clock.ElapsedMilliseconds);
        if (connected.SessionPresent)
        {
            Status($"connected to {endpoint}; the broker kept the session: queued records follow");
        }
        else
        {
            var subscribed = await client.SubscribeAsync(topic, MqttQos.AtLeastOnce, stop);
            string refusal = $"{target.Where} refused the subscription to {topic} for client id '{target.ClientId}'";
            string allow = "allow iot:Subscribe on topicfilter/" + topic + " and iot:Receive on topic/" + topic + " in the reader's policy";
            if (subscribed.Status == MqttSubscribeStatus.Completed && !subscribed.AllGranted)
            {
                return new CliError(Failure.Rejected, refusal + ": " + subscribed.Message, allow);
            }

            if (!subscribed.AllGranted)
            {
                // AWS closes an MQTT 3.1.1 connection whose SUBSCRIBE its policy denies: the same loss three times running is that.
                if (++lostAtSubscribe >= 3)
                {
                    return new CliError(Failure.Rejected, refusal + ": the connection was closed at SUBSCRIBE " + lostAtSubscribe + " times running (" + subscribed.Message + ")", allow);
                }

                Retry(backoff, clock, "the connection to " + endpoint + " ended while subscribing (" + subscribed.Message + ")");
                return null;
            }

            lostAtSubscribe = 0;

            Status($"connected to {endpoint}; subscribed to {topic} (new session)");
        }

        var ended = await Task.WhenAny(lost.Task, Task.Delay(Timeout.Infinite, stop));
        if (ended == lost.Task)
        {
            Retry(backoff, clock, "the connection to " + endpoint + " was lost (" + lost.Task.Result.Message + ")");
        }

        return null;
    }

    private void Retry(ReconnectBackoff backoff, Stopwatch clock, string why)
    {
        int delay = backoff.OnDisconnected(clock.ElapsedMilliseconds);
        long next = Math.Max(delay, backoff.NextAttemptMs - clock.ElapsedMilliseconds);
        Status(why.TrimEnd('.') + "; connecting again in " + (next / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s");
    }

    private void OnMessage(MqttMessage message)
    {
        if (message.Topic != topic)
        {
            // A resumed session keeps the subscriptions it was given: one made by another watch with this client id.
            lock (output)
            {
                if (otherTopics++ == 0)
                {
                    Status($"the session of client id '{target.ClientId}' also delivers {message.Topic} (subscribed by an earlier watch); only {topic} is shown. Use another --client-id (or identity) per thing");
                }
            }

            return;
        }

        if (!TelemetryBatch.TryParse(message.Payload.Span, out _, out var records, out string error))
        {
            lock (output)
            {
                unreadable++;
                Status("a message on " + message.Topic + " is not telemetry (" + error + "); skipped");
            }

            return;
        }

        lock (output)
        {
            foreach (var record in records)
            {
                if (count > 0 && shown >= count)
                {
                    break;
                }

                var outcome = ledger.Observe(record.Seq);
                if (outcome == SeqOutcome.Duplicate)
                {
                    continue;
                }

                if (outcome == SeqOutcome.NewBoot && ledger.Boots is [.., var previous, _])
                {
                    Report("telemetry of " + topic + ": " + previous + "; a new boot starts at seq " + record.Seq);
                }
                else if (outcome == SeqOutcome.AfterGap)
                {
                    Status("seq " + record.Seq + " follows a gap in this boot's seqs (records lost or not arrived yet)");
                }

                context.Out.WriteLine(json ? record.Json : Line(record));
                shown++;
            }

            context.Out.Flush();
            if (count > 0 && shown >= count)
            {
                enough.TrySetResult();
            }
        }
    }

    private static string Line(TelemetryRecord record)
    {
        string time = record.ClockValid
            ? DateTimeOffset.FromUnixTimeMilliseconds(record.Ts).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)
            : "+" + (record.Ts / 1000.0).ToString("0.000", CultureInfo.InvariantCulture) + " s since boot (clock not set)";
        return "seq " + record.Seq + "  " + time + "  " + string.Join("  ", record.Values.Select(v => v.Key + " " + v.Value.ToString("0.##", CultureInfo.InvariantCulture)));
    }

    /// <summary>A connection line: stderr always (stdout carries only records).</summary>
    private void Status(string line)
    {
        lock (output)
        {
            context.Error.WriteLine("telemetry watch: " + line);
            context.Error.Flush();
        }
    }

    /// <summary>A per-boot account: stdout in text mode, stderr with --json.</summary>
    private void Report(string line)
    {
        var writer = json ? context.Error : context.Out;
        writer.WriteLine(line);
        writer.Flush();
    }
}
