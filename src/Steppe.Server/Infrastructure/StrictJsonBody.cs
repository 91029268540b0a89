using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steppe.Server.Infrastructure;

/// <summary>
/// Reads a bounded JSON request body into a record, refusing unknown members (so that a misspelt setting is a 400, not
/// silently ignored) and bodies over the limit — checked on Content-Length and again while reading a chunked body.
/// </summary>
internal static class StrictJsonBody
{
    /// <summary>The body as <typeparamref name="T"/>; <paramref name="expected"/> says what a body must hold, for the 400s.</summary>
    /// <exception cref="ApiValidationException">Too large, empty, or not such an object.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonSerializerOptions serializerOptions, long maxBytes, string expected)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            throw new ApiValidationException("body", string.Create(CultureInfo.InvariantCulture, $"at most {maxBytes} bytes, found {request.ContentLength}"));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > maxBytes)
            {
                throw new ApiValidationException("body", string.Create(CultureInfo.InvariantCulture, $"at most {maxBytes} bytes"));
            }
        }

        if (buffer.Length == 0)
        {
            throw new ApiValidationException("body", $"required: {expected}");
        }

        var options = new JsonSerializerOptions(serializerOptions) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        return JsonSerializer.Deserialize<T>(buffer.ToArray(), options) ?? throw new ApiValidationException("body", $"expected {expected}");
    }
}
