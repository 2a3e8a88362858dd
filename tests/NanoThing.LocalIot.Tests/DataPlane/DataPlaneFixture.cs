using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoThing.LocalIot.DataPlane;
using NanoThing.LocalIot.DataPlane.Auth;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Shadows;
using NanoThing.LocalIot.Tests.Shadows;

namespace NanoThing.LocalIot.Tests.DataPlane;

/// <summary>
/// The data plane alone on real HTTPS: a local CA in a temp folder, its server certificate, a shadow engine over real
/// files (manual clock; or a given repository, e.g. a <see cref="GatedRepository"/>) behind a <see cref="ShadowCommitter"/>, the broker seam recorded, an any-port listener on
/// 127.0.0.1, and an <see cref="HttpClient"/> that trusts only the local CA.
/// </summary>
internal sealed class DataPlaneFixture : IAsyncDisposable
{
    public const long Epoch = 1700000000;

    /// <summary>Every shadow action on every thing, and publishing anywhere: the local credentials' default.</summary>
    public const string AllowAll = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iot:GetThingShadow","iot:UpdateThingShadow","iot:DeleteThingShadow","iot:ListNamedShadowsForThing","iot:Publish","iot:RetainPublish"],"Resource":"*"}]}
        """;

    private readonly TempFolder folder;
    private readonly X509Certificate2 serverCertificate;

    private readonly List<string> log;

    private DataPlaneFixture(TempFolder folder, LocalCa ca, X509Certificate2 serverCertificate, ShadowCommitter shadows, IotDataPlane plane,
        HeaderAuthenticator authenticator, RecordingPublisher publisher, ManualTimeProvider clock, List<string> log)
    {
        this.log = log;
        Clock = clock;
        this.folder = folder;
        this.serverCertificate = serverCertificate;
        Ca = ca;
        Shadows = shadows;
        Plane = plane;
        Authenticator = authenticator;
        Publisher = publisher;
    }

    public LocalCa Ca { get; }

    public ShadowCommitter Shadows { get; }

    public IotDataPlane Plane { get; }

    public HeaderAuthenticator Authenticator { get; }

    public RecordingPublisher Publisher { get; }

    public ManualTimeProvider Clock { get; }

    /// <summary>The data plane's log lines so far.</summary>
    public IReadOnlyList<string> LogLines()
    {
        lock (log)
        {
            return log.ToList();
        }
    }

    /// <summary>Starts the data plane; with <paramref name="repository"/> the shadows are stored there instead of in files.</summary>
    public static async Task<DataPlaneFixture> StartAsync(HeaderAuthenticator? authenticator = null, IShadowRepository? repository = null)
    {
        var folder = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(Path.Combine(folder.Path, "ca"), false, out var ca, out var error), error);
        var certificate = X509Certificate2.CreateFromPemFile(ca.ServerCertificatePath, ca.ServerKeyPath);
        var clock = new ManualTimeProvider(Epoch);
        var store = new ShadowStore(clock, repository ?? new ShadowFileRepository(Path.Combine(folder.Path, "shadows")));
        var shadows = new ShadowCommitter(store);
        authenticator ??= new HeaderAuthenticator().With("app", AllowAll);
        var publisher = new RecordingPublisher();
        var log = new List<string>();
        var (plane, startError) = await IotDataPlane.StartAsync(new IotDataPlaneOptions(0, certificate, shadows, publisher, authenticator)
        {
            Log = line => { lock (log) { log.Add(line); } },
            Time = clock,
        });
        Assert.IsNotNull(plane, startError);
        return new DataPlaneFixture(folder, ca, certificate, shadows, plane!, authenticator, publisher, clock, log);
    }

    /// <summary>A client that trusts only the local CA; with <paramref name="identity"/> every request carries it.</summary>
    public HttpClient Client(string? identity = "app", X509Certificate2? clientCertificate = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => TrustsLocalCa(certificate),
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
                LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(Plane.Url) };
        if (identity is not null)
        {
            client.DefaultRequestHeaders.Add(HeaderAuthenticator.Header, identity);
        }

        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public async ValueTask DisposeAsync()
    {
        await Plane.DisposeAsync();
        await Shadows.DisposeAsync();
        serverCertificate.Dispose();
        Ca.Dispose();
        folder.Dispose();
    }

    private bool TrustsLocalCa(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Ca.CaCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }
}
