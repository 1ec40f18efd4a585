package io.apigw5xx.responder.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.ChangeEvent;
import io.apigw5xx.responder.evidence.EvidenceBundle;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailingPathTest {

    private final ChangeInterpreter interpreter = new ChangeInterpreter(JsonMappers.create());

    private static EvidenceBundle demo() throws Exception {
        try (InputStream in = FailingPathTest.class.getResourceAsStream("/demo/demo-incident.json")) {
            return new BundleCodec().read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo");
        }
    }

    @Test
    void touches_demoChanges_keepsWhatTheAliasServesAndDropsLatestAndTheOtherRole() throws Exception {
        EvidenceBundle bundle = demo();
        FailingPath path = new FailingPath(bundle.incident(), bundle.evidence());

        List<TypedChange> changes = bundle.evidence().changes().stream().map(interpreter::interpret).toList();

        // the API calls orders-handler:live: the version it now routes to and the alias move are on the path; the
        // $LATEST code update only reaches unqualified integrations
        assertThat(changes).filteredOn(path::touches).extracting(TypedChange::eventName)
                .containsExactlyInAnyOrder("PublishVersion", "UpdateAlias");
        assertThat(changes).filteredOn(c -> !path.touches(c)).extracting(TypedChange::eventName)
                .containsExactlyInAnyOrder("UpdateFunctionCode", "PutRolePolicy");
    }

    @Test
    void touches_changeToTheHandlersOwnRoleOrAFailedCall_decidedByRoleAndOutcome() throws Exception {
        EvidenceBundle bundle = demo();
        FailingPath path = new FailingPath(bundle.incident(), bundle.evidence());
        TypedChange ownRole = interpreter.interpret(iam("orders-handler-role", ""));
        TypedChange failed = interpreter.interpret(iam("orders-handler-role", ",\"errorCode\":\"AccessDenied\""));

        assertThat(path.touches(ownRole)).isTrue();
        assertThat(path.why(ownRole)).contains("execution role of orders-handler");
        assertThat(path.touches(failed)).isFalse();
    }

    private static ChangeEvent iam(String role, String extra) {
        String record = "{\"userIdentity\":{\"arn\":\"arn:aws:sts::123456789012:assumed-role/platform-terraform/tf-apply-1\"},"
                + "\"requestParameters\":{\"roleName\":\"" + role + "\",\"policyArn\":\"arn:aws:iam::123456789012:policy/x\"}" + extra + "}";
        return new ChangeEvent("e-1", "DetachRolePolicy", "iam.amazonaws.com", java.time.Instant.parse("2026-03-14T09:39:00Z"), "tf-apply-1",
                List.of(), record);
    }
}
