using NanoThing.Core.Runtime;
using NanoThing.Core.Seams;

namespace NanoThing.Core.Shadow
{
    /// <summary>
    /// The device side of the AWS IoT Device Shadow protocol over one <see cref="IMqttSession"/>, as a state machine
    /// driven by its owner: no threads, no sleeps, time from <see cref="IClock"/>.
    /// <list type="number">
    /// <item><see cref="OnConnected"/> after every accepted MQTT connect: subscribes (one SUBSCRIBE, QoS 1) to exactly
    /// get/accepted, get/rejected, update/accepted, update/rejected and update/delta, before any request, then GETs
    /// the shadow. <see cref="OnConnectionLost"/> when the session drops.</item>
    /// <item><see cref="OnMessage"/> for every received message; it reads replies and calls the
    /// <see cref="IShadowListener"/>, but never publishes.</item>
    /// <item><see cref="Poll"/> often (e.g. every 100 ms): it sends what is due and times out requests.</item>
    /// <item><see cref="Update"/> to report state, <see cref="Get"/> to re-read the shadow: queued, sent by Poll.</item>
    /// </list>
    /// One request is in flight at a time, GET before update. A request succeeds only on its accepted reply carrying
    /// its clientToken (a PUBACK is not success); failures are retried, or reported to the owner, as
    /// <see cref="ShadowRetryPolicy"/> decides (409 -> GET, then the update again; 429, 5xx, time-outs -> again after a
    /// jittered, doubling delay, at most <see cref="ShadowClientOptions.MaxAttempts"/> sends; other codes -> never
    /// retried). Replies are recognised by <see cref="ShadowTopics.TypeOf"/>. Deltas older
    /// than the newest version seen (update/delta or GET) are ignored. A link lost
    /// <see cref="ShadowClientOptions.MaxGetsLostToLink"/> times in a row with a GET in flight (a get/accepted too large
    /// for the device) suspends GETs for <see cref="ShadowClientOptions.GetSuspendMs"/>, logged as an error; updates
    /// then go without version. Every method must be called from one thread (or
    /// under the owner's lock); none throws for protocol or network failures.
    /// </summary>
    public sealed class ShadowClient
    {
        // A static field, not a literal: in nanoCLR every ldstr creates a new string, and this one is on the reply path.
        private static readonly string NotInFlightMessage = "ignored a shadow reply that does not answer the request in flight";

        private readonly IMqttSession _session;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly IShadowListener _listener;
        private readonly ShadowClientOptions _options;
        private readonly string _thingName;
        private readonly ShadowTopicStatus _configStatus;
        private readonly string[] _subscriptions;
        private readonly string _getTopic;
        private readonly string _updateTopic;
        private readonly ShadowRequestWriter _request;
        private readonly ShadowResponse _response;
        private readonly ClientTokenSource _tokens;
        private readonly ShadowRetryPolicy _retry;
        private readonly byte[] _token = new byte[ClientTokenSource.MaxLength];

        private bool _ready;
        private bool _getWanted;
        private bool _updateWanted;
        private IReportedStateWriter _content;
        private ShadowRequestKind _inFlight;
        private int _tokenLength;
        private long _sentAtMs;
        private int _getAttempts;
        private int _updateAttempts;
        private long _retryAtMs;
        private long _version = -1;
        private long _deltaVersion = -1;
        private int _getsLostToLink;
        private bool _getSuspended;
        private long _getSuspendedUntilMs;

        /// <summary>
        /// A client for the shadow of <paramref name="thingName"/> (classic unless <paramref name="options"/> names one;
        /// null options = defaults). Invalid names make <see cref="ConfigurationStatus"/> not Ok and
        /// <see cref="OnConnected"/> refuse to start; nothing throws.
        /// </summary>
        public ShadowClient(IMqttSession session, IClock clock, IRandom random, ILog log, IShadowListener listener, string thingName, ShadowClientOptions options)
        {
            _session = session;
            _clock = clock;
            _log = log;
            _listener = listener;
            _options = options == null ? new ShadowClientOptions() : options;
            _thingName = thingName;
            _request = new ShadowRequestWriter(_options.DocumentCapacity);
            _response = new ShadowResponse(_options.MaxReplyBytes);
            _tokens = new ClientTokenSource(random);
            _retry = new ShadowRetryPolicy(_options, random);

            string shadow = _options.ShadowName;
            string getAccepted, getRejected, updateAccepted, updateRejected, updateDelta;
            ShadowTopicStatus status = ShadowTopics.TryBuild(ShadowTopicType.Get, thingName, shadow, out _getTopic);
            if (status == ShadowTopicStatus.Ok)
            {
                ShadowTopics.TryBuild(ShadowTopicType.Update, thingName, shadow, out _updateTopic);
                ShadowTopics.TryBuild(ShadowTopicType.GetAccepted, thingName, shadow, out getAccepted);
                ShadowTopics.TryBuild(ShadowTopicType.GetRejected, thingName, shadow, out getRejected);
                ShadowTopics.TryBuild(ShadowTopicType.UpdateAccepted, thingName, shadow, out updateAccepted);
                ShadowTopics.TryBuild(ShadowTopicType.UpdateRejected, thingName, shadow, out updateRejected);
                ShadowTopics.TryBuild(ShadowTopicType.UpdateDelta, thingName, shadow, out updateDelta);
                _subscriptions = StringArray.Create(5);
                _subscriptions[0] = getAccepted;
                _subscriptions[1] = getRejected;
                _subscriptions[2] = updateAccepted;
                _subscriptions[3] = updateRejected;
                _subscriptions[4] = updateDelta;
            }

            _configStatus = session == null || clock == null || listener == null ? ShadowTopicStatus.BadParameter : status;
        }

        /// <summary>Ok when the thing and shadow names are valid and the seams were given; otherwise the client never sends.</summary>
        public ShadowTopicStatus ConfigurationStatus => _configStatus;

        /// <summary>True after a successful <see cref="OnConnected"/> until <see cref="OnConnectionLost"/>.</summary>
        public bool IsReady => _ready;

        /// <summary>True while an update is queued, waiting for a retry, or in flight.</summary>
        public bool IsUpdatePending => _updateWanted || _inFlight == ShadowRequestKind.Update;

        /// <summary>The newest shadow version seen (get/accepted, update/accepted, update/delta); -1 when unknown.</summary>
        public long Version => _version;

        /// <summary>The exact topics subscribed to by <see cref="OnConnected"/> (null when the configuration is invalid).</summary>
        public string[] Subscriptions => _subscriptions;

        /// <summary>
        /// Call after every accepted MQTT connect (clean session). Subscribes to the reply topics, then sends the GET.
        /// False when the configuration is invalid or the broker did not grant every subscription: the owner should
        /// disconnect and reconnect later.
        /// </summary>
        public bool OnConnected()
        {
            Reset();
            if (_configStatus != ShadowTopicStatus.Ok)
            {
                if (LogGate.IsOn(_log, LogLevel.Error))
                {
                    _log.Write(LogLevel.Error, "shadow client for thing '" + _thingName + "' not started: invalid configuration (status " + ((int)_configStatus).ToString() + "); check the thing and shadow names in the device config");
                }

                return false;
            }

            if (!_session.Subscribe(_subscriptions, 1))
            {
                if (LogGate.IsOn(_log, LogLevel.Warning))
                {
                    _log.Write(LogLevel.Warning, "subscribing to the shadow reply topics of thing '" + _thingName + "' failed; disconnect and reconnect, and check that the policy allows iot:Subscribe on " + _subscriptions[0]);
                }

                return false;
            }

            _ready = true;
            _getWanted = true;
            Pump(_clock.MonotonicMilliseconds());
            return true;
        }

        /// <summary>Call when the session dropped or was closed. An update in flight is sent again after the next connect and GET.</summary>
        public void OnConnectionLost()
        {
            if (_ready && _inFlight == ShadowRequestKind.Get)
            {
                NoteGetLostToLink();
            }

            Reset();
        }

        /// <summary>
        /// True while GETs are suspended because the link dropped <see cref="ShadowClientOptions.MaxGetsLostToLink"/>
        /// times in a row with a GET in flight (see <see cref="ShadowClientOptions.GetSuspendMs"/>).
        /// </summary>
        public bool IsGetSuspended => _getSuspended && _clock.MonotonicMilliseconds() - _getSuspendedUntilMs < 0;

        /// <summary>
        /// Queues an update whose state.reported is written by <paramref name="content"/> when it is sent, and again on
        /// each retry (so it may write newer values; null values delete keys). Replaces a queued update; while one is in
        /// flight, the new one is sent after it. An update asked for while another is pending continues its attempt
        /// count, so calling this repeatedly never extends the retries. False only for null content.
        /// </summary>
        public bool Update(IReportedStateWriter content)
        {
            if (content == null)
            {
                return false;
            }

            if (!IsUpdatePending)
            {
                _updateAttempts = 0;
            }

            _content = content;
            _updateWanted = true;
            return true;
        }

        /// <summary>Queues a GET of the whole shadow (answered through <see cref="IShadowListener.OnGetAccepted"/>).</summary>
        public void Get()
        {
            if (!_getWanted && _inFlight != ShadowRequestKind.Get)
            {
                _getAttempts = 0;
            }

            _getWanted = true;
        }

        /// <summary>Sends what is due and times out a request that got no reply. Call often; it never blocks beyond one publish.</summary>
        public void Poll()
        {
            if (!_ready)
            {
                return;
            }

            long now = _clock.MonotonicMilliseconds();
            if (_inFlight != ShadowRequestKind.None && now - _sentAtMs >= _options.RequestTimeoutMs)
            {
                TimeOut(now);
            }

            Pump(now);
        }

        /// <summary>
        /// Handles a received message. True when <paramref name="topic"/> is one of this client's reply topics (the
        /// message is consumed, even if malformed: that is logged and ignored); false for any other topic.
        /// The payload is read during the call only. Never publishes.
        /// </summary>
        public bool OnMessage(string topic, byte[] payload, int offset, int length)
        {
            ShadowTopicType type = ReplyType(topic);
            if (type == ShadowTopicType.None)
            {
                return false;
            }

            ShadowResponseStatus status = _response.Read(type, payload, offset, length);
            if (status != ShadowResponseStatus.Ok)
            {
                IgnoreMalformed(topic, status);
                return true;
            }

            if (type == ShadowTopicType.GetAccepted)
            {
                OnGetAccepted();
            }
            else if (type == ShadowTopicType.GetRejected)
            {
                OnGetRejected();
            }
            else if (type == ShadowTopicType.UpdateAccepted)
            {
                OnUpdateAccepted();
            }
            else if (type == ShadowTopicType.UpdateRejected)
            {
                OnUpdateRejected();
            }
            else
            {
                OnDelta();
            }

            return true;
        }

        private void OnGetAccepted()
        {
            if (!IsReplyToInFlight(ShadowRequestKind.Get))
            {
                return;
            }

            _inFlight = ShadowRequestKind.None;
            _getAttempts = 0;
            _getsLostToLink = 0;
            long version = _response.Version;
            _version = version;
            _deltaVersion = version;
            _listener.OnGetAccepted(_response.Reader, _response.Desired, _response.Reported, _response.Delta, version);
            if (_response.Delta >= 0)
            {
                _listener.OnDelta(_response.Reader, _response.Delta, version);
            }
        }

        private void OnGetRejected()
        {
            if (!IsReplyToInFlight(ShadowRequestKind.Get))
            {
                return;
            }

            _inFlight = ShadowRequestKind.None;
            int code = _response.Code;
            ShadowRetry retry = _retry.Decide(ShadowRequestKind.Get, ShadowFailure.Rejected, code, _getAttempts);
            if (retry != ShadowRetry.GiveUp)
            {
                Retry(ShadowRequestKind.Get, retry, ShadowFailure.Rejected, code, _response.Message, _clock.MonotonicMilliseconds());
                return;
            }

            if (code == 404)
            {
                _version = -1;
            }

            _getAttempts = 0;
            if (LogGate.IsOn(_log, LogLevel.Info))
            {
                _log.Write(LogLevel.Info, "shadow GET of thing '" + _thingName + "' rejected: " + code.ToString() + " " + _response.Message);
            }

            _listener.OnGetRejected(ShadowFailure.Rejected, code, _response.Message);
        }

        private void OnUpdateAccepted()
        {
            long version = _response.Version;
            if (version > _version)
            {
                _version = version;
            }

            if (!IsReplyToInFlight(ShadowRequestKind.Update))
            {
                return;
            }

            _inFlight = ShadowRequestKind.None;
            _updateAttempts = 0;
            _listener.OnUpdateAccepted(version);
        }

        private void OnUpdateRejected()
        {
            if (!IsReplyToInFlight(ShadowRequestKind.Update))
            {
                return;
            }

            _inFlight = ShadowRequestKind.None;
            int code = _response.Code;
            ShadowRetry retry = _retry.Decide(ShadowRequestKind.Update, ShadowFailure.Rejected, code, _updateAttempts);
            if (retry != ShadowRetry.GiveUp)
            {
                Retry(ShadowRequestKind.Update, retry, ShadowFailure.Rejected, code, _response.Message, _clock.MonotonicMilliseconds());
                return;
            }

            _updateAttempts = 0;
            if (LogGate.IsOn(_log, LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "shadow update of thing '" + _thingName + "' rejected: " + code.ToString() + " " + _response.Message + "; not retried, the owner must drop the offending keys");
            }

            _listener.OnUpdateRejected(ShadowFailure.Rejected, code, _response.Message);
        }

        private void OnDelta()
        {
            long version = _response.Version;
            if (version >= 0 && version < _deltaVersion)
            {
                IgnoreStaleDelta(version);
                return;
            }

            if (version > _deltaVersion)
            {
                _deltaVersion = version;
            }

            if (version > _version)
            {
                _version = version;
            }

            _listener.OnDelta(_response.Reader, _response.State, version);
        }

        // Sends the next due request: GET first, then the update.
        private void Pump(long now)
        {
            if (!_ready || _inFlight != ShadowRequestKind.None || now < _retryAtMs)
            {
                return;
            }

            if (_getWanted && IsGetSuspended)
            {
                _getWanted = false;
                _getAttempts = 0;
            }

            if (_getWanted)
            {
                _getWanted = false;
                _getAttempts++;
                _tokenLength = _tokens.Next(_token, 0);
                _request.WriteClientTokenOnly(_token, 0, _tokenLength);
                Send(ShadowRequestKind.Get, _getTopic, now);
            }
            else if (_updateWanted)
            {
                _updateWanted = false;
                _updateAttempts++;
                _tokenLength = _tokens.Next(_token, 0);
                ShadowDocumentStatus status = _request.WriteUpdate(_content, _token, 0, _tokenLength, _options.UseVersion && !IsGetSuspended ? _version : -1);
                if (status != ShadowDocumentStatus.Ok)
                {
                    DocumentNotSent(status);
                    return;
                }

                Send(ShadowRequestKind.Update, _updateTopic, now);
            }
        }

        // Publishes the request just written; its clientToken stays in _token until the next request is written,
        // which happens only when nothing is in flight.
        private void Send(ShadowRequestKind kind, string topic, long now)
        {
            if (!_session.Publish(topic, _request.Buffer, 0, _request.Length, 1))
            {
                PublishFailed(kind, topic, now);
                return;
            }

            _inFlight = kind;
            _sentAtMs = now;
        }

        // The failure paths below build their messages in methods of their own, off the steady-state path
        // (tests/NanoThing.Surface.Tests CoreSteadyState lists them): that path loads no literal.
        private void TimeOut(long now)
        {
            ShadowRequestKind kind = _inFlight;
            _inFlight = ShadowRequestKind.None;
            ShadowRetry retry = _retry.Decide(kind, ShadowFailure.TimedOut, 0, kind == ShadowRequestKind.Get ? _getAttempts : _updateAttempts);
            Retry(kind, retry, ShadowFailure.TimedOut, 0, "no reply within " + _options.RequestTimeoutMs.ToString() + " ms", now);
        }

        private void PublishFailed(ShadowRequestKind kind, string topic, long now)
        {
            ShadowRetry retry = _retry.Decide(kind, ShadowFailure.PublishFailed, 0, kind == ShadowRequestKind.Get ? _getAttempts : _updateAttempts);
            Retry(kind, retry, ShadowFailure.PublishFailed, 0, "publish to " + topic + " failed", now);
        }

        private void DocumentNotSent(ShadowDocumentStatus status)
        {
            _updateAttempts = 0;
            ShadowFailure failure = status == ShadowDocumentStatus.TooLarge ? ShadowFailure.DocumentTooLarge : ShadowFailure.DocumentInvalid;
            string message = "update document not sent: " + DocumentProblem(status);
            if (LogGate.IsOn(_log, LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "shadow update of thing '" + _thingName + "': " + message);
            }

            _listener.OnUpdateRejected(failure, 0, message);
        }

        private void IgnoreMalformed(string topic, ShadowResponseStatus status)
        {
            if (LogGate.IsOn(_log, LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "ignored a malformed message on " + topic + ": status " + ((int)status).ToString()
                    + ", JSON status " + ((int)_response.JsonStatus).ToString() + " at byte " + _response.Reader.ErrorOffset.ToString());
            }
        }

        // A get/accepted larger than the device can take makes M2Mqtt run out of memory receiving it and close the
        // link; reconnecting would GET it again, forever. After MaxGetsLostToLink such losses in a row, GETs stop for
        // GetSuspendMs (updates go out without version meanwhile, so a 409 cannot ask for one) and the cause is logged.
        private void NoteGetLostToLink()
        {
            _getsLostToLink++;
            if (_getsLostToLink < _options.MaxGetsLostToLink)
            {
                return;
            }

            _getsLostToLink = 0;
            _getSuspended = true;
            _getSuspendedUntilMs = _clock.MonotonicMilliseconds() + _options.GetSuspendMs;
            if (!LogGate.IsOn(_log, LogLevel.Error))
            {
                return;
            }

            _log.Write(LogLevel.Error, "the link dropped " + _options.MaxGetsLostToLink.ToString() + " times in a row while the shadow of thing '" + _thingName
                + "' was being read: its get/accepted is probably larger than this device can receive (" + _options.MaxReplyBytes.ToString()
                + " bytes, MemoryBudget.LargestIncomingBytes); not reading the shadow for " + (_options.GetSuspendMs / 1000).ToString()
                + " s (reports and deltas go on). Remove desired and reported keys this device does not use");
        }

        private void IgnoreStaleDelta(long version)
        {
            if (!LogGate.IsOn(_log, LogLevel.Debug))
            {
                return;
            }

            _log.Write(LogLevel.Debug, "ignored shadow delta version " + version.ToString() + ", older than " + _deltaVersion.ToString());
        }

        // Carries out the retry policy's decision for a failed request: queued again (a 409 after a GET, at once), or
        // reported to the listener as failed when its attempts are used up. Off the steady-state path (its callers are).
        private void Retry(ShadowRequestKind kind, ShadowRetry retry, ShadowFailure failure, int code, string message, long now)
        {
            int attempts = kind == ShadowRequestKind.Get ? _getAttempts : _updateAttempts;
            string what = kind == ShadowRequestKind.Get ? "GET" : "update";
            if (retry == ShadowRetry.AfterDelay || retry == ShadowRetry.AfterGet)
            {
                int delay = retry == ShadowRetry.AfterGet ? 0 : _retry.DelayMs(attempts);
                _retryAtMs = now + delay;
                if (kind == ShadowRequestKind.Get)
                {
                    _getWanted = true;
                }
                else
                {
                    _updateWanted = true;
                }

                if (retry == ShadowRetry.AfterGet)
                {
                    // Version conflict: read the shadow again (the GET goes first), then the update with the new version.
                    _getWanted = true;
                    _getAttempts = 0;
                }

                if (LogGate.IsOn(_log, LogLevel.Warning))
                {
                    _log.Write(LogLevel.Warning, "shadow " + what + " of thing '" + _thingName + "' failed (" + Cause(code, message) + "), attempt " + attempts.ToString() + " of " + _retry.MaxAttempts.ToString() + "; retrying in " + delay.ToString() + " ms");
                }

                return;
            }

            string final = message + " (gave up after " + attempts.ToString() + " attempts)";
            if (LogGate.IsOn(_log, LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "shadow " + what + " of thing '" + _thingName + "' failed: " + Cause(code, final));
            }

            if (kind == ShadowRequestKind.Get)
            {
                _getAttempts = 0;
                _listener.OnGetRejected(failure, code, final);
            }
            else
            {
                _updateAttempts = 0;
                _listener.OnUpdateRejected(failure, code, final);
            }
        }

        // AWS's code (when the service answered) before the message; the device's own failures have none.
        private static string Cause(int code, string message)
        {
            return code > 0 ? code.ToString() + " " + message : message;
        }

        // A reply answers the request in flight when it carries that request's clientToken. AWS documents the GET
        // request as an empty message, so a get reply without any clientToken is also taken as the answer.
        private bool IsReplyToInFlight(ShadowRequestKind kind)
        {
            bool tokenMatches = _response.ClientTokenEquals(_token, 0, _tokenLength) || (kind == ShadowRequestKind.Get && !_response.HasClientToken);
            if (!_ready || _inFlight != kind || !tokenMatches)
            {
                if (LogGate.IsOn(_log, LogLevel.Debug))
                {
                    _log.Write(LogLevel.Debug, NotInFlightMessage);
                }

                return false;
            }

            return true;
        }

        // One of the five reply topics subscribed to, of this thing's shadow; None for any other topic.
        private ShadowTopicType ReplyType(string topic)
        {
            if (_configStatus != ShadowTopicStatus.Ok)
            {
                return ShadowTopicType.None;
            }

            ShadowTopicType type = ShadowTopics.TypeOf(topic, _thingName, _options.ShadowName);
            bool subscribed = type == ShadowTopicType.GetAccepted || type == ShadowTopicType.GetRejected || type == ShadowTopicType.UpdateAccepted
                || type == ShadowTopicType.UpdateRejected || type == ShadowTopicType.UpdateDelta;
            return subscribed ? type : ShadowTopicType.None;
        }

        private void Reset()
        {
            if (_inFlight == ShadowRequestKind.Update)
            {
                _updateWanted = true;
            }

            _ready = false;
            _inFlight = ShadowRequestKind.None;
            _tokenLength = 0;
            _getWanted = false;
            _getAttempts = 0;
            _updateAttempts = 0;
            _retryAtMs = 0;
        }

        private static string DocumentProblem(ShadowDocumentStatus status)
        {
            if (status == ShadowDocumentStatus.TooLarge)
            {
                return "larger than the document buffer or 8 KB; report fewer keys";
            }

            if (status == ShadowDocumentStatus.TooDeep)
            {
                return "reported state nested deeper than " + ShadowLimits.MaxNestingBelowReported.ToString() + " levels";
            }

            return "the reported content is not a sequence of complete members";
        }
    }
}
