using System.Security.Cryptography;
using System.Text;

namespace Steppe.Server.Infrastructure;

/// <summary>
/// Lets a write through only with the configured API key in the <c>X-Api-Key</c> header: none given → 401, a wrong one
/// (or no key configured, which disables writes) → 403. Reads need no key. Checked by <see cref="HardeningMiddleware"/>
/// before the endpoint reads the body, so that an anonymous client cannot make the server read (or parse) a large body.
/// </summary>
internal static class ApiKeyFilter
{
    /// <summary>Marks an endpoint as a write that needs the API key.</summary>
    public static TBuilder RequireApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiKeyRequiredMetadata.Instance);

    /// <summary>The refusal of a request without the right key, or null to let it through.</summary>
    public static IResult? Check(HttpContext context, IConfiguration configuration)
    {
        var configured = configuration[SteppeServer.Keys.ApiKey];
        var given = context.Request.Headers[SteppeServer.ApiKeyHeader].ToString();
        if (string.IsNullOrEmpty(given))
        {
            return Problems.Unauthorized($"writes need the {SteppeServer.ApiKeyHeader} header with the server's API key");
        }

        if (string.IsNullOrEmpty(configured))
        {
            return Problems.Forbidden($"writes are disabled: the server has no API key configured (steppe serve --api-key-file FILE, or the STEPPE_API_KEY environment variable)");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(configured)))
        {
            return Problems.Forbidden($"the {SteppeServer.ApiKeyHeader} header does not hold the server's API key");
        }

        return null;
    }
}
