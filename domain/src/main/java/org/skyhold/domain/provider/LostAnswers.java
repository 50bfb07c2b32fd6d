package org.skyhold.domain.provider;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Tells a lost answer from a refusal: a call that timed out or whose connection broke after the request may have
 * gone out (a read timeout, a reset, a server that closed without answering, the guard's call timeout) may have
 * been carried out by the cloud, so its create must be asked again with the same idempotency key rather than given
 * up (and a second VM ordered). A request that never left (a refused connection, an unknown host, no route, a
 * connect timeout, a failed TLS handshake) and every answer the cloud gave are not lost. Providers need not know of
 * this: it reads the cause chain they keep on their {@link ProviderException}.
 */
public final class LostAnswers {
    private LostAnswers() {
    }

    /** Whether the call failed without an answer, after its request may have reached the cloud. */
    public static boolean isLost(ProviderException e) {
        if (e.httpStatus() != 0) {
            return false; // the cloud answered, whatever the transport said afterwards
        }
        boolean transport = false;
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (neverSent(t)) {
                return false;
            }
            transport |= t instanceof IOException || t instanceof TimeoutException;
        }
        return transport;
    }

    private static boolean neverSent(Throwable t) {
        return t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof PortUnreachableException || t instanceof UnknownHostException
                || t instanceof HttpConnectTimeoutException || t instanceof SSLHandshakeException
                // Apache HttpClient's, whichever major version a cloud SDK brings (named, not linked, here)
                || t.getClass().getSimpleName().equals("ConnectTimeoutException");
    }
}
