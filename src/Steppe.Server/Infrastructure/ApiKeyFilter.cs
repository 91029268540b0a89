using System.Security.Cryptography;
using System.Text;

namespace Steppe.Server.Infrastructure;

/// <summary>
/// Lets a write through only with the configured API key in the <c>X-Api-Key</c> header: none given → 401, a wrong one
/// (or no key configured, which disables writes) → 403. Reads need no key.
/// </summary>
internal sealed class ApiKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var configured = configuration[SteppeServer.Keys.ApiKey];
        var given = context.HttpContext.Request.Headers[SteppeServer.ApiKeyHeader].ToString();
        if (string.IsNullOrEmpty(given))
        {
            return ValueTask.FromResult<object?>(Problems.Unauthorized($"writes need the {SteppeServer.ApiKeyHeader} header with the server's API key"));
        }

        if (string.IsNullOrEmpty(configured))
        {
            return ValueTask.FromResult<object?>(Problems.Forbidden($"writes are disabled: the server has no API key configured ({SteppeServer.Keys.ApiKey} or steppe serve --api-key)"));
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(configured)))
        {
            return ValueTask.FromResult<object?>(Problems.Forbidden($"the {SteppeServer.ApiKeyHeader} header does not hold the server's API key"));
        }

        return next(context);
    }
}
