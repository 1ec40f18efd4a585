package io.apigw5xx.responder.evidence.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apigw5xx.responder.SignedAwsCall;
import io.apigw5xx.responder.testing.RecordingEndpoint;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/** The wire format of Lambda's three signed reads and their errors, against a recording endpoint. */
class LambdaReadsTest {

    private RecordingEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private LambdaReads reads(RecordingEndpoint answering) {
        endpoint = answering;
        return new LambdaReads(new SignedAwsCall(UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), "lambda",
                Region.EU_WEST_1, answering.uri(), null));
    }

    @Test
    void getFunction_isASignedGetOfTheEncodedNameWithItsQualifier() throws Exception {
        LambdaReads reads = reads(RecordingEndpoint.answering(200, "application/json", """
                {"Configuration":{"FunctionName":"orders-handler","FunctionArn":"arn:aws:lambda:eu-west-1:123456789012:function:orders-handler:42",
                 "Role":"arn:aws:iam::123456789012:role/orders","Timeout":6,"MemorySize":512,"Version":"42",
                 "LastModified":"2026-11-23T09:38:12.000+0000","CodeSha256":"abc=","LastUpdateStatus":"Successful"},
                 "Code":{"RepositoryType":"S3"},"Concurrency":{"ReservedConcurrentExecutions":5}}"""));

        LambdaReads.Function f = reads.function("arn:aws:lambda:eu-west-1:123456789012:function:orders-handler", "live");

        assertThat(f).isEqualTo(new LambdaReads.Function("arn:aws:lambda:eu-west-1:123456789012:function:orders-handler:42",
                6, 512, "arn:aws:iam::123456789012:role/orders", "42", "2026-11-23T09:38:12.000+0000", "abc=",
                "Successful", 5));
        RecordingEndpoint.Received request = endpoint.received().getFirst();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.rawPath()).isEqualTo(
                "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Aorders-handler");
        assertThat(request.rawQuery()).isEqualTo("Qualifier=live");
        assertThat(request.header("Authorization")).contains("/eu-west-1/lambda/aws4_request");
        assertThat(request.body()).isEmpty();
    }

    @Test
    void getFunction_withoutConcurrencyOrQualifier_leavesThemOut() throws Exception {
        LambdaReads reads = reads(RecordingEndpoint.answering(200, "application/json",
                "{\"Configuration\":{\"FunctionArn\":\"arn:aws:lambda:eu-west-1:1:function:f\",\"Version\":\"$LATEST\"}}"));

        LambdaReads.Function f = reads.function("f", null);

        assertThat(f.reservedConcurrency()).isNull();
        assertThat(f.timeout()).isNull();
        assertThat(f.version()).isEqualTo("$LATEST");
        assertThat(endpoint.received().getFirst().rawQuery()).isNull();
    }

    @Test
    void getAlias_readsTheWeightedRouting_andGetPolicyThePolicyText() throws Exception {
        LambdaReads reads = reads(RecordingEndpoint.answering(200, "application/json",
                "{\"Name\":\"live\",\"FunctionVersion\":\"41\",\"RoutingConfig\":{\"AdditionalVersionWeights\":{\"42\":0.1}},"
                        + "\"Policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\"}\"}"));

        assertThat(reads.alias("orders-handler", "live"))
                .isEqualTo(new LambdaReads.Alias("41", Map.of("42", 0.1)));
        assertThat(endpoint.received().getFirst().rawPath()).isEqualTo("/2015-03-31/functions/orders-handler/aliases/live");
        assertThat(reads.policy("orders-handler", null)).isEqualTo("{\"Version\":\"2012-10-17\"}");
        assertThat(endpoint.received().get(1).rawPath()).isEqualTo("/2015-03-31/functions/orders-handler/policy");
    }

    @Test
    void notFound_isTheSdksExceptionWithLambdasCode_soTheAdapterReadsItAsEvidence() throws Exception {
        LambdaReads reads = reads(RecordingEndpoint.answering(404, "application/json",
                "{\"Type\":\"User\",\"Message\":\"Function not found: arn:aws:lambda:eu-west-1:1:function:gone\"}",
                Map.of("x-amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.lambda/")));

        assertThatThrownBy(() -> reads.function("gone", null)).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(AwsFailures.isNotFound(e)).isTrue();
            assertThat(e.getMessage()).contains("Function not found");
        });
        assertThat(endpoint.received()).hasSize(1);
    }
}
