package io.apigw5xx.responder.evidence.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaUrisTest {

    private static final String PREFIX = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/";

    @Test
    void parse_restUriWithAlias_returnsFunctionAndQualifier() {
        LambdaUris.Target t = LambdaUris.parse(PREFIX + "arn:aws:lambda:us-east-1:123456789012:function:orders-handler:live/invocations", Map.of());
        assertThat(t).isEqualTo(new LambdaUris.Target("orders-handler", "live", null));
    }

    @Test
    void parse_httpApiFunctionArn_returnsFunctionWithoutQualifier() {
        assertThat(LambdaUris.parse("arn:aws:lambda:eu-west-1:123456789012:function:quotes", Map.of()))
                .isEqualTo(new LambdaUris.Target("quotes", null, null));
    }

    @Test
    void parse_stageVariableDefined_substitutesIt() {
        LambdaUris.Target t = LambdaUris.parse(PREFIX + "arn:aws:lambda:us-east-1:1:function:${stageVariables.fn}:${stageVariables.alias}/invocations",
                Map.of("fn", "payments", "alias", "7"));
        assertThat(t).isEqualTo(new LambdaUris.Target("payments", "7", null));
    }

    @Test
    void parse_stageVariableMissing_namesTheVariable() {
        LambdaUris.Target t = LambdaUris.parse(PREFIX + "arn:aws:lambda:us-east-1:1:function:${stageVariables.fn}/invocations", Map.of());
        assertThat(t.unresolvedVariable()).isEqualTo("fn");
    }

    @Test
    void parse_httpBackend_returnsNull() {
        assertThat(LambdaUris.parse("https://backend.example.com/orders", Map.of())).isNull();
    }
}
