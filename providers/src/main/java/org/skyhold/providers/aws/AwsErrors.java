package org.skyhold.providers.aws;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.skyhold.domain.model.ProviderErrorClass;
import org.skyhold.domain.provider.ProviderException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what EC2 and Route 53 answer into the engine's error classes. The message shown to the operator is the
 * cloud's own, prefixed with its error code, so a bad AMI or subnet reads on the zone page as AWS said it.
 */
final class AwsErrors {
    private static final Set<String> CAPACITY = Set.of("InsufficientInstanceCapacity", "InsufficientHostCapacity",
            "InsufficientCapacity");
    private static final Set<String> QUOTA = Set.of("InstanceLimitExceeded", "VcpuLimitExceeded",
            "MaxSpotInstanceCountExceeded", "VolumeLimitExceeded", "AddressLimitExceeded");
    private static final Set<String> THROTTLED = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException",
            "PriorRequestNotComplete", "ServiceUnavailable", "Unavailable");
    private static final Set<String> AUTH = Set.of("AuthFailure", "UnauthorizedOperation", "InvalidClientTokenId",
            "SignatureDoesNotMatch", "AccessDenied", "AccessDeniedException", "OptInRequired", "Blocked",
            "PendingVerification", "IncompleteSignature", "MissingAuthenticationToken");
    private static final Set<String> BAD_CONFIG = Set.of("InvalidGroup.NotFound", "InvalidKeyPair.NotFound",
            "InvalidParameterValue", "InvalidParameterCombination", "InvalidParameter", "InvalidBlockDeviceMapping",
            "InvalidInstanceType", "Unsupported", "InvalidInput", "NoSuchHostedZone", "InvalidUserID.Malformed");
    private static final String[] BAD_CONFIG_PREFIXES = {"InvalidAMIID.", "InvalidSubnetID.", "InvalidGroupId.",
            "InvalidSecurityGroupID.", "InvalidKeyPair.", "InvalidIamInstanceProfile", "InvalidVpcID."};

    private AwsErrors() {
    }

    /** The error class of an error code (and HTTP status, for answers without a known code). */
    static ProviderErrorClass classify(String code, int status) {
        if (code != null) {
            if (CAPACITY.contains(code)) {
                return ProviderErrorClass.CAPACITY;
            }
            if (QUOTA.contains(code)) {
                return ProviderErrorClass.QUOTA;
            }
            if (THROTTLED.contains(code)) {
                return ProviderErrorClass.THROTTLED;
            }
            if (AUTH.contains(code)) {
                return ProviderErrorClass.AUTH;
            }
            if (BAD_CONFIG.contains(code)) {
                return ProviderErrorClass.BAD_CONFIG;
            }
            for (String prefix : BAD_CONFIG_PREFIXES) {
                if (code.startsWith(prefix)) {
                    return ProviderErrorClass.BAD_CONFIG;
                }
            }
        }
        if (status == 503 || status == 429) {
            return ProviderErrorClass.THROTTLED;
        }
        if (status == 401 || status == 403) {
            return ProviderErrorClass.AUTH;
        }
        return ProviderErrorClass.OTHER;
    }

    /** The engine's exception for a failed SDK call; {@code service} names the API for unreachable endpoints. */
    static ProviderException of(SdkException e, String service) {
        if (e instanceof AwsServiceException s) {
            String code = code(s);
            int status = s.statusCode();
            String message = s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null
                    ? s.awsErrorDetails().errorMessage() : "HTTP " + status;
            ProviderErrorClass c = classify(code, status);
            return new ProviderException(c, service + " " + (code == null ? "error" : code) + ": " + message,
                    c == ProviderErrorClass.THROTTLED ? retryAfter(s).orElse(null) : null, e, status, code);
        }
        if (e instanceof SdkClientException && e.getCause() instanceof java.io.IOException io) {
            return new ProviderException(ProviderErrorClass.OTHER, "could not reach " + service + ": "
                    + (io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage()), null, e);
        }
        return new ProviderException(ProviderErrorClass.OTHER, service + " call failed: " + e.getMessage(), null, e);
    }

    /** The error code AWS answered, or null when the answer had none (a bare 503, say). */
    static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static Optional<Duration> retryAfter(AwsServiceException e) {
        if (e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) {
            return Optional.empty();
        }
        return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").flatMap(v -> {
            try {
                long seconds = Long.parseLong(v.trim());
                return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException notSeconds) {
                return Optional.empty(); // an HTTP date: rare from AWS, and the default wait is short anyway
            }
        });
    }
}
