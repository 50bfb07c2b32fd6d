package org.skyhold.providers.aws;

import org.skyhold.domain.kind.InvalidFieldException;
import org.skyhold.domain.kind.KindSettings;

/**
 * How an AWS client reaches its service: the static credentials, the region its calls are signed for, and the
 * endpoint override (null: the public endpoint).
 */
record AwsAccess(String accessKeyId, String secretAccessKey, String region, String endpoint) {
    /** Route 53 is global; its calls are signed for us-east-1 unless a config names another partition's region. */
    static final String ROUTE53_DEFAULT_REGION = "us-east-1";

    /**
     * The access of an EC2 provider: its region is required.
     *
     * @throws InvalidFieldException naming the field at fault
     */
    static AwsAccess ec2(KindSettings s) {
        return read(s, s.fields().requiredText(AwsFields.REGION));
    }

    /** The access of a Route 53 provider: signed for us-east-1 unless a region is stored. */
    static AwsAccess route53(KindSettings s) {
        String region = s.fields().text(AwsFields.REGION);
        return read(s, region == null ? ROUTE53_DEFAULT_REGION : region);
    }

    private static AwsAccess read(KindSettings s, String region) {
        return new AwsAccess(s.fields().requiredText(AwsFields.ACCESS_KEY_ID),
                s.requiredSecret(AwsFields.SECRET_ACCESS_KEY), region, s.endpoint());
    }

    @Override
    public String toString() {
        return "AwsAccess[" + accessKeyId + ", " + region + ", " + endpoint + "]";
    }
}
