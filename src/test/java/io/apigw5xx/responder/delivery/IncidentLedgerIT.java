package io.apigw5xx.responder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import io.apigw5xx.responder.JsonMappers;
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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The ledger's conditional writes and queries against DynamoDB Local. */
class IncidentLedgerIT {

    private static AmazonDynamoDBLocal dynamo;
    private static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        dynamo = DynamoDBEmbedded.create(true); // telemetry off: it writes dynamodb-local-metadata.json into the working directory
        ddb = dynamo.dynamoDbClient();
    }

    @AfterAll
    static void stop() {
        dynamo.shutdown();
    }

    private IncidentLedger ledgerAt(String table, Instant now) {
        return new IncidentLedger(ddb, table, new FindingsJson(JsonMappers.create()), Clock.fixed(now, ZoneOffset.UTC),
                Duration.ofDays(30));
    }

    private static String newTable() {
        String t = "ledger-" + UUID.randomUUID();
        LedgerTable.create(ddb, t);
        return t;
    }

    @Test
    void claim_leaseExpiredWithoutCompletion_canBeTakenOver() {
        String table = newTable();
        Instant now = SampleFindings.ALARM_AT.plusSeconds(60);
        Incident i = SampleFindings.incident("orders-api", io.apigw5xx.responder.incident.AlarmState.ALARM, SampleFindings.ALARM_AT);

        assertThat(ledgerAt(table, now).claim(i, now.plusSeconds(60))).isEqualTo(IncidentLedger.Claim.CLAIMED);
        assertThat(ledgerAt(table, now.plusSeconds(30)).claim(i, now.plusSeconds(90))).isEqualTo(IncidentLedger.Claim.DUPLICATE);
        // The first invocation crashed: after its lease a retry may report.
        assertThat(ledgerAt(table, now.plusSeconds(120)).claim(i, now.plusSeconds(180))).isEqualTo(IncidentLedger.Claim.CLAIMED);
    }

    @Test
    void complete_storesSummaryFindingsAndTtl() {
        String table = newTable();
        Instant now = SampleFindings.ALARM_AT.plusSeconds(130);
        IncidentLedger ledger = ledgerAt(table, now);
        Incident i = SampleFindings.deployRegression().incident();
        ledger.claim(i, now.plusSeconds(60));

        ledger.complete(i, SampleFindings.deployRegression(), "sns=DELIVERED,slack=DELIVERED");

        Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS(SampleFindings.ALARM_ARN), "sk", AttributeValue.fromS("ALARM#2026-11-23T09:41:00.000Z")))).item();
        assertThat(item.get("status").s()).isEqualTo("DONE");
        assertThat(item.get("apiKey").s()).isEqualTo("us-east-1#REST#id:a1b2c3d4e5#prod");
        assertThat(item.get("topCause").s()).isEqualTo("Lambda deploy regression");
        assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(now.plus(Duration.ofDays(30)).getEpochSecond());
        assertThat(ledger.claim(i, now.plusSeconds(600))).isEqualTo(IncidentLedger.Claim.DUPLICATE);
        assertThat(ledger.findings(SampleFindings.ALARM_ARN, SampleFindings.ALARM_AT)).contains(
                io.apigw5xx.responder.report.Redactor.redact(SampleFindings.deployRegression()));
    }

    private static Incident rerun(Instant at, String investigationId) {
        return new Incident(TriggerSource.MANUAL, null, "us-east-1", ApiRef.restByName("orders-api").withId("a1b2c3d4e5"), "prod",
                null, at, TimeWindow.around(at), null, null, "slack:U0123", investigationId);
    }

    private static Map<String, AttributeValue> item(String table, String pk, String sk) {
        return ddb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }

    @Test
    void rerunWithInvestigationId_keptUnderItsOwnKey_inProgressThenDone_neverCountedAsAnIncident() {
        String table = newTable();
        Instant now = SampleFindings.ALARM_AT.plusSeconds(130);
        IncidentLedger ledger = ledgerAt(table, now);
        Incident alarm = SampleFindings.deployRegression().incident();
        ledger.claim(alarm, now.plusSeconds(60));
        ledger.complete(alarm, SampleFindings.deployRegression(), "slack=DELIVERED");
        String id = "3f2b8c1e-7d4a-4e5f-9a10-2b3c4d5e6f70";
        Incident rerun = rerun(SampleFindings.ALARM_AT, id);
        String pk = "investigation#" + id;
        String sk = "RUN#2026-11-23T09:41:00.000Z";

        assertThat(ledger.claim(rerun, now.plusSeconds(60))).isEqualTo(IncidentLedger.Claim.CLAIMED);
        assertThat(item(table, pk, sk)).containsEntry("status", AttributeValue.fromS("IN_PROGRESS"))
                .containsEntry("requestedBy", AttributeValue.fromS("slack:U0123")).doesNotContainKey("findings");
        // An async-invoke retry of the same re-run while it runs, or after it is done, posts nothing.
        assertThat(ledgerAt(table, now.plusSeconds(10)).claim(rerun, now.plusSeconds(70))).isEqualTo(IncidentLedger.Claim.DUPLICATE);

        ledger.complete(rerun, SampleFindings.deployRegression(rerun), "slack=DELIVERED");

        Map<String, AttributeValue> done = item(table, pk, sk);
        assertThat(done.get("status").s()).isEqualTo("DONE");
        assertThat(done.get("topCause").s()).isEqualTo("Lambda deploy regression");
        assertThat(done.get("findings").s()).contains("Lambda deploy regression");
        assertThat(done).as("outside the byApi index").doesNotContainKey("apiKey");
        assertThat(ledger.claim(rerun, now.plusSeconds(600))).isEqualTo(IncidentLedger.Claim.DUPLICATE);
        // The next alarm on the stage counts the one earlier incident, not the re-run of it.
        Incident next = SampleFindings.incident("orders-api", AlarmState.ALARM, SampleFindings.ALARM_AT.plusSeconds(3600));
        assertThat(ledger.history(next, Duration.ofDays(7)).earlier()).isEqualTo(1);
    }

    @Test
    void rerunWithoutInvestigationId_isNotRecorded() {
        String table = newTable();
        IncidentLedger ledger = ledgerAt(table, SampleFindings.ALARM_AT);

        assertThat(ledger.claim(rerun(SampleFindings.ALARM_AT, null), SampleFindings.ALARM_AT.plusSeconds(60)))
                .isEqualTo(IncidentLedger.Claim.NOT_APPLICABLE);
        assertThat(ddb.scan(r -> r.tableName(table)).count()).isZero();
    }
}
