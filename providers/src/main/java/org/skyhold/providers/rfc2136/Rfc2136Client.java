package org.skyhold.providers.rfc2136;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

/**
 * Sends TSIG-signed messages to one DNS server and classifies what comes back (see {@link Rfc2136Errors}). Each
 * call builds its own resolver, so nothing is shared between threads and the server's host name is looked up at
 * call time, never when the provider is built. Blocking, within {@code timeout} per message (a zone transfer
 * within six times that).
 */
final class Rfc2136Client {
    /** A zone transfer is a stream of messages and its timeout covers all of them: this many messages' worth. */
    private static final int TRANSFER_MESSAGES = 6;

    private final Rfc2136Settings settings;
    private final Duration timeout;

    Rfc2136Client(Rfc2136Settings settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
    }

    Rfc2136Settings settings() {
        return settings;
    }

    /**
     * Sends the message signed with the key; returns the answer when its code is one of {@code accepted}.
     *
     * @param what completes "when ..." in an error message
     * @throws ProviderException classified, for any other code, a refused key, an unsigned answer or no answer
     */
    Message send(Message query, String what, int... accepted) {
        SimpleResolver resolver = new SimpleResolver(address(what));
        resolver.setTCP(settings.tcp());
        resolver.setTSIGKey(settings.tsig());
        resolver.setTimeout(timeout);
        Message answer;
        try {
            answer = resolver.send(query);
        } catch (IOException e) {
            throw Rfc2136Errors.io(settings, e, what);
        }
        int rcode = answer.getRcode();
        TSIGRecord tsig = answer.getTSIG();
        int tsigError = tsig == null ? Rcode.NOERROR : tsig.getError();
        for (int ok : accepted) {
            if (rcode == ok && tsigError == Rcode.NOERROR) {
                if (!answer.isVerified()) {
                    // a server that knows the key signs its answer; an unsigned one may not come from it
                    throw new ProviderException(ProviderErrorClass.AUTH, "authentication failed: the answer of the "
                            + "DNS server " + settings.serverLabel() + " was not signed with TSIG key "
                            + settings.keyLabel() + " when " + what);
                }
                return answer;
            }
        }
        throw Rfc2136Errors.of(settings, rcode, tsigError, what);
    }

    /**
     * The zone's records by a TSIG-signed zone transfer (AXFR), always over TCP.
     *
     * @throws ProviderException classified, e.g. {@code BAD_CONFIG} when the server does not allow the transfer
     */
    List<Record> transfer(Name zone) {
        String what = "transferring zone " + zone.toString(true) + " (AXFR)";
        ZoneTransferIn xfr = ZoneTransferIn.newAXFR(zone, address(what), settings.tsig());
        xfr.setTimeout(timeout.multipliedBy(TRANSFER_MESSAGES));
        try {
            xfr.run();
            return xfr.getAXFR();
        } catch (IOException e) {
            throw Rfc2136Errors.io(settings, e, what);
        } catch (ZoneTransferException e) {
            throw transferFailure(e, what);
        }
    }

    /** dnsjava names the server's answer code (or the TSIG failure) only in the exception's message. */
    private ProviderException transferFailure(ZoneTransferException e, String what) {
        String m = String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT);
        for (String code : List.of("BADSIG", "BADKEY", "BADTIME")) {
            if (m.contains(code)) {
                return Rfc2136Errors.of(settings, Rcode.NOTAUTH, Rcode.value(code), what);
            }
        }
        for (String code : List.of("NOTAUTH", "REFUSED", "NOTZONE", "NOTIMP", "SERVFAIL")) {
            if (m.contains(code)) {
                return Rfc2136Errors.of(settings, Rcode.value(code), Rcode.NOERROR, what);
            }
        }
        if (m.contains("TSIG")) {
            return new ProviderException(ProviderErrorClass.AUTH, "authentication failed: the zone transfer from the "
                    + "DNS server " + settings.serverLabel() + " did not verify with TSIG key " + settings.keyLabel()
                    + " (" + e.getMessage() + ")", null, e);
        }
        return new ProviderException(ProviderErrorClass.OTHER, "the DNS server " + settings.serverLabel()
                + " failed when " + what + " (" + e.getMessage() + ")", null, e);
    }

    private InetSocketAddress address(String what) {
        InetSocketAddress a = new InetSocketAddress(settings.server(), settings.port());
        if (a.isUnresolved()) {
            throw new ProviderException(ProviderErrorClass.OTHER, "could not resolve the DNS server's host name "
                    + settings.server() + " when " + what);
        }
        return a;
    }
}
