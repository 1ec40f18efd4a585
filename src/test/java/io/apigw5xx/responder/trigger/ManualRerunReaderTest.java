package io.apigw5xx.responder.trigger;

import static io.apigw5xx.responder.trigger.TriggerEvents.investigated;
import static io.apigw5xx.responder.trigger.TriggerEvents.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualRerunReaderTest {

    private static final Instant AT = Instant.parse("2026-03-14T09:42:17.481Z");
    private final TriggerParser parser = new TriggerParser("eu-west-1");

    @Test
    void parse_sampleWithAt_investigatesTheWindowAroundAt() {
        Incident incident = investigated(parser.parse(TriggerEvents.text("manual-rerun.json")));

        assertThat(incident.source()).isEqualTo(TriggerSource.MANUAL);
        assertThat(incident.api()).isEqualTo(ApiRef.restByName("orders-api"));
        assertThat(incident.stage()).isEqualTo("prod");
        assertThat(incident.region()).isEqualTo("us-east-1");
        assertThat(incident.account()).isNull();
        assertThat(incident.alarm()).isNull();
        assertThat(incident.at()).isEqualTo(AT);
        assertThat(incident.window()).isEqualTo(TimeWindow.around(AT));
    }

    @Test
    void parse_fromTo_readsExactlyThatWindowWithAtItsEnd() {
        Incident incident = investigated(parser.parse("""
                {"apiName": "orders-api", "stage": "prod", "from": "2026-03-14T09:00:00Z", "to": "2026-03-14T10:00:00+0000"}"""));

        assertThat(incident.window()).isEqualTo(new TimeWindow(
                Instant.parse("2026-03-14T09:00:00Z"), Instant.parse("2026-03-14T10:00:00Z")));
        assertThat(incident.at()).isEqualTo(Instant.parse("2026-03-14T10:00:00Z"));
    }

    @Test
    void parse_noRegion_usesTheDefaultRegion() {
        Incident incident = investigated(parser.parse("{\"apiName\": \"orders-api\", \"stage\": \"prod\", \"at\": \"2026-03-14T09:42:17Z\"}"));

        assertThat(incident.region()).isEqualTo("eu-west-1");
    }

    @Test
    void parse_noRegionAndNoDefault_refused() {
        TriggerParser noDefault = new TriggerParser(null);

        assertThat(refusal(noDefault.parse("{\"apiName\": \"orders-api\", \"stage\": \"prod\", \"at\": \"2026-03-14T09:42:17Z\"}")))
                .contains("no default region");
    }

    @Test
    void parse_apiIdAlone_isAnHttpApi() {
        Incident incident = investigated(parser.parse("{\"apiId\": \"x7k2m9p4q1\", \"stage\": \"$default\", \"at\": \"2026-03-14T09:42:17Z\"}"));

        assertThat(incident.api()).isEqualTo(ApiRef.http("x7k2m9p4q1"));
    }

    @Test
    void parse_apiIdWithApiTypeRest_isARestApiById() {
        Incident incident = investigated(parser.parse(
                "{\"apiId\": \"a1b2c3d4e5\", \"apiType\": \"REST\", \"stage\": \"prod\", \"at\": \"2026-03-14T09:42:17Z\"}"));

        assertThat(incident.api()).isEqualTo(ApiRef.restById("a1b2c3d4e5"));
    }

    @Test
    void parse_httpApiTypeWithOnlyAName_refused() {
        assertThat(refusal(parser.parse("{\"apiName\": \"orders-api\", \"apiType\": \"HTTP\", \"stage\": \"prod\", \"at\": \"2026-03-14T09:42:17Z\"}")))
                .contains("an HTTP API needs apiId");
    }

    @Test
    void parse_unknownApiType_refused() {
        assertThat(refusal(parser.parse("{\"apiName\": \"orders-api\", \"apiType\": \"WEBSOCKET\", \"stage\": \"prod\", \"at\": \"2026-03-14T09:42:17Z\"}")))
                .contains("apiType 'WEBSOCKET' is not REST or HTTP");
    }

    @Test
    void parse_missingStage_refused() {
        assertThat(refusal(parser.parse("{\"apiName\": \"orders-api\", \"at\": \"2026-03-14T09:42:17Z\"}")))
                .isEqualTo("manual re-run event: stage is missing");
    }

    @Test
    void parse_missingApi_refused() {
        assertThat(refusal(parser.parse("{\"stage\": \"prod\", \"at\": \"2026-03-14T09:42:17Z\"}")))
                .contains("manual re-run event: needs apiName");
    }

    @Test
    void parse_noTime_refused() {
        assertThat(refusal(parser.parse("{\"apiName\": \"orders-api\", \"stage\": \"prod\"}")))
                .contains("needs 'at' or both 'from' and 'to'");
    }

    @Test
    void parse_fromWithoutTo_refused() {
        assertThat(refusal(parser.parse("{\"apiName\": \"orders-api\", \"stage\": \"prod\", \"from\": \"2026-03-14T09:00:00Z\"}")))
                .contains("'from' without 'to'");
    }

    @Test
    void parse_fromNotBeforeTo_refused() {
        assertThat(refusal(parser.parse("""
                {"apiName": "orders-api", "stage": "prod", "from": "2026-03-14T10:00:00Z", "to": "2026-03-14T10:00:00Z"}""")))
                .contains("'from' 2026-03-14T10:00:00Z is not before 'to' 2026-03-14T10:00:00Z");
    }

    @Test
    void parse_windowLongerThanADay_refused() {
        assertThat(refusal(parser.parse("""
                {"apiName": "orders-api", "stage": "prod", "from": "2026-03-01T00:00:00Z", "to": "2026-03-14T10:00:00Z"}""")))
                .contains("longer than 24 hours");
    }

    @Test
    void parse_atWithoutOffset_refused() {
        assertThat(refusal(parser.parse("{\"apiName\": \"orders-api\", \"stage\": \"prod\", \"at\": \"2026-03-14 09:42\"}")))
                .contains("at '2026-03-14 09:42' is not a timestamp");
    }

    @Test
    void parse_stageWithSpaces_refused() {
        assertThat(refusal(parser.parse("{\"apiName\": \"orders-api\", \"stage\": \"prod; rm -rf\", \"at\": \"2026-03-14T09:42:17Z\"}")))
                .contains("is not a stage name");
    }

    @Test
    void parse_apiTypeLowerCase_accepted() {
        Incident incident = investigated(parser.parse(
                "{\"apiId\": \"x7k2m9p4q1\", \"apiType\": \"http\", \"stage\": \"prod\", \"at\": \"2026-03-14T09:42:17Z\"}"));

        assertThat(incident.api().type()).isEqualTo(ApiType.HTTP);
    }

    @Test
    void parse_investigationId_keptInCanonicalLowerCase() {
        Incident incident = investigated(parser.parse("""
                {"apiName":"orders-api","stage":"prod","at":"2026-03-14T09:42:17Z",
                 "investigationId":" 3F2B8C1E-7D4A-4E5F-9A10-2B3C4D5E6F70 "}"""));

        assertThat(incident.investigationId()).isEqualTo("3f2b8c1e-7d4a-4e5f-9a10-2b3c4d5e6f70");
    }

    @Test
    void parse_noInvestigationId_noneOnTheIncident() {
        Incident incident = investigated(parser.parse(TriggerEvents.text("manual-rerun.json")));

        assertThat(incident.investigationId()).isNull();
    }

    @Test
    void parse_malformedInvestigationId_refusedWithOneLine() {
        // It becomes part of a ledger key: a key separator or a shortened id must not get through.
        for (String bad : new String[] {"3f2b8c1e-7d4a-4e5f-9a10", "3f2b8c1e7d4a4e5f9a102b3c4d5e6f70",
                "3f2b8c1e-7d4a-4e5f-9a10-2b3c4d5e6f7g", "investigation#x\\nALARM#2026", ""}) {
            String reason = refusal(parser.parse("{\"apiName\":\"orders-api\",\"stage\":\"prod\",\"at\":\"2026-03-14T09:42:17Z\","
                    + "\"investigationId\":\"" + bad + "\"}"));
            assertThat(reason).as(bad).contains("investigationId").contains("is not a UUID").doesNotContain("\n");
        }
        assertThat(refusal(parser.parse("{\"apiName\":\"orders-api\",\"stage\":\"prod\",\"at\":\"2026-03-14T09:42:17Z\","
                + "\"investigationId\":42}"))).contains("investigationId").contains("expected a string");
    }
}
