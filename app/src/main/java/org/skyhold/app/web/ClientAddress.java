package org.skyhold.app.web;

import io.javalin.http.Context;
import java.util.List;
import org.skyhold.app.config.Cidr;

/**
 * The address a request comes from, for the sign-in throttle and the events. The TCP peer, unless the peer is
 * one of the operator's trusted proxies ({@code SKYHOLD_TRUSTED_PROXIES}): then {@code X-Forwarded-For} is read
 * from the right, skipping trusted proxies, and the first address no trusted proxy owns is the client. A
 * header from any other peer is ignored, so nobody can pose as another address by sending one.
 */
public final class ClientAddress {
    private final List<Cidr> trusted;

    public ClientAddress(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** The client's address for this request. */
    public String of(Context ctx) {
        return resolve(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
    }

    /** The client's address given the TCP peer and the X-Forwarded-For header (null when absent). */
    public String resolve(String peer, String forwardedFor) {
        if (!isTrusted(peer) || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        return trusted.stream().anyMatch(c -> c.contains(address));
    }
}
