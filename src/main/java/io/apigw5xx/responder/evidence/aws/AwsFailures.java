package io.apigw5xx.responder.evidence.aws;

import io.apigw5xx.responder.evidence.EvidenceUnavailableException;
import io.apigw5xx.responder.evidence.GapReason;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Names an AWS failure the way a report's "could not check" line needs it: a reason and the call that failed. */
final class AwsFailures {

    private AwsFailures() {}

    static EvidenceUnavailableException unavailable(String call, SdkException e) {
        return new EvidenceUnavailableException(reason(e), call + ": " + describe(e), e);
    }

    static GapReason reason(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || e instanceof AbortedException) {
            return GapReason.TIMEOUT;
        }
        if (e instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null || aws.awsErrorDetails().errorCode() == null
                    ? "" : aws.awsErrorDetails().errorCode().toLowerCase(Locale.ROOT);
            if (aws.isThrottlingException() || code.contains("throttl") || code.contains("toomanyrequests")
                    || code.contains("ratelimit")) {
                return GapReason.THROTTLED;
            }
            if (aws.statusCode() == 403 || code.contains("accessdenied") || code.contains("unauthorized")
                    || code.contains("notauthorized")) {
                return GapReason.ACCESS_DENIED;
            }
            if (code.contains("operationnotpermitted") || code.contains("unsupportedoperation")
                    || code.contains("trailnotfound")) {
                return GapReason.NOT_ENABLED;
            }
            if (aws.statusCode() == 404 || code.contains("notfound")) {
                return GapReason.NOT_FOUND;
            }
            return GapReason.ERROR;
        }
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof java.net.SocketTimeoutException || cause instanceof InterruptedException) {
                return GapReason.TIMEOUT;
            }
            cause = cause.getCause();
        }
        return GapReason.ERROR;
    }

    /** Error code and AWS's message, never the request (it can hold ids but no secrets; keep it short anyway). */
    static String describe(SdkException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String code = aws.awsErrorDetails().errorCode();
            String message = aws.awsErrorDetails().errorMessage();
            return (code == null ? "HTTP " + aws.statusCode() : code) + (message == null || message.isBlank() ? "" : " " + message);
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }

    static boolean isNotFound(SdkException e) {
        return reason(e) == GapReason.NOT_FOUND;
    }
}
