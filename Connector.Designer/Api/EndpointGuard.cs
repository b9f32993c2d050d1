using Connector.Core.Contexts;
using Connector.Core.Querying;
using Microsoft.AspNetCore.Http;

namespace Connector.Designer.Api;

/// <summary>Runs an API handler and turns what goes wrong into an answer: 400 with the reason for a bad request (413 for a body over the limit), 500 with a short message otherwise (never a stack trace).</summary>
internal static class EndpointGuard
{
    public static RequestDelegate Handle(Func<HttpContext, Task> handler) => async context =>
    {
        try
        {
            await handler(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The page went away.
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // A body over the endpoint's limit (413) or cut short.
            await JsonReply.ErrorAsync(context, ex.StatusCode, "the request was refused: " + ex.Message).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DesignerRequestException or InvalidPropertyException or InvalidQueryFilterException or UnknownOperationException or ArgumentException)
        {
            if (!context.Response.HasStarted)
            {
                await JsonReply.ErrorAsync(context, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            await JsonReply.ErrorAsync(context, StatusCodes.Status500InternalServerError, "the designer failed: " + ex.GetType().Name + ": " + ex.Message).ConfigureAwait(false);
        }
    };
}
