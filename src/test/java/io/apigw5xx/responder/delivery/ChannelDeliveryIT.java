package io.apigw5xx.responder.delivery;

import io.apigw5xx.responder.analysis.Cause;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.delivery.DeliveryOutcome.Status;
import io.apigw5xx.responder.delivery.SlackStandIn.Reply;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.report.FindingsJson;
import io.apigw5xx.responder.report.SampleFindings;
import io.apigw5xx.responder.testing.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;

/** ChannelDelivery against DynamoDB Local (ledger), moto (SNS) and a local Slack stand-in. */
@ExtendWith(MotoServer.Extension.class)
class ChannelDeliveryIT {

    private static AmazonDynamoDBLocal dynamo;
    private static DynamoDbClient ddb;
    private static SnsClient sns;
    private static MotoServer moto;

    private final ObjectMapper json = JsonMappers.create();
    private final ByteArrayOutputStream emf = new ByteArrayOutputStream();
    private SlackStandIn slackServer;
    private String table;
    private String topicArn;
    private IncidentLedger ledger;

    @BeforeAll
    static void startEmulators(MotoServer server) {
        moto = server;
        dynamo = DynamoDBEmbedded.create(true); // telemetry off: it writes dynamodb-local-metadata.json into the working directory
        ddb = dynamo.dynamoDbClient();
        sns = SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stopEmulators() {
        moto.reset(); // the moto server is shared by the JVM's test classes: leave it as we found it
        sns.close();
        dynamo.shutdown();
    }

    @BeforeEach
    void setUp() throws Exception {
        slackServer = new SlackStandIn();
        table = "ledger-" + UUID.randomUUID();
        LedgerTable.create(ddb, table);
        topicArn = sns.createTopic(r -> r.name("findings-" + UUID.randomUUID())).topicArn();
        ledger = new IncidentLedger(ddb, table, new FindingsJson(json), Clock.systemUTC(), Duration.ofDays(30));
    }

    @AfterEach
    void tearDown() {
        slackServer.close();
    }

    private ChannelDelivery delivery(IncidentLedger l, URI slackUrl, SnsPublisher publisher) {
        return delivery(l, slackUrl, publisher, Duration.ofSeconds(10));
    }

    private ChannelDelivery delivery(IncidentLedger l, URI slackUrl, SnsPublisher publisher, Duration budget) {
        SlackWebhook slack = slackUrl == null ? null
                : new SlackWebhook(SlackWebhook.defaultHttpClient(), WebhookUrlProvider.fixed(slackUrl), Clock.systemUTC());
        EmfMetrics metrics = new EmfMetrics(new PrintStream(emf, true, StandardCharsets.UTF_8), null, Clock.systemUTC(), json);
        return new ChannelDelivery(l, slack, publisher, metrics, json, Clock.systemUTC(), budget);
    }

    private ChannelDelivery full() {
        return delivery(ledger, slackServer.url(), moto.deliveryCalls().snsPublisher(topicArn));
    }

    private static Map<String, Status> byChannel(List<DeliveryOutcome> outcomes) {
        Map<String, Status> m = new java.util.TreeMap<>();
        outcomes.forEach(o -> m.put(o.channel(), o.status()));
        return m;
    }

    @Test
    void deliverFindings_secretInACause_isStoredRedactedForLaterReports() {
        Findings plain = SampleFindings.deployRegression();
        Cause top = plain.topCause();
        Cause leaky = new Cause(top.kind(), "Backend https://backend.example/x?api_key=sk_live_51HXabcdef unavailable",
                top.confidence(), "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl failed",
                top.evidence(), top.nextCommands());
        Findings findings = new Findings(plain.incident(), plain.window(), plain.onset(), plain.severity(), plain.errorRatePercent(),
                plain.errors(), plain.requests(), plain.statusMix(), plain.pattern(), List.of(leaky), plain.checkedClean(), plain.gaps(),
                plain.notes(), plain.generatedAt(), plain.awsCalls());

        full().deliverFindings(findings);

        Findings stored = ledger.findings(SampleFindings.ALARM_ARN, SampleFindings.ALARM_AT).orElseThrow();
        assertThat(stored.topCause().title()).doesNotContain("sk_live_51HXabcdef").contains("backend.example");
        assertThat(stored.topCause().why()).doesNotContain("eyJhbGciOiJIUzI1NiJ9");
    }

    @Test
    void deliverFindings_firstThenDuplicate_postsOnceAndSecondIsDuplicate() {
        ChannelDelivery d = full();

        List<DeliveryOutcome> first = d.deliverFindings(SampleFindings.deployRegression());
        List<DeliveryOutcome> second = d.deliverFindings(SampleFindings.deployRegression());

        assertThat(byChannel(first)).containsExactlyInAnyOrderEntriesOf(Map.of("slack", Status.DELIVERED, "sns", Status.DELIVERED));
        assertThat(first).filteredOn(o -> o.channel().equals("sns")).first().extracting(DeliveryOutcome::detail).asString()
                .startsWith("MessageId ");
        assertThat(byChannel(second)).containsExactlyInAnyOrderEntriesOf(Map.of("slack", Status.DUPLICATE, "sns", Status.DUPLICATE));
        assertThat(slackServer.received()).hasSize(1);
        assertThat(ledger.findings(SampleFindings.ALARM_ARN, SampleFindings.ALARM_AT)).get()
                .extracting(f -> f.topCause().title()).isEqualTo("Lambda deploy regression");
    }

    @Test
    void deliverFindings_100ConcurrentDuplicates_exactlyOnePost() throws Exception {
        ChannelDelivery d = full();
        Findings f = SampleFindings.deployRegression();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<DeliveryOutcome>>> results = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            Callable<List<DeliveryOutcome>> task = () -> {
                go.await();
                return d.deliverFindings(f);
            };
            results.add(pool.submit(task));
        }
        go.countDown();
        List<DeliveryOutcome> all = new ArrayList<>();
        for (Future<List<DeliveryOutcome>> r : results) {
            all.addAll(r.get());
        }
        pool.shutdown();

        assertThat(slackServer.received()).hasSize(1);
        assertThat(all).filteredOn(o -> o.status() == Status.DELIVERED).hasSize(2); // one Slack post, one SNS publish
        assertThat(all).filteredOn(o -> o.status() == Status.DUPLICATE).hasSize(198);
    }

    @Test
    void deliverFindings_slackDown_snsStillPublishedAndFailureCounted() {
        slackServer.always(Reply.of(500, "rollup_error"));
        ChannelDelivery d = delivery(ledger, slackServer.url(), moto.deliveryCalls().snsPublisher(topicArn), Duration.ofSeconds(2));

        List<DeliveryOutcome> out = d.deliverFindings(SampleFindings.deployRegression());

        assertThat(byChannel(out)).containsEntry("sns", Status.DELIVERED).containsEntry("slack", Status.FAILED);
        assertThat(emf.toString(StandardCharsets.UTF_8)).contains("\"Channel\":\"slack\"").contains("\"Outcome\":\"FAILED\"")
                .contains("\"Outcome\":\"DELIVERED\"");
    }

    @Test
    void deliverFindings_retryAfterLongerThanTheBudget_waitsWhenTheInvocationHasTimeLeft() {
        // Many APIs failing at once means many posts to one channel: Slack rate-limits. The invocation's own
        // remaining time, not the short default budget, bounds the wait.
        slackServer.then(new Reply(429, "rate_limited", java.util.Map.of("Retry-After", "2")), Reply.ok());
        ChannelDelivery d = delivery(null, slackServer.url(), moto.deliveryCalls().snsPublisher(topicArn), Duration.ofSeconds(1));
        Findings findings = SampleFindings.deployRegression();

        Admission admission = d.admit(findings.incident(), java.time.Instant.now().plusSeconds(8));
        List<DeliveryOutcome> out = d.deliverFindings(findings, admission);

        assertThat(byChannel(out)).containsEntry("slack", Status.DELIVERED).containsEntry("sns", Status.DELIVERED);
        assertThat(slackServer.received()).hasSize(2);
    }

    @Test
    void deliverFindings_retryAfterLongerThanTheBudget_givesUpWithoutAnInvocationDeadline() {
        // Budget and Retry-After far apart: on a loaded machine the SNS call alone can take a second of the budget.
        slackServer.then(new Reply(429, "rate_limited", java.util.Map.of("Retry-After", "20")), Reply.ok());
        ChannelDelivery d = delivery(null, slackServer.url(), moto.deliveryCalls().snsPublisher(topicArn), Duration.ofSeconds(4));

        List<DeliveryOutcome> out = d.deliverFindings(SampleFindings.deployRegression());

        assertThat(byChannel(out)).containsEntry("slack", Status.FAILED).containsEntry("sns", Status.DELIVERED);
        assertThat(slackServer.received()).hasSize(1);
    }

    @Test
    void deliverFindings_snsDown_slackStillPosted() {
        // A topic that does not exist: moto answers NotFound, as SNS would for a deleted topic.
        SnsPublisher missing = moto.deliveryCalls().snsPublisher("arn:aws:sns:us-east-1:123456789012:no-such-topic");
        ChannelDelivery d = delivery(ledger, slackServer.url(), missing);

        List<DeliveryOutcome> out = d.deliverFindings(SampleFindings.deployRegression());

        assertThat(byChannel(out)).containsEntry("sns", Status.FAILED).containsEntry("slack", Status.DELIVERED);
        assertThat(out).filteredOn(o -> o.channel().equals("sns")).first().extracting(DeliveryOutcome::detail).asString()
                .contains("NotFound");
        assertThat(slackServer.received()).hasSize(1);
    }

    @Test
    void deliverFindings_bothChannelsFail_claimReleasedSoRetryCanPost() {
        slackServer.then(Reply.of(400, "invalid_blocks"));
        SnsPublisher missing = moto.deliveryCalls().snsPublisher("arn:aws:sns:us-east-1:123456789012:no-such-topic");
        delivery(ledger, slackServer.url(), missing).deliverFindings(SampleFindings.deployRegression());

        List<DeliveryOutcome> retry = full().deliverFindings(SampleFindings.deployRegression());

        assertThat(byChannel(retry)).containsEntry("slack", Status.DELIVERED).containsEntry("sns", Status.DELIVERED);
    }

    @Test
    void deliverFindings_channelsNotConfigured_skipped() {
        List<DeliveryOutcome> out = delivery(null, null, null).deliverFindings(SampleFindings.deployRegression());

        assertThat(byChannel(out)).containsExactlyInAnyOrderEntriesOf(Map.of("slack", Status.SKIPPED, "sns", Status.SKIPPED));
    }

    @Test
    void deliverFindings_ledgerUnreachable_stillDeliversAndReportsLedgerFailure() {
        IncidentLedger broken = new IncidentLedger(ddb, "no-such-table", new FindingsJson(json), Clock.systemUTC(), Duration.ofDays(1));

        List<DeliveryOutcome> out = delivery(broken, slackServer.url(), moto.deliveryCalls().snsPublisher(topicArn))
                .deliverFindings(SampleFindings.deployRegression());

        assertThat(byChannel(out)).containsEntry("slack", Status.DELIVERED).containsEntry("sns", Status.DELIVERED)
                .containsEntry("ledger", Status.FAILED);
    }

    @Test
    void deliverFindings_thirdIncidentOnApi_reportSaysSoWithLastCause() {
        ChannelDelivery d = full();
        d.deliverFindings(SampleFindings.deployRegression(SampleFindings.incident("orders-api", AlarmState.ALARM,
                SampleFindings.ALARM_AT.minus(Duration.ofDays(3)))));
        d.deliverFindings(SampleFindings.deployRegression(SampleFindings.incident("orders-api", AlarmState.ALARM,
                SampleFindings.ALARM_AT.minus(Duration.ofDays(1)))));
        d.deliverFindings(SampleFindings.deployRegression(SampleFindings.incident("orders-api", AlarmState.ALARM,
                SampleFindings.ALARM_AT.minus(Duration.ofDays(9))))); // outside the 7-day window

        d.deliverFindings(SampleFindings.deployRegression());

        assertThat(slackServer.received()).hasSize(4);
        assertThat(slackServer.received().get(3))
                .contains("3rd incident on this API stage in 7 days; last cause: Lambda deploy regression (HIGH) on 2026-11-22 09:41 UTC");
    }

    @Test
    void deliverResolved_afterInvestigation_refersToOriginalAndIsDeduplicated() {
        ChannelDelivery d = full();
        d.deliverFindings(SampleFindings.deployRegression());
        Incident ok = SampleFindings.incident("orders-api", AlarmState.OK, SampleFindings.ALARM_AT.plus(Duration.ofMinutes(21)));

        List<DeliveryOutcome> first = d.deliverResolved(ok);
        List<DeliveryOutcome> again = d.deliverResolved(ok);

        assertThat(byChannel(first)).containsEntry("slack", Status.DELIVERED).containsEntry("sns", Status.DELIVERED);
        assertThat(byChannel(again)).containsEntry("slack", Status.DUPLICATE);
        assertThat(slackServer.received()).hasSize(2);
        assertThat(slackServer.received().get(1)).contains("RESOLVED")
                .contains("Original investigation: 2026-11-23 09:41 UTC (21m earlier), CRITICAL, 5xx rate 18.2%")
                .contains("top cause: Lambda deploy regression (HIGH)");
    }

    @Test
    void deliverFindings_manualRun_notDeduplicated() {
        Incident manual = new Incident(io.apigw5xx.responder.incident.TriggerSource.MANUAL, null, "us-east-1",
                io.apigw5xx.responder.incident.ApiRef.restByName("orders-api"), "prod", null, SampleFindings.ALARM_AT,
                io.apigw5xx.responder.incident.TimeWindow.around(SampleFindings.ALARM_AT));
        ChannelDelivery d = full();

        d.deliverFindings(SampleFindings.deployRegression(manual));
        d.deliverFindings(SampleFindings.deployRegression(manual));

        assertThat(slackServer.received()).hasSize(2);
    }

    @Test
    void deliverFindings_rerunWithInvestigationId_recordedDoneAndARetryOfItPostsNothing() {
        Incident rerun = new Incident(io.apigw5xx.responder.incident.TriggerSource.MANUAL, null, "us-east-1",
                io.apigw5xx.responder.incident.ApiRef.restByName("orders-api"), "prod", null, SampleFindings.ALARM_AT,
                io.apigw5xx.responder.incident.TimeWindow.around(SampleFindings.ALARM_AT), null, null, "iam:alice",
                "3f2b8c1e-7d4a-4e5f-9a10-2b3c4d5e6f70");
        ChannelDelivery d = full();

        List<DeliveryOutcome> first = d.deliverFindings(SampleFindings.deployRegression(rerun));
        List<DeliveryOutcome> retry = d.deliverFindings(SampleFindings.deployRegression(rerun));

        assertThat(byChannel(first)).containsEntry("slack", Status.DELIVERED).doesNotContainKey("ledger");
        assertThat(byChannel(retry)).containsEntry("slack", Status.DUPLICATE).containsEntry("sns", Status.DUPLICATE);
        assertThat(retry).allSatisfy(o -> assertThat(o.detail()).contains("re-run 3f2b8c1e-7d4a-4e5f-9a10-2b3c4d5e6f70"));
        assertThat(slackServer.received()).hasSize(1);
        Map<String, AttributeValue> item = ddb.getItem(r -> r.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("investigation#3f2b8c1e-7d4a-4e5f-9a10-2b3c4d5e6f70"),
                "sk", AttributeValue.fromS("RUN#2026-11-23T09:41:00.000Z")))).item();
        assertThat(item.get("status").s()).isEqualTo("DONE");
        assertThat(item.get("outcomes").s()).contains("slack=DELIVERED");
    }

    @Test
    void deliverFindings_webhookRerunAskedFromAThread_isStandaloneAndNamesTheThreadAndTheRequester() {
        Incident rerun = new Incident(io.apigw5xx.responder.incident.TriggerSource.MANUAL, null, "us-east-1",
                io.apigw5xx.responder.incident.ApiRef.restByName("orders-api"), "prod", null, SampleFindings.ALARM_AT,
                io.apigw5xx.responder.incident.TimeWindow.around(SampleFindings.ALARM_AT), null,
                new io.apigw5xx.responder.incident.SlackThread("C0123ABC", "1710409337.000200"), "slack:U0123 <!channel>", null);

        List<DeliveryOutcome> out = full().deliverFindings(SampleFindings.deployRegression(rerun));

        assertThat(byChannel(out)).containsEntry("slack", Status.DELIVERED).doesNotContainKey("recheck");
        assertThat(slackServer.received()).singleElement().satisfies(body -> assertThat(body)
                .contains("Re-run requested by slack:U0123 &lt;!channel&gt; from the report in channel C0123ABC, message 1710409337.000200")
                .doesNotContain("thread_ts").doesNotContain("rerun_investigation"));
    }
}
