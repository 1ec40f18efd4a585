package io.apigw5xx.responder.frontdoor.aws;

import io.apigw5xx.responder.frontdoor.InvestigationNotStartedException;
import io.apigw5xx.responder.frontdoor.InvestigationStarter;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Asks the responder to investigate with an asynchronous invoke (InvocationType Event) of its alias: Lambda
 * queues the event and answers 202 at once, so the front door answers Slack well within its 3 seconds, and a
 * failed investigation is retried and kept in the responder's dead-letter queue like any alarm.
 */
public final class LambdaInvestigationStarter implements InvestigationStarter {

    private final Supplier<LambdaClient> lambda;
    private final String functionArn;

    /** {@code functionArn}: the responder's alias ARN (the SnapStart version); the only function this role may invoke. */
    public LambdaInvestigationStarter(Supplier<LambdaClient> lambda, String functionArn) {
        this.lambda = Objects.requireNonNull(lambda, "lambda");
        this.functionArn = Objects.requireNonNull(functionArn, "functionArn");
    }

    @Override
    public String start(byte[] manualRerunEvent) {
        InvokeResponse response;
        try {
            response = lambda.get().invoke(r -> r.functionName(functionArn).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromByteArray(manualRerunEvent)));
        } catch (AwsServiceException e) {
            // The error code (AccessDeniedException, TooManyRequestsException ...) is what a caller can act on.
            throw new InvestigationNotStartedException("the responder could not be invoked: "
                    + e.awsErrorDetails().errorCode(), e);
        } catch (SdkException e) {
            throw new InvestigationNotStartedException("the responder could not be reached", e);
        }
        if (response.functionError() != null) {
            throw new InvestigationNotStartedException("the responder answered with a function error", null);
        }
        String requestId = response.responseMetadata().requestId();
        return requestId == null || requestId.isBlank() || requestId.equals("UNKNOWN") ? "-" : requestId;
    }
}
