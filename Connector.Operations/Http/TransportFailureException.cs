using System.Net.Http;
using System.Net.Sockets;
using Connector.Operations.Http.Errors;

namespace Connector.Operations.Http;

/// <summary>
/// One attempt got no HTTP answer. Raised by <see cref="IConnectTransport"/> and turned into a
/// <see cref="ConnectTransportException"/> by <see cref="ConnectHttpClient"/> once retrying is over.
/// </summary>
internal sealed class TransportFailureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransportFailureException(ConnectTransportFailure failure, string cause, Exception? innerException = null)
        : base(cause, innerException)
    {
        Failure = failure;
    }

    /// <summary>Why no answer arrived.</summary>
    public ConnectTransportFailure Failure { get; }

    /// <summary>Whether the request certainly never reached the server (so even a POST may be sent again).</summary>
    public bool CertainlyNotSent => Failure is ConnectTransportFailure.ConnectionRefused
        or ConnectTransportFailure.ConnectionFailed
        or ConnectTransportFailure.NameResolution
        or ConnectTransportFailure.Tls;

    /// <summary>Whether another attempt can help (a failed TLS handshake will fail again).</summary>
    public bool Transient => Failure != ConnectTransportFailure.Tls;

    /// <summary>Classifies an exception of the HTTP stack.</summary>
    public static TransportFailureException From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TransportFailureException already)
        {
            return already;
        }

        var socket = FindSocketError(exception);
        if (socket == SocketError.ConnectionRefused)
        {
            return new(ConnectTransportFailure.ConnectionRefused, "connection refused", exception);
        }

        if (exception is HttpRequestException http)
        {
            switch (http.HttpRequestError)
            {
                case HttpRequestError.NameResolutionError:
                    return new(ConnectTransportFailure.NameResolution, "the host name could not be resolved", exception);
                case HttpRequestError.SecureConnectionError:
                    return new(ConnectTransportFailure.Tls, "the TLS handshake failed", exception);
                case HttpRequestError.ConnectionError:
                    return new(ConnectTransportFailure.ConnectionFailed, "could not connect" + Describe(socket), exception);
            }
        }

        return new(ConnectTransportFailure.ConnectionLost, "the connection broke" + Describe(socket), exception);
    }

    private static string Describe(SocketError? socket) => socket switch
    {
        null => string.Empty,
        SocketError.ConnectionReset => " (connection reset by the server)",
        _ => $" ({socket})",
    };

    private static SocketError? FindSocketError(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException socketException)
            {
                return socketException.SocketErrorCode;
            }
        }

        return null;
    }
}
