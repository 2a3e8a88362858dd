using System.Net;
using Microsoft.AspNetCore.Http;

namespace NanoThing.LocalIot.WebConsole;

/// <summary>
/// Who may use the console: every page, asset and API needs the token. It arrives once in the address
/// (<c>/?token=…</c>), is moved into an HttpOnly, SameSite=Strict cookie and out of the address bar (303 to the same
/// address without it); later requests carry the cookie. A request without either answers 401, a wrong token 403.
/// The Host header must name the console's own address (127.0.0.1 or localhost and its port: no DNS rebinding), and a
/// state-changing request (anything but GET/HEAD) must come from the console's own page: the
/// <see cref="RequestHeader"/> header (a cross-site page cannot send it without a CORS preflight, which is never
/// granted), an Origin (when sent) equal to the console's, and no cross-site Sec-Fetch-Site.
/// </summary>
public sealed class ConsoleAccess(ConsoleToken token, int port)
{
    /// <summary>The header the console's own scripts send with every state-changing request.</summary>
    public const string RequestHeader = "X-NanoThing-Console";

    /// <summary>The cookie's name: per port, as cookies are shared by every port of a host.</summary>
    public string CookieName { get; } = "nanothing-console-" + port;

    /// <summary>Answers and returns false when <paramref name="http"/> may not go on; true when it may.</summary>
    public async Task<bool> AdmitAsync(HttpContext http)
    {
        var request = http.Request;
        string host = request.Host.Host;
        if ((host != "127.0.0.1" && host != "localhost") || request.Host.Port != port)
        {
            await RefuseAsync(http, StatusCodes.Status403Forbidden, "This console answers only at http://127.0.0.1:" + port + "/ (the Host header named " + request.Host + ").");
            return false;
        }

        if (request.Query.TryGetValue("token", out var presented))
        {
            if (!token.Matches(presented.ToString()))
            {
                await RefuseAsync(http, StatusCodes.Status403Forbidden, "The token in this address is not the console's. Open the address `nanothing local start` printed (console: http://127.0.0.1:" + port + "/?token=…).");
                return false;
            }

            http.Response.Cookies.Append(CookieName, token.Value, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                Secure = false, // plain HTTP on loopback
                IsEssential = true,
            });
            var rest = request.Query.Where(q => q.Key != "token").Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.ToString()));
            string query = string.Join("&", rest);
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = request.PathBase + request.Path + (query.Length > 0 ? "?" + query : "");
            http.Response.Headers.CacheControl = "no-store";
            return false;
        }

        if (!request.Cookies.TryGetValue(CookieName, out string? cookie))
        {
            await RefuseAsync(http, StatusCodes.Status401Unauthorized, "The console needs its token: open the address `nanothing local start` or `nanothing demo` printed (console: http://127.0.0.1:" + port + "/?token=…). The token is in .nanothing/local/" + ConsoleToken.FileName + ".");
            return false;
        }

        if (!token.Matches(cookie))
        {
            await RefuseAsync(http, StatusCodes.Status403Forbidden, "The console's cookie is not its token (the token file was replaced?). Open the address `nanothing local start` printed again.");
            return false;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && CrossSiteReason(request) is { } reason)
        {
            await RefuseAsync(http, StatusCodes.Status403Forbidden, "Refused a state-changing request that did not come from the console's own page: " + reason + ".");
            return false;
        }

        return true;
    }

    private string? CrossSiteReason(HttpRequest request)
    {
        if (request.Headers[RequestHeader].ToString() != "1")
        {
            return "the " + RequestHeader + " header is missing";
        }

        string origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && origin != "http://127.0.0.1:" + port && origin != "http://localhost:" + port)
        {
            return "its Origin is " + origin;
        }

        string site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length > 0 && site != "same-origin" ? "Sec-Fetch-Site is " + site : null;
    }

    private static Task RefuseAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.CacheControl = "no-store";
        bool wantsJson = http.Request.Path.StartsWithSegments("/api");
        if (wantsJson)
        {
            return http.Response.WriteAsJsonAsync(new ConsoleError(status, message));
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync("<!doctype html><meta charset=utf-8><title>NanoThing console: " + status + "</title>"
            + "<body style=\"font-family:system-ui;max-width:40rem;margin:3rem auto;padding:0 1rem\"><h1>" + status + (status == 401 ? " Sign-in needed" : " Forbidden")
            + "</h1><p>" + WebUtility.HtmlEncode(message) + "</p></body>");
    }
}

/// <summary>An error answer of the console's API: the HTTP status and a sentence saying what to do.</summary>
public sealed record ConsoleError(int Status, string Message);
