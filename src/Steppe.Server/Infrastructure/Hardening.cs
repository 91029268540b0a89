using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc;

namespace Steppe.Server.Infrastructure;

/// <summary>Marks an endpoint that writes: <see cref="HardeningMiddleware"/> checks its API key before the body is read.</summary>
internal sealed class ApiKeyRequiredMetadata
{
    public static readonly ApiKeyRequiredMetadata Instance = new();
}

/// <summary>
/// The checks every request passes before an endpoint sees it: the Host header against the allow-list (DNS rebinding),
/// the length of the URL and of the headers (problem details instead of Kestrel's bare 414/431), no API key in the query
/// string, and the API key of a write before its body is read. It also sets the security headers of every response.
/// </summary>
internal sealed class HardeningMiddleware(RequestDelegate next, HardeningOptions options, IConfiguration configuration, IProblemDetailsService problems)
{
    /// <summary>The longest path and query accepted, characters.</summary>
    public const int MaxUrlLength = 8 * 1024;

    /// <summary>The most bytes of request headers accepted.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>
    /// The page loads only its own script, style sheet and map data; the map's legend swatches set colours through style
    /// attributes, hence <c>style-src-attr 'unsafe-inline'</c> (no inline script, no inline style element).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] KeyNames = ["apikey", "api_key", "api-key", "key", "x-api-key", "token", "access_token"];

    public Task InvokeAsync(HttpContext context)
    {
        // At the start of the response, so that error pages written after the exception handler cleared it carry them too.
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        }, context.Response);

        var request = context.Request;
        if (options.AllowedHosts is { } allowed && !allowed.Contains(request.Host.Host.Trim('[', ']')))
        {
            return Refuse(context, 400, "host", $"this server answers only for {string.Join(", ", allowed.Order(StringComparer.Ordinal))}; set Steppe:AllowedHosts to serve another name");
        }

        if ((request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0) > MaxUrlLength)
        {
            return Refuse(context, StatusCodes.Status414UriTooLong, "url", string.Create(CultureInfo.InvariantCulture, $"the path and query may be at most {MaxUrlLength} characters"));
        }

        long headerBytes = 0;
        foreach (var (name, values) in request.Headers)
        {
            headerBytes += name.Length + values.Sum(v => v?.Length ?? 0);
        }

        if (headerBytes > MaxHeaderBytes)
        {
            return Refuse(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "headers", string.Create(CultureInfo.InvariantCulture, $"the request headers may be at most {MaxHeaderBytes} bytes, found {headerBytes}"));
        }

        if (request.Query.Keys.FirstOrDefault(k => KeyNames.Contains(k, StringComparer.OrdinalIgnoreCase)) is { } keyField)
        {
            return Refuse(context, 400, keyField, $"an API key never goes in the URL (URLs are logged and cached): send it in the {SteppeServer.ApiKeyHeader} header, and replace a key that was sent this way");
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiKeyRequiredMetadata>() is not null && ApiKeyFilter.Check(context, configuration) is { } refusal)
        {
            return refusal.ExecuteAsync(context);
        }

        return next(context);
    }

    private Task Refuse(HttpContext context, int status, string field, string message)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = status,
                Title = "Invalid request",
                Detail = $"{field}: {message}",
            },
        }).AsTask();
    }
}

/// <summary>The Host-header allow-list: null accepts every host.</summary>
internal sealed record HardeningOptions(IReadOnlySet<string>? AllowedHosts)
{
    /// <summary>
    /// From <c>Steppe:AllowedHosts</c> (names separated by ';', '*' for any); by default, when every address the server
    /// listens on is a loopback one, only localhost, 127.0.0.1 and ::1 (a page on another site cannot reach the server
    /// through a rebound DNS name); serving on another address accepts any host unless configured.
    /// </summary>
    public static HardeningOptions From(string? configured, string? urls)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var names = configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new HardeningOptions(names.Contains("*") ? null : names.Select(n => n.Trim('[', ']')).ToHashSet(StringComparer.OrdinalIgnoreCase));
        }

        var addresses = (string.IsNullOrWhiteSpace(urls) ? "http://localhost:5000" : urls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return addresses.All(IsLoopback)
            ? new HardeningOptions(new HashSet<string>(["localhost", "127.0.0.1", "::1"], StringComparer.OrdinalIgnoreCase))
            : new HardeningOptions((IReadOnlySet<string>?)null);
    }

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
