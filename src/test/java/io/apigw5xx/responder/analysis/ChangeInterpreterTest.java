package io.apigw5xx.responder.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.evidence.ChangeEvent;
import io.apigw5xx.responder.evidence.ChangeResource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeInterpreterTest {

    private final ChangeInterpreter interpreter = new ChangeInterpreter(JsonMappers.create());
    private static final Instant T = Instant.parse("2026-03-14T09:38:29Z");

    @Test
    void interpret_updateAlias_readsFunctionAliasVersionAndSessionName() {
        String record = "{\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::123456789012:assumed-role/ci-deploy-role/gha-deploy-8812\"},"
                + "\"requestParameters\":{\"functionName\":\"arn:aws:lambda:us-east-1:123456789012:function:orders-handler\",\"name\":\"live\",\"functionVersion\":\"42\"},"
                + "\"eventID\":\"ev-1\"}";
        TypedChange c = interpreter.interpret(new ChangeEvent("ev-1", "UpdateAlias20150331", "lambda.amazonaws.com", T, "gha-deploy-8812", List.of(), record));

        assertThat(c.kind()).isEqualTo(ChangeKind.LAMBDA_ALIAS);
        assertThat(c.eventName()).isEqualTo("UpdateAlias");
        assertThat(c.functionName()).isEqualTo("orders-handler");
        assertThat(c.qualifier()).isEqualTo("live");
        assertThat(c.version()).isEqualTo("42");
        assertThat(c.actor()).isEqualTo("gha-deploy-8812");
        assertThat(c.describe()).isEqualTo("UpdateAlias orders-handler:live → version 42");
    }

    @Test
    void interpret_updateIntegrationPatch_foundWhereverItIsNested() {
        String record = "{\"requestParameters\":{\"restApiId\":\"a1b2c3d4e5\",\"resourceId\":\"k7x2pq\",\"httpMethod\":\"POST\","
                + "\"updateIntegrationInput\":{\"patchOperations\":[{\"op\":\"replace\",\"path\":\"/timeoutInMillis\",\"value\":\"3000\"}]}}}";
        TypedChange c = interpreter.interpret(new ChangeEvent("ev-2", "UpdateIntegration", "apigateway.amazonaws.com", T, "jane", List.of(), record));

        assertThat(c.kind()).isEqualTo(ChangeKind.API_INTEGRATION);
        assertThat(c.apiId()).isEqualTo("a1b2c3d4e5");
        assertThat(c.patchValue("/timeoutInMillis")).isEqualTo("3000");
    }

    @Test
    void interpret_unreadableRecord_fallsBackToTheSummary() {
        TypedChange c = interpreter.interpret(new ChangeEvent("ev-3", "UpdateFunctionCode20150331v2", "lambda.amazonaws.com", T, "bob",
                List.of(new ChangeResource("AWS::Lambda::Function", "orders-handler")), "{not json"));

        assertThat(c.kind()).isEqualTo(ChangeKind.LAMBDA_CODE);
        assertThat(c.functionName()).isEqualTo("orders-handler");
        assertThat(c.actor()).isEqualTo("bob");
        assertThat(c.failed()).isFalse();
    }
}
