package io.apigw5xx.responder.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlackSignatureVerifierTest {

    /** Slack's worked example (docs "Verifying requests from Slack"; java-slack-sdk SlackSignatureTest). */
    static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String SLACK_TIMESTAMP = "1531420618";
    static final String SLACK_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String SLACK_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackSignatureVerifier verifierAt(long epochSecond) {
        return new SlackSignatureVerifier(() -> SLACK_SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static HttpCall call(Map<String, String> headers, String body) {
        return new HttpCall("POST", "/slack/commands", Map.of(), headers, body.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    private static HttpCall slackExample() {
        return call(Map.of("X-Slack-Request-Timestamp", SLACK_TIMESTAMP, "X-Slack-Signature", SLACK_SIGNATURE), SLACK_BODY);
    }

    @Test
    void hmacHex_slackWorkedExample_matchesPublishedSignature() {
        assertThat(SLACK_BODY).hasSize(362);
        assertThat("v0=" + SlackSignatureVerifier.hmacHex(SLACK_SECRET, SLACK_TIMESTAMP, SLACK_BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SLACK_SIGNATURE);
    }

    @Test
    void verify_slackWorkedExampleAtItsTime_isAccepted() {
        assertThat(verifierAt(1531420618L + 10).verify(slackExample()).accepted()).isTrue();
    }

    @Test
    void verify_lowerCaseHeadersAsHttpApisSendThem_isAccepted() {
        HttpCall lower = call(Map.of("x-slack-request-timestamp", SLACK_TIMESTAMP, "x-slack-signature", SLACK_SIGNATURE), SLACK_BODY);
        assertThat(verifierAt(1531420618L).verify(lower).accepted()).isTrue();
    }

    @Test
    void verify_sameRequestTwice_secondIsRefusedAsReplay() {
        SlackSignatureVerifier verifier = verifierAt(1531420618L);
        assertThat(verifier.verify(slackExample()).accepted()).isTrue();

        SlackSignatureVerifier.Verdict again = verifier.verify(slackExample());

        assertThat(again.accepted()).isFalse();
        assertThat(again.refusal()).get().asString().contains("replayed");
    }

    @Test
    void verify_timestampMoreThanFiveMinutesOld_isRefused() {
        SlackSignatureVerifier.Verdict v = verifierAt(1531420618L + 301).verify(slackExample());
        assertThat(v.refusal()).get().asString().contains("more than 5 minutes");
    }

    @Test
    void verify_timestampMoreThanFiveMinutesAhead_isRefused() {
        // Slack's SDK lets future timestamps through; a request signed for later can be replayed for longer.
        assertThat(verifierAt(1531420618L - 301).verify(slackExample()).accepted()).isFalse();
    }

    @Test
    void verify_justInsideTheWindow_isAccepted() {
        assertThat(verifierAt(1531420618L + 300).verify(slackExample()).accepted()).isTrue();
        assertThat(verifierAt(1531420618L - 300).verify(slackExample()).accepted()).isTrue();
    }

    @Test
    void verify_bodyChangedByOneByte_isRefused() {
        HttpCall tampered = call(Map.of("X-Slack-Request-Timestamp", SLACK_TIMESTAMP, "X-Slack-Signature", SLACK_SIGNATURE),
                SLACK_BODY.replace("text=", "text=x"));
        assertThat(verifierAt(1531420618L).verify(tampered).refusal()).get().asString().contains("does not match");
    }

    @Test
    void verify_otherSecret_isRefused() {
        SlackSignatureVerifier other = new SlackSignatureVerifier(() -> SLACK_SECRET + "x",
                Clock.fixed(Instant.ofEpochSecond(1531420618L), ZoneOffset.UTC));
        assertThat(other.verify(slackExample()).accepted()).isFalse();
    }

    @Test
    void verify_missingHeaders_isRefusedWithoutReadingTheSecret() {
        SlackSignatureVerifier verifier = new SlackSignatureVerifier(() -> {
            throw new AssertionError("the secret must not be read for an unsigned request");
        }, Clock.systemUTC());

        assertThat(verifier.verify(call(Map.of(), SLACK_BODY)).refusal()).get().asString().contains("not signed by Slack");
        assertThat(verifier.verify(call(Map.of("X-Slack-Signature", SLACK_SIGNATURE), SLACK_BODY)).accepted()).isFalse();
    }

    @Test
    void verify_timestampNotANumberOrSignatureNotV0_isRefused() {
        SlackSignatureVerifier verifier = verifierAt(1531420618L);
        assertThat(verifier.verify(call(Map.of("X-Slack-Request-Timestamp", "yesterday", "X-Slack-Signature", SLACK_SIGNATURE),
                SLACK_BODY)).refusal()).get().asString().contains("not a number");
        assertThat(verifier.verify(call(Map.of("X-Slack-Request-Timestamp", SLACK_TIMESTAMP,
                "X-Slack-Signature", SLACK_SIGNATURE.replace("v0=", "v1=")), SLACK_BODY)).refusal()).get().asString().contains("v0");
    }

    @Test
    void verdict_neverContainsTheSecretOrTheSignature() {
        SlackSignatureVerifier.Verdict v = verifierAt(1531420618L).verify(call(
                Map.of("X-Slack-Request-Timestamp", SLACK_TIMESTAMP, "X-Slack-Signature", "v0=" + "0".repeat(64)), SLACK_BODY));
        assertThat(v.refusal()).get().asString().doesNotContain(SLACK_SECRET).doesNotContain("a2114d57");
    }
}
