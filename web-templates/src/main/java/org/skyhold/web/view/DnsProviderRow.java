package org.skyhold.web.view;

/** One DNS provider in the list: its name, the service it is, and its API endpoint when not the public one. */
public record DnsProviderRow(long id, String name, String kind, String endpointOverride) {
}
