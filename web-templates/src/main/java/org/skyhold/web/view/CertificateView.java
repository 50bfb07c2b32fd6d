package org.skyhold.web.view;

import java.util.List;

/**
 * What the zone page shows of its NGINX certificate: subject, DNS names, expiry, and a warning when it does not
 * fit the zone (null when it does).
 */
public record CertificateView(String subject, List<String> subjectAltNames, String notAfter, String warning) {
    public CertificateView {
        subjectAltNames = List.copyOf(subjectAltNames);
    }
}
