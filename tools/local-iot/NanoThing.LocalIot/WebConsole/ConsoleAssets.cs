using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace NanoThing.LocalIot.WebConsole;

/// <summary>
/// The console's browser files, embedded in this assembly (<c>WebConsole/wwwroot/</c> and the chart library from
/// <c>node_modules</c>, see the project file): <c>/</c> is index.html, <c>/assets/&lt;file&gt;</c> the rest. Nothing
/// comes from elsewhere, so the console works offline.
/// </summary>
public static class ConsoleAssets
{
    private const string Prefix = "console/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    };

    private static readonly Assembly Assembly = typeof(ConsoleAssets).Assembly;

    /// <summary>Writes the asset at <paramref name="relativePath"/> ("index.html", "app.js", "vendor/uPlot.esm.js"); 404 when there is none.</summary>
    public static async Task ServeAsync(HttpContext http, string relativePath)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + relativePath);
        if (stream is null || !ContentTypes.TryGetValue(Path.GetExtension(relativePath), out string? type))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsync("No console file " + relativePath + ".");
            return;
        }

        http.Response.ContentType = type;
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";
        await stream.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
