package org.skyhold.providers.rfc2136;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import org.xbill.DNS.Rcode;

/**
 * A DNS server's refusal or silence as a classified {@link ProviderException}, in words that name the server, the
 * key and the answer code: a refused TSIG key (NOTAUTH, BADSIG, BADKEY, BADTIME) is {@code AUTH}; a request the
 * server will not act on (REFUSED, NOTZONE, NOTIMP) is {@code BAD_CONFIG}; SERVFAIL, other codes and no answer
 * are {@code OTHER}, which the engine retries with backoff. Never quotes the secret.
 */
final class Rfc2136Errors {
    private Rfc2136Errors() {
    }

    /**
     * @param rcode    the answer's code
     * @param tsigError the TSIG error the answer carried ({@link Rcode#NOERROR} when none)
     * @param what     what was asked, completing "when ...": "updating a1.agents.example.com in zone example.com"
     */
    static ProviderException of(Rfc2136Settings s, int rcode, int tsigError, String what) {
        String server = "the DNS server " + s.serverLabel();
        String key = "TSIG key " + s.keyLabel();
        if (tsigError != Rcode.NOERROR) {
            return new ProviderException(ProviderErrorClass.AUTH, "authentication failed: " + server + " refused "
                    + key + " (" + Rcode.TSIGstring(tsigError) + ": " + tsigHint(tsigError) + ") when " + what);
        }
        String code = Rcode.string(rcode);
        return switch (rcode) {
            case Rcode.NOTAUTH -> new ProviderException(ProviderErrorClass.AUTH, "authentication failed: " + server
                    + " did not accept " + key + " (NOTAUTH) when " + what + "; the key is not trusted for the zone,"
                    + " or the server is not the zone's primary");
            case Rcode.REFUSED -> new ProviderException(ProviderErrorClass.BAD_CONFIG, server + " refused " + what
                    + " (REFUSED): it does not serve that zone, or its update-policy or allow-transfer does not grant "
                    + key + " this");
            case Rcode.NOTZONE -> new ProviderException(ProviderErrorClass.BAD_CONFIG, server + " answered NOTZONE"
                    + " when " + what + ": the name is not inside the zone; set the zone to the one holding the "
                    + "base domain, or leave it empty to find it by SOA");
            case Rcode.NOTIMP -> new ProviderException(ProviderErrorClass.BAD_CONFIG, server + " does not accept "
                    + "dynamic updates (NOTIMP) when " + what);
            case Rcode.SERVFAIL -> new ProviderException(ProviderErrorClass.OTHER, server + " failed (SERVFAIL) when "
                    + what + "; the zone may not be loaded there");
            default -> new ProviderException(ProviderErrorClass.OTHER, server + " answered " + code + " when " + what);
        };
    }

    /** No answer: a timeout, a refused connection or another I/O failure; always {@code OTHER}. */
    static ProviderException io(Rfc2136Settings s, IOException e, String what) {
        String server = "the DNS server " + s.serverLabel();
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String message;
        if (e instanceof SocketTimeoutException || detail.toLowerCase(Locale.ROOT).contains("timed out")) {
            message = "no answer from " + server + " over " + (s.tcp() ? "TCP" : "UDP") + " when " + what
                    + " (timed out)";
        } else if (e instanceof ConnectException) {
            message = "could not connect to " + server + " when " + what + " (" + detail + ")";
        } else {
            message = "could not reach " + server + " when " + what + " (" + detail + ")";
        }
        return new ProviderException(ProviderErrorClass.OTHER, message, null, e);
    }

    private static String tsigHint(int tsigError) {
        return switch (tsigError) {
            case Rcode.BADSIG -> "the secret or algorithm does not match the server's key";
            case Rcode.BADKEY -> "the server has no key of that name and algorithm";
            case Rcode.BADTIME -> "this machine's clock and the server's differ by more than the allowed fudge";
            default -> "the server did not accept the signature";
        };
    }
}
