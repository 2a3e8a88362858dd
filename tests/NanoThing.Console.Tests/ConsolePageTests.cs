using Microsoft.Playwright;
using NanoThing.Console.Tests.Support;
using NanoThing.VirtualBoard.Simulation;
using Board = NanoThing.VirtualBoard.Board.VirtualBoard;

namespace NanoThing.Console.Tests;

/// <summary>
/// The console in a real headless Chromium against the stand-in with a running virtual board: refused without the
/// token; with it, the board's thing listed as connected; its shadow page live (temperature), Edit desired (LED on,
/// delta gone; a bad value answered in the board's <c>errors</c>; AWS's 409), a chart drawing points, a phone-width
/// layout. Waits are on page state (Playwright's auto-waiting assertions, bounded); screenshots go to the test output.
/// </summary>
[TestClass]
public sealed class ConsolePageTests
{
    private const string Thing = "console-board";
    private static readonly float Bound = (float)ConsoleStandIn.Bound.TotalMilliseconds;

    private static ConsoleStandIn standIn = null!;
    private static IPlaywright playwright = null!;
    private static IBrowser browser = null!;
    private static Board board = null!;
    private static FixedWeather weather = null!;

    private IBrowserContext context = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task Start(TestContext _)
    {
        standIn = await ConsoleStandIn.StartAsync();
        weather = new FixedWeather(new(21.5, 101_300, 40));
        board = standIn.StartBoard(Thing, weather);
        (playwright, browser) = await Chromium.LaunchAsync();
    }

    [ClassCleanup]
    public static async Task Stop()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        if (standIn is not null) await standIn.DisposeAsync();
    }

    [TestInitialize]
    public async Task NewContext()
    {
        context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(Bound);
    }

    [TestCleanup]
    public async Task CloseContext() => await context.CloseAsync();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    /// <summary>Opens the console with its token, as the printed address does, then <paramref name="hash"/>.</summary>
    private async Task<IPage> OpenAsync(string hash = "")
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(standIn.Console.UrlWithToken);
        Assert.IsFalse(page.Url.Contains("token=", StringComparison.Ordinal), "the token left the address bar: " + page.Url);
        if (hash.Length > 0)
        {
            await page.GotoAsync(standIn.Console.Url + hash);
        }

        await Expect(page.Locator("#live")).ToHaveTextAsync("Live", new() { Timeout = Bound });
        return page;
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.AddResultFile(path);
    }

    private static async Task EditDesiredAsync(IPage page, string request)
    {
        await page.Locator("#edit-shadow").ClickAsync();
        await page.Locator("#desired-json").FillAsync(request);
        await page.Locator("#update-shadow").ClickAsync();
    }

    [TestMethod]
    public async Task WithoutTheToken_TheConsoleIsRefused()
    {
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(standIn.Console.Url + "#/thing/" + Thing);
        Assert.AreEqual(401, response!.Status);
        await Expect(page.Locator("body")).ToContainTextAsync("needs its token");
        Assert.AreEqual(0, await page.Locator("#main").CountAsync(), "no console page is served");
    }

    [TestMethod]
    public async Task TheRunningBoardsThing_IsListedAsConnected()
    {
        var page = await OpenAsync();
        var row = page.Locator($"tr[data-thing='{Thing}']");
        await Expect(row.Locator("[data-connection='connected']")).ToBeVisibleAsync(new() { Timeout = Bound });
        await Expect(row).ToContainTextAsync("Active"); // its certificate, from the connected event
        await ScreenshotAsync(page, "things");
    }

    [TestMethod]
    public async Task TheShadowPage_ShowsTheReportedTemperatureChangingLive()
    {
        weather.Reading = new(21.5, 101_300, 40);
        var page = await OpenAsync("#/thing/" + Thing);
        var temperature = page.Locator("#reported-values tr[data-key='temperature'] .value");
        await Expect(temperature).ToHaveTextAsync("21.50 °C", new() { Timeout = Bound });
        await Expect(page.Locator("#reported-values tr[data-key='pressure'] .value")).ToHaveTextAsync("1,013.0 hPa");
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        weather.Reading = new(24.25, 101_300, 40);
        await Expect(temperature).ToHaveTextAsync("24.25 °C", new() { Timeout = Bound });
        await Expect(page.Locator("#shadow-state")).ToContainTextAsync("24.25");
        Assert.IsTrue(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "updated without reloading the page");
        await Expect(page.Locator("#shadow-metadata")).ToContainTextAsync("\"timestamp\"");
        await ScreenshotAsync(page, "thing-shadow");
    }

    [TestMethod]
    public async Task EditingDesiredLedTrue_TurnsTheBoardsLedOn_AndTheDeltaDisappears()
    {
        var ledOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        board.Led.Changed += on => { if (on) ledOn.TrySetResult(); };
        var page = await OpenAsync("#/thing/" + Thing);
        await Expect(page.Locator("#shadow-version")).ToBeVisibleAsync(new() { Timeout = Bound });
        if (board.Led.IsOn)
        {
            await EditDesiredAsync(page, "{\"state\":{\"desired\":{\"led\":false}}}");
            await Expect(page.Locator("#reported-values tr[data-key='led'] .value")).ToHaveTextAsync("false", new() { Timeout = Bound });
        }

        await EditDesiredAsync(page, "{\"state\":{\"desired\":{\"led\":true}}}");
        await Expect(page.Locator("#update-answer")).ToContainTextAsync("Updated: version");
        await ledOn.Task.WaitAsync(ConsoleStandIn.Bound);
        Assert.IsTrue(board.Led.IsOn);
        await Expect(page.Locator("#reported-values tr[data-key='led'] .value")).ToHaveTextAsync("true", new() { Timeout = Bound });
        await Expect(page.Locator("#delta-summary")).ToHaveAttributeAsync("data-delta", "none", new() { Timeout = Bound });
        await Expect(page.Locator("#shadow-state")).Not.ToContainTextAsync("\"delta\"");
        await ScreenshotAsync(page, "thing-led-on");
    }

    [TestMethod]
    public async Task AnInvalidDesiredValue_ShowsTheBoardsErrorsAnswer()
    {
        var page = await OpenAsync("#/thing/" + Thing);
        await Expect(page.Locator("#shadow-version")).ToBeVisibleAsync(new() { Timeout = Bound });
        await EditDesiredAsync(page, "{\"state\":{\"desired\":{\"led\":\"blue\"}}}");
        await Expect(page.Locator("#update-answer")).ToContainTextAsync("Updated: version");
        var errors = page.Locator("#reported-values tr[data-key='errors']");
        await Expect(errors).ToContainTextAsync("must be true or false", new() { Timeout = Bound });
        await Expect(page.Locator("#delta-summary")).ToHaveAttributeAsync("data-delta", "led");
        await ScreenshotAsync(page, "thing-errors");

        // A valid value the board does not show yet (a delta), so the board answers again and drops the error.
        bool other = !board.Led.IsOn;
        await EditDesiredAsync(page, "{\"state\":{\"desired\":{\"led\":" + (other ? "true" : "false") + "}}}");
        await Expect(page.Locator("#reported-values tr[data-key='errors']", new() { HasText = "must be true or false" })).ToHaveCountAsync(0, new() { Timeout = Bound });
        await Expect(page.Locator("#delta-summary")).ToHaveAttributeAsync("data-delta", "none", new() { Timeout = Bound });
    }

    [TestMethod]
    public async Task EditValidation_AndAwsAnswers_AreShown()
    {
        var page = await OpenAsync("#/thing/" + Thing);
        await Expect(page.Locator("#shadow-version")).ToBeVisibleAsync(new() { Timeout = Bound });
        await page.Locator("#edit-shadow").ClickAsync();
        await page.Locator("#desired-json").FillAsync("{\"state\":{\"desired\":");
        await Expect(page.Locator("#editor-status")).ToContainTextAsync("Not a valid update request");
        await Expect(page.Locator("#update-shadow")).ToBeDisabledAsync();

        await page.Locator("#desired-json").FillAsync("{\"state\":{\"desired\":{\"note\":1}},\"version\":1}");
        await page.Locator("#update-shadow").ClickAsync();
        await Expect(page.Locator("#update-answer")).ToContainTextAsync("409 Version conflict");
        await Expect(page.Locator("#update-answer")).ToHaveAttributeAsync("data-ok", "false");
    }

    [TestMethod]
    public async Task TheChart_DrawsTheTemperaturePoints()
    {
        var page = await OpenAsync("#/thing/" + Thing + "/charts");
        var chart = page.Locator("figure[data-series='temperature']");
        await Expect(chart).ToBeVisibleAsync(new() { Timeout = Bound });
        weather.Reading = new(weather.Reading.Celsius + 1.5, 101_300, 40);
        await Expect(chart).ToHaveAttributeAsync("data-points", new System.Text.RegularExpressions.Regex("^([2-9]|\\d\\d+)$"), new() { Timeout = Bound });

        // The line is drawn: the plot's canvas holds pixels of the temperature series' colour (#d45b07).
        int drawn = await chart.Locator("canvas").EvaluateAsync<int>(@"canvas => {
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let count = 0;
            for (let i = 0; i < data.length; i += 4)
                if (Math.abs(data[i] - 0xd4) < 24 && Math.abs(data[i + 1] - 0x5b) < 24 && Math.abs(data[i + 2] - 0x07) < 24 && data[i + 3] > 128) count++;
            return count;
        }");
        Assert.IsTrue(drawn > 20, "pixels of the temperature line: " + drawn);
        await ScreenshotAsync(page, "thing-charts");
    }

    [TestMethod]
    public async Task TheCharts_OfAThingThatNeverReported_SayNoDataYet()
    {
        const string quiet = "quiet-thing"; // a shadow with desired state only: nothing reported, nothing to draw
        var id = LocalIot.Shadows.ShadowId.Classic(quiet);
        var answers = await standIn.Server.Shadows.Committer.HandleAsync(id, LocalIot.Shadows.ShadowOperation.Update,
            System.Text.Encoding.UTF8.GetBytes("{\"state\":{\"desired\":{\"led\":true}}}"), CancellationToken.None);
        Assert.IsNotNull(standIn.Server.Shadows.Store.Read(id), "the shadow was stored: " + answers.Count + " answers");

        var page = await OpenAsync("#/thing/" + quiet + "/charts");
        await Expect(page.Locator("#charts-empty")).ToContainTextAsync("No data yet in this window.", new() { Timeout = Bound });
        await page.Locator("#chart-window").SelectOptionAsync(new SelectOptionValue { Label = "All" }); // the window selector reloads
        await Expect(page.Locator("#charts-empty")).ToContainTextAsync("No data yet. The device reports", new() { Timeout = Bound });
        Assert.AreEqual(0, await page.Locator("figure[data-series]").CountAsync(), "no chart is drawn without data");
    }

    [TestMethod]
    public async Task Activity_ShowsTheLastUpdates_AndTheStandInsRefusals()
    {
        var page = await OpenAsync("#/thing/" + Thing + "/activity");
        await Expect(page.Locator("#updates article").First).ToContainTextAsync("Classic Shadow", new() { Timeout = Bound });
        await Expect(page.Locator("#updates article").First).ToContainTextAsync("Previous");

        // The page's list of refusals is held in flight (answered before the refusal below) until the refusal has
        // arrived live: the race a loaded machine makes by itself, made certain, must lose no row.
        var listFetched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseList = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/refusals", async route =>
        {
            var answer = await route.FetchAsync();
            listFetched.TrySetResult();
            await releaseList.Task;
            await route.FulfillAsync(new() { Response = answer });
        });
        await page.GotoAsync(standIn.Console.Url + "#/activity");
        await Expect(page.Locator("#refusals")).ToBeVisibleAsync();
        await listFetched.Task.WaitAsync(TimeSpan.FromMilliseconds(Bound));
        // A refused request while the page is open: HTTPS to the data plane with neither a client certificate nor SigV4.
        using (var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }))
        {
            using var refused = await http.GetAsync(standIn.Server.DataPlaneUrl + "/things/" + Thing + "/shadow");
            Assert.AreEqual(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var row = page.Locator("#refusals tbody tr").First;
        await Expect(row).ToContainTextAsync("GetThingShadow", new() { Timeout = Bound });
        releaseList.TrySetResult();
        await Expect(page.Locator("#refusals[data-loaded=true]")).ToBeAttachedAsync(new() { Timeout = Bound });
        await page.UnrouteAsync("**/api/refusals");
        await Expect(row).ToContainTextAsync("GetThingShadow", new() { Timeout = 1000 }); // the list arrived after it: the row stays
        await Expect(row).ToHaveAttributeAsync("data-reason", "AUTHENTICATION_FAILURE");
        await ScreenshotAsync(page, "activity-refusals");
    }

    [TestMethod]
    public async Task TheMqttTestClient_SubscribesPublishesAndShowsMessagesLive()
    {
        var page = await OpenAsync("#/mqtt");
        await page.Locator("#mqtt-filter").FillAsync("$aws/things/" + Thing + "/shadow/update/accepted");
        await page.Locator("#mqtt-filter").PressAsync("Enter"); // keyboard: Enter submits
        await Expect(page.Locator("#subscribe-answer")).ToContainTextAsync("Subscribed to", new() { Timeout = Bound });
        await Expect(page.Locator("#mqtt-messages .message").First).ToContainTextAsync("/shadow/update/accepted", new() { Timeout = Bound });

        // Its own policy (an application's: publish only to shadow topics) refuses other topics, as the broker answers MQTT 5.
        await page.Locator("#mqtt-topic").FillAsync("sdk/test/console");
        await page.Locator("#mqtt-payload").FillAsync("{\"hello\":\"from the test\"}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.Locator("#publish-answer")).ToContainTextAsync("refused by the broker: NotAuthorized", new() { Timeout = Bound });

        // A topic its policy allows: a named shadow's get, answered by the shadow service to the subscription.
        string shadow = "$aws/things/" + Thing + "/shadow/name/console-test/get";
        await page.Locator("#mqtt-filter").FillAsync(shadow + "/+");
        await page.Locator("#mqtt-filter").PressAsync("Enter");
        await Expect(page.Locator("#mqtt-filters")).ToContainTextAsync(shadow + "/+", new() { Timeout = Bound });
        await page.Locator("#mqtt-topic").FillAsync(shadow);
        await page.Locator("#mqtt-payload").FillAsync("{}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.Locator("#publish-answer")).ToContainTextAsync("Published to " + shadow, new() { Timeout = Bound });
        await Expect(page.Locator("#mqtt-messages .message", new() { HasText = shadow + "/rejected" }).First)
            .ToContainTextAsync("No shadow exists with name", new() { Timeout = Bound });

        await page.Locator("#mqtt-topic").FillAsync("sdk/test/+");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.Locator("#publish-answer")).ToContainTextAsync("cannot contain + or #");
        await ScreenshotAsync(page, "mqtt-test-client");
    }

    [TestMethod]
    public async Task AtPhoneWidth_TheShadowPageFitsTheScreen()
    {
        var phone = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 } });
        phone.SetDefaultTimeout(Bound);
        var page = await phone.NewPageAsync();
        await page.GotoAsync(standIn.Console.UrlWithToken);
        await page.GotoAsync(standIn.Console.Url + "#/thing/" + Thing);
        await Expect(page.Locator("#reported-values tr[data-key='temperature']")).ToBeVisibleAsync(new() { Timeout = Bound });
        int overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.IsTrue(overflow <= 0, "the page is " + overflow + " px wider than a phone screen");
        await ScreenshotAsync(page, "thing-phone");
        await phone.CloseAsync();
    }
}
