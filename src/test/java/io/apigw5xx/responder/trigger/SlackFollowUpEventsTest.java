package io.apigw5xx.responder.trigger;

import static io.apigw5xx.responder.trigger.TriggerEvents.investigated;
import static io.apigw5xx.responder.trigger.TriggerEvents.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.SlackThread;
import io.apigw5xx.responder.incident.TriggerSource;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The two follow-up shapes the parser recognises: a re-run asked from a Slack thread, and the re-check. */
class SlackFollowUpEventsTest {

    private final TriggerParser parser = new TriggerParser("us-east-1");
    private final ObjectMapper json = JsonMappers.create();

    @Test
    void parse_rerunWithSlackThread_keepsThreadAndRequester() {
        Incident incident = investigated(parser.parse("""
                {"apiName":"orders-api","stage":"prod","at":"2026-03-14T09:42:17Z",
                 "slackThread":{"channel":"C0123ABC","ts":"1710409337.000200"},"requestedBy":"slack:U0123"}"""));

        assertThat(incident.source()).isEqualTo(TriggerSource.MANUAL);
        assertThat(incident.slackThread()).isEqualTo(new SlackThread("C0123ABC", "1710409337.000200"));
        assertThat(incident.requestedBy()).isEqualTo("slack:U0123");
    }

    @Test
    void parse_rerunWithoutThread_hasNeither() {
        Incident incident = investigated(parser.parse("{\"apiName\":\"orders-api\",\"stage\":\"prod\",\"at\":\"2026-03-14T09:42:17Z\"}"));

        assertThat(incident.slackThread()).isNull();
        assertThat(incident.requestedBy()).isNull();
    }

    @Test
    void parse_badThreadReferences_areRefusedNamingTheField() {
        assertThat(refusal(parser.parse("""
                {"apiName":"orders-api","stage":"prod","at":"2026-03-14T09:42:17Z","slackThread":{"channel":"#incidents","ts":"1.2"}}""")))
                .contains("slackThread.channel").contains("'#incidents'");
        assertThat(refusal(parser.parse("""
                {"apiName":"orders-api","stage":"prod","at":"2026-03-14T09:42:17Z","slackThread":{"channel":"C01","ts":1710409337.0002}}""")))
                .contains("slackThread.ts").contains("expected a string");
        assertThat(refusal(parser.parse("""
                {"apiName":"orders-api","stage":"prod","at":"2026-03-14T09:42:17Z","slackThread":"C01/1.2"}""")))
                .contains("slackThread").contains("expected an object");
    }

    @Test
    void parse_requestedByWithControlsAndLength_isOneBoundedLine() {
        Incident incident = investigated(parser.parse("{\"apiName\":\"orders-api\",\"stage\":\"prod\",\"at\":\"2026-03-14T09:42:17Z\","
                + "\"requestedBy\":\"slack:U1\\nFAKE LOG LINE " + "x".repeat(500) + "\"}"));

        assertThat(incident.requestedBy()).doesNotContain("\n").startsWith("slack:U1 FAKE LOG LINE");
        assertThat(incident.requestedBy().length()).isLessThanOrEqualTo(ManualRerunReader.MAX_REQUESTED_BY + 1);
    }

    private Incident alarmIncident() {
        return investigated(parser.parse(TriggerEvents.text("sns-alarm-rest.json")));
    }

    @Test
    void recheckEvent_writtenThenParsed_isTheSameTransitionAsARecheck() {
        Incident first = alarmIncident();
        String event = RecheckEvent.write(json, first, first.at().plusSeconds(900));

        Incident recheck = investigated(parser.parse(event));

        assertThat(recheck.source()).isEqualTo(TriggerSource.RECHECK);
        assertThat(recheck.alarm()).isEqualTo(first.alarm());
        assertThat(recheck.api()).isEqualTo(first.api());
        assertThat(recheck.stage()).isEqualTo(first.stage());
        assertThat(recheck.window()).isEqualTo(first.window());
        assertThat(recheck.slackThread()).isNull();
    }

    @Test
    void recheckEvent_inAnSqsRecord_isReadThroughTheSameParser() throws Exception {
        Incident first = alarmIncident();
        String body = RecheckEvent.write(json, first, first.at().plusSeconds(900));
        ObjectNode sqs = json.createObjectNode();
        sqs.putArray("Records").addObject().put("messageId", "0b3c4d5e").put("eventSource", "aws:sqs")
                .put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:recheck").put("body", body);

        Incident recheck = investigated(parser.parse(sqs.toString()));

        assertThat(recheck.source()).isEqualTo(TriggerSource.RECHECK);
        assertThat(recheck.alarm().arn()).isEqualTo(first.alarm().arn());
    }

    @Test
    void recheckEvent_tamperedOrOtherSqsBody_isRefused() throws Exception {
        Incident first = alarmIncident();
        ObjectNode event = (ObjectNode) json.readTree(RecheckEvent.write(json, first, first.at()));
        event.put("stateChangeTime", Instant.parse("2020-01-01T00:00:00Z").toString());
        assertThat(refusal(parser.parse(event.toString()))).contains("does not match");

    }
}
