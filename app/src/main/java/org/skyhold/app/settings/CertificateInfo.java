package org.skyhold.app.settings;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the zone page shows of its NGINX certificate, and a warning when it does not fit the zone. */
public record CertificateInfo(String subject, List<String> subjectAltNames, Instant notAfter, String warning) {

    /** @return null when there is no certificate */
    public static CertificateInfo of(String pem, String baseDomain, Instant now) {
        if (pem == null) {
            return null;
        }
        X509Certificate leaf = Pems.certificates(pem).get(0);
        List<String> sans = new ArrayList<>();
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        sans.add(san.get(1).toString().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a certificate whose SAN extension does not parse covers no names
        }
        Instant notAfter = leaf.getNotAfter().toInstant();
        String warning = null;
        if (notAfter.isBefore(now)) {
            warning = "The certificate expired on " + notAfter + ".";
        } else if (baseDomain != null && !sans.contains("*." + baseDomain)) {
            warning = "The certificate does not cover *." + baseDomain + ", so agents' names will not match it.";
        }
        return new CertificateInfo(leaf.getSubjectX500Principal().getName(), List.copyOf(sans), notAfter, warning);
    }
}
