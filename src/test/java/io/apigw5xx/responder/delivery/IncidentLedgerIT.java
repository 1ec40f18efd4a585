package io.apigw5xx.responder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.incident.Incident;
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
}
