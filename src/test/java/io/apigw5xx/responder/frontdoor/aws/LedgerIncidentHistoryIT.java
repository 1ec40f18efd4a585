package io.apigw5xx.responder.frontdoor.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.delivery.IncidentLedger;
import io.apigw5xx.responder.delivery.LedgerTable;
import io.apigw5xx.responder.frontdoor.BadRequestException;
import io.apigw5xx.responder.frontdoor.IncidentIds;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.ApiRef;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import io.apigw5xx.responder.report.FindingsJson;
import io.apigw5xx.responder.report.SampleFindings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The front door's read side of the ledger, against items the responder's own IncidentLedger wrote (DynamoDB Local). */
class LedgerIncidentHistoryIT {

    private static final String TABLE = "incidents";
    private static final Instant T0 = Instant.parse("2026-03-14T09:42:17.481Z");
    private static AmazonDynamoDBLocal dynamo;
    private static DynamoDbClient ddb;
    private static LedgerIncidentHistory history;

    @BeforeAll
    static void seed() {
        dynamo = DynamoDBEmbedded.create(true); // telemetry off: it writes dynamodb-local-metadata.json into the working directory
        ddb = dynamo.dynamoDbClient();
        LedgerTable.create(ddb, TABLE);
        // orders-api/prod three times by name (REST alarms), once resolved to its id; a decoy on another stage and API.
        record(SampleFindings.incident("orders-api", alarm("orders"), AlarmState.ALARM, T0).withApi(ApiRef.restByName("orders-api")));
        record(SampleFindings.incident("orders-api", alarm("orders"), AlarmState.ALARM, T0.plusSeconds(3600)).withApi(ApiRef.restByName("orders-api")));
        record(SampleFindings.incident("orders-api", alarm("orders"), AlarmState.ALARM, T0.plusSeconds(7200)).withApi(ApiRef.restByName("orders-api")));
        record(SampleFindings.incident("orders-api", alarm("orders-id"), AlarmState.ALARM, T0.plusSeconds(60)));
        record(withStage(SampleFindings.incident("orders-api", alarm("orders-beta"), AlarmState.ALARM, T0).withApi(ApiRef.restByName("orders-api")), "beta"));
        record(SampleFindings.incident("payments-api", alarm("payments"), AlarmState.ALARM, T0).withApi(ApiRef.restByName("payments-api")));
        history = new LedgerIncidentHistory(() -> ddb, TABLE, "us-east-1", JsonMappers.create());
    }

    @AfterAll
    static void stop() {
        dynamo.shutdown();
    }

    private static String alarm(String name) {
        return "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name + "-5xx";
    }

    private static Incident withStage(Incident i, String stage) {
        return new Incident(i.source(), i.account(), i.region(), i.api(), stage, i.alarm(), i.at(), i.window());
    }

    private static void record(Incident incident) {
        IncidentLedger ledger = new IncidentLedger(ddb, TABLE, new FindingsJson(JsonMappers.create()),
                Clock.fixed(incident.at().plusSeconds(20), ZoneOffset.UTC), Duration.ofDays(30));
        ledger.claim(incident, incident.at().plusSeconds(80));
        ledger.complete(incident, SampleFindings.deployRegression(incident), "SNS=DELIVERED");
    }

    @Test
    void recent_byName_findsThatStageOnlyNewestFirstAndKeyedByNameOrId() {
        List<ObjectNode> items = history.recent("orders-api", "prod", 10);

        assertThat(items).extracting(i -> i.path("stateChangeTime").asText()).containsExactly(
                "2026-03-14T11:42:17.481Z", "2026-03-14T10:42:17.481Z", "2026-03-14T09:42:17.481Z");
        assertThat(items).allSatisfy(i -> {
            assertThat(i.path("apiStage").asText()).isEqualTo("orders-api/prod");
            assertThat(i.has("findings")).isFalse();
            assertThat(i.has("leaseUntil")).isFalse();
            assertThat(i.path("topCause").asText()).isNotBlank();
            assertThat(i.path("errorRatePercent").isNumber()).isTrue();
        });
    }

    @Test
    void recent_byId_findsWhatTheResponderKeyedById() {
        List<ObjectNode> items = history.recent("a1b2c3d4e5", "prod", 10);

        assertThat(items).singleElement().satisfies(i ->
                assertThat(i.path("alarmArn").asText()).isEqualTo(alarm("orders-id")));
    }

    @Test
    void recent_limit_keepsTheNewest() {
        assertThat(history.recent("orders-api", "prod", 2)).extracting(i -> i.path("stateChangeTime").asText())
                .containsExactly("2026-03-14T11:42:17.481Z", "2026-03-14T10:42:17.481Z");
    }

    @Test
    void byId_ofAListedItem_returnsItWithItsStoredFindings() {
        String id = history.recent("payments-api", "prod", 1).get(0).path("id").asText();

        ObjectNode item = history.byId(id).orElseThrow();

        assertThat(item.path("alarmArn").asText()).isEqualTo(alarm("payments"));
        assertThat(item.path("transition").asText()).isEqualTo("ALARM");
        assertThat(item.path("findings").path("causes").isArray()).as(item.toString()).isTrue();
        assertThat(item.path("findings").path("causes")).isNotEmpty();
    }

    @Test
    void byId_unknownOrMalformed_isEmptyOrRefused() {
        assertThat(history.byId(IncidentIds.of(alarm("nope"), "ALARM#2026-03-14T09:42:17.481Z"))).isEmpty();
        assertThatThrownBy(() -> history.byId("not*base64")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> history.byId("bm9uZXdsaW5l")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void byId_ofARerun_answersInProgressThenDoneWithFindings_andTheRerunStaysOutOfTheHistory() {
        String investigationId = "3f2b8c1e-7d4a-4e5f-9a10-2b3c4d5e6f70";
        Instant at = T0.plusSeconds(600);
        Incident rerun = new Incident(TriggerSource.MANUAL, null, "us-east-1", ApiRef.restByName("orders-api"), "prod", null,
                at, TimeWindow.around(at), null, null, "iam:arn:aws:iam::123456789012:user/alice", investigationId);
        // The id POST /investigations answered with, before the responder ran.
        String id = IncidentIds.ofInvestigation(investigationId, at);
        IncidentLedger ledger = new IncidentLedger(ddb, TABLE, new FindingsJson(JsonMappers.create()),
                Clock.fixed(at.plusSeconds(5), ZoneOffset.UTC), Duration.ofDays(30));
        assertThat(history.byId(id)).as("not started yet").isEmpty();

        assertThat(ledger.claim(rerun, at.plusSeconds(90))).isEqualTo(IncidentLedger.Claim.CLAIMED);

        ObjectNode running = history.byId(id).orElseThrow();
        assertThat(running.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(running.path("investigationId").asText()).isEqualTo(investigationId);
        assertThat(running.path("apiStage").asText()).isEqualTo("orders-api/prod");
        assertThat(running.path("at").asText()).isEqualTo("2026-03-14T09:52:17.481Z");
        assertThat(running.path("requestedBy").asText()).isEqualTo("iam:arn:aws:iam::123456789012:user/alice");
        assertThat(running.has("findings")).isFalse();
        assertThat(running.has("alarmArn")).isFalse();

        ledger.complete(rerun, SampleFindings.deployRegression(rerun), "slack=DELIVERED");

        ObjectNode done = history.byId(id).orElseThrow();
        assertThat(done.path("id").asText()).isEqualTo(id);
        assertThat(done.path("status").asText()).isEqualTo("DONE");
        assertThat(done.path("topCause").asText()).isEqualTo("Lambda deploy regression");
        assertThat(done.path("findings").path("causes")).as(done.toString()).isNotEmpty();
        assertThat(history.recent("orders-api", "prod", 10)).as("a re-run is not another incident")
                .noneMatch(i -> i.has("investigationId")).hasSize(3);
    }
}
