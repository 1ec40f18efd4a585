package io.apigw5xx.responder.evidence.aws;

import io.apigw5xx.responder.evidence.EvidenceUnavailableException;
import io.apigw5xx.responder.evidence.GapReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * The investigation's deadline applied to each SDK call: the call (retries included) is cut off when the
 * deadline passes, so an adapter thread never outlives the investigation by more than one socket read.
 */
record CallDeadline(Instant deadline, Clock clock) {

    /** For {@code request.overrideConfiguration(...)}. */
    Consumer<AwsRequestOverrideConfiguration.Builder> override(String call) {
        Duration left = remaining();
        if (left.toMillis() < 1) {
            throw new EvidenceUnavailableException(GapReason.TIMEOUT, call + ": deadline " + deadline + " passed before the call");
        }
        return o -> o.apiCallTimeout(left);
    }

    Duration remaining() {
        return Duration.between(clock.instant(), deadline);
    }

    boolean passed() {
        return !clock.instant().isBefore(deadline);
    }
}
