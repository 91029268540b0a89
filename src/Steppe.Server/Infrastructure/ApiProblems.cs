using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Steppe.Catalog;
using Steppe.Catalog.Import;
using Steppe.Formats;
using Steppe.Planning.LaunchWindows;

namespace Steppe.Server.Infrastructure;

/// <summary>A request value that is missing or wrong: answered with 400 and a problem naming the field.</summary>
/// <param name="field">The query parameter, route value or body member at fault (as the client spelled it).</param>
/// <param name="message">What was expected and what was found.</param>
public sealed class ApiValidationException(string field, string message) : Exception(message)
{
    /// <summary>The field at fault.</summary>
    public string Field { get; } = field;
}

/// <summary>A request for something that does not exist: answered with 404.</summary>
/// <param name="message">What was not found.</param>
public sealed class ApiNotFoundException(string message) : Exception(message);

/// <summary>
/// Turns every exception into a <see cref="ProblemDetails"/> response: bad input is 400 naming the field, an unknown
/// object 404, a model that cannot answer 422, a catalog that cannot be reached 503; anything else 500 without details.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = Classify(exception, httpContext.Request);
        if (status >= 500 || exception is CatalogException)
        {
            LogFailure(logger, exception, httpContext.Request.Path);
        }

        ProblemDetails problem = errors is null
            ? new ProblemDetails { Status = status, Title = title, Detail = detail }
            : new HttpValidationProblemDetails(errors) { Status = status, Title = title, Detail = detail };
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }).ConfigureAwait(false);
    }

    internal static (int Status, string Title, string? Detail, Dictionary<string, string[]>? Errors) Classify(Exception exception, HttpRequest? request = null) => exception switch
    {
        ApiValidationException v => Invalid(v.Field, v.Message),
        ApiBudgetException b => (422, "Over the server's budget", b.Message, b.Fields.ToDictionary(f => f, _ => new[] { b.Message })),
        ApiNotFoundException n => (404, "Not found", n.Message, null),
        CatalogException { Kind: CatalogErrorKind.UnknownObject } c => (404, "Not found", WithoutLocation(c.Message), null),
        CatalogException { Kind: CatalogErrorKind.BadInput or CatalogErrorKind.TooSoon } c => Invalid("body", c.Message),
        CatalogException c => (503, "Catalog unavailable", $"the catalog cannot be used now ({c.Kind}); see the server log", null),
        ImportRejectedException r => Invalid("body", [r.Message, .. r.Diagnostics.Take(50).Select(d => d.ToString())]),
        ElementSetFormatException f => Invalid("body", [.. f.Diagnostics.Take(50).Select(d => d.ToString())]),
        LaunchWindowException { Error: LaunchWindowError.UnreachableInclination or LaunchWindowError.UnreachableInsertionLatitude } l => Invalid("target", l.Message),
        LaunchWindowException l => (422, "The target cannot be planned for", l.Message, null),
        BadHttpRequestException { InnerException: JsonException j } => Json(j),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Invalid("body", "the body is larger than the server accepts") with { Status = StatusCodes.Status413PayloadTooLarge },
        BadHttpRequestException b => Invalid(ParameterOf(b.Message), "the value could not be read") with { Status = b.StatusCode },
        JsonException j => Json(j),
        ArgumentException a => Invalid(FieldOf(a.ParamName, request), WithoutParameter(FirstLine(a.Message))),
        _ => (500, "Internal error", null, null),
    };

    /// <summary>A 400 naming the field in the detail and in the errors member (the shape of ASP.NET Core's validation problems).</summary>
    private static (int Status, string Title, string? Detail, Dictionary<string, string[]>? Errors) Invalid(string field, params string[] messages) =>
        (400, "Invalid request", $"{field}: {messages[0]}", new Dictionary<string, string[]> { [field] = messages });

    /// <summary>A JSON body that does not read: the member at fault by its JSON path, without .NET type names.</summary>
    private static (int Status, string Title, string? Detail, Dictionary<string, string[]>? Errors) Json(JsonException j)
    {
        var path = j.Path;
        var field = string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
        return Invalid(field, j.LineNumber is { } line
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the body is not valid JSON, or this member has the wrong type (line {line + 1}, byte {j.BytePositionInLine + 1})")
            : "the body is not valid JSON, or this member has the wrong type");
    }

    /// <summary>
    /// The request field behind an argument error: the parameter when the request has a query value or route value of
    /// that name; otherwise "request" (a parameter of the code, such as dayNumber, means nothing to the client).
    /// </summary>
    private static string FieldOf(string? parameter, HttpRequest? request)
    {
        if (parameter is null || request is null)
        {
            return "request";
        }

        return request.Query.ContainsKey(parameter) || request.RouteValues.ContainsKey(parameter) ? parameter : "request";
    }

    /// <summary>An argument message without .NET's " (Parameter 'x')" and "Actual value was" parts.</summary>
    private static string WithoutParameter(string message)
    {
        int at = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        var text = at < 0 ? message : message[..at];
        int actual = text.IndexOf("Actual value was", StringComparison.Ordinal);
        return (actual < 0 ? text : text[..actual]).Trim();
    }

    /// <summary>A catalog message without the database's location (a file path or host is no business of a client).</summary>
    private static string WithoutLocation(string message)
    {
        int at = message.IndexOf(" in the catalog ", StringComparison.Ordinal);
        return at < 0 ? message : message[..at] + " in the catalog";
    }

    private static string FirstLine(string message)
    {
        int nl = message.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? message : message[..nl].TrimEnd('\r');
    }

    /// <summary>The parameter named in a binding failure such as 'Failed to bind parameter "Foo foo" from "x".'.</summary>
    private static string ParameterOf(string message)
    {
        int q = message.IndexOf('"', StringComparison.Ordinal);
        int e = q < 0 ? -1 : message.IndexOf('"', q + 1);
        if (q < 0 || e < 0)
        {
            return "request";
        }

        var inner = message[(q + 1)..e];
        int space = inner.LastIndexOf(' ');
        return space < 0 ? inner : inner[(space + 1)..];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Path} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string path);
}

/// <summary>Problem results for the endpoints that return them directly.</summary>
internal static class Problems
{
    /// <summary>401 or 403 for a write without the right API key.</summary>
    public static ProblemHttpResult Unauthorized(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "API key required");

    /// <summary>403: a key was given but is not the configured one, or writes are disabled.</summary>
    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
}
