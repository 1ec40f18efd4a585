package io.apigw5xx.responder.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.analysis.RunbookAnalyzer;
import io.apigw5xx.responder.delivery.ChannelDelivery;
import io.apigw5xx.responder.delivery.EmfMetrics;
import io.apigw5xx.responder.delivery.IncidentLedger;
import io.apigw5xx.responder.delivery.LedgerTable;
import io.apigw5xx.responder.delivery.MetricGraph;
import io.apigw5xx.responder.delivery.MetricWidgetImageStandIn;
import io.apigw5xx.responder.delivery.RecheckScheduler;
import io.apigw5xx.responder.delivery.SlackApp;
import io.apigw5xx.responder.delivery.SlackBotToken;
import io.apigw5xx.responder.delivery.SlackStandIn;
import io.apigw5xx.responder.delivery.SlackWebApi;
import io.apigw5xx.responder.delivery.SlackWebhook;
import io.apigw5xx.responder.delivery.SnsPublisher;
import io.apigw5xx.responder.delivery.WebhookUrlProvider;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.EvidenceSource;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceBundle;
import io.apigw5xx.responder.evidence.EvidenceGatherer;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.evidence.GapReason;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.SlackThread;
import io.apigw5xx.responder.report.FindingsJson;
import io.apigw5xx.responder.testing.MotoServer;
import io.apigw5xx.responder.testing.SampleEvents;
import io.apigw5xx.responder.trigger.TriggerOutcome;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Slack app mode end to end through the Responder (parser → evidence → analysis → delivery): the first report
 * opens a thread with the graph, the CloudTrail re-check arrives through a real SQS delay (moto) and answers
 * in the thread, a duplicate re-check posts nothing, and the OK transition closes the thread. Slack is the
 * local Web API stand-in, GetMetricWidgetImage its own stand-in, the ledger DynamoDB Local, SNS/SQS moto.
 * Evidence is the demo incident, read "at alarm time" (CloudTrail not yet showing the deploy) and later.
 */
@ExtendWith(MotoServer.Extension.class)
class SlackAppThreadIT {

    private static final Instant ALARM_READ = Instant.parse("2026-03-14T09:42:55.481Z");
    private static AmazonDynamoDBLocal dynamo;
    private static DynamoDbClient ddb;
    private static SnsClient sns;
    private static SqsClient sqs;
    private static CloudWatchClient cloudWatch;
    private static MotoServer moto;
    private static MetricWidgetImageStandIn widgets;

    private final ObjectMapper json = JsonMappers.create();
    private final ByteArrayOutputStream emf = new ByteArrayOutputStream();
    private final List<String> logLines = new ArrayList<>();
    private final AtomicInteger gathered = new AtomicInteger();
    private SlackStandIn slack;
    private TestClock clock;
    private IncidentLedger ledger;
    private String queueUrl;
    private String table;
    private String topicArn;
    private EvidenceBundle demo;

    /** The investigation's own time: moved by the test from alarm time to the re-check and the OK. */
    static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant start) {
            now = start;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeAll
    static void startEmulators(MotoServer server) throws Exception {
        moto = server;
        dynamo = DynamoDBEmbedded.create(true); // telemetry off: it writes dynamodb-local-metadata.json into the working directory
        ddb = dynamo.dynamoDbClient();
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        sns = SnsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds)
                .httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds)
                .httpClient(UrlConnectionHttpClient.create()).build();
        widgets = new MetricWidgetImageStandIn();
        cloudWatch = CloudWatchClient.builder().endpointOverride(widgets.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stopEmulators() {
        moto.reset();
        sns.close();
        sqs.close();
        cloudWatch.close();
        widgets.close();
        dynamo.shutdown();
    }

    @BeforeEach
    void setUp() throws Exception {
        slack = new SlackStandIn();
        clock = new TestClock(ALARM_READ);
        table = "ledger-" + UUID.randomUUID();
        LedgerTable.create(ddb, table);
        ledger = new IncidentLedger(ddb, table, new FindingsJson(json), clock, Duration.ofDays(30));
        queueUrl = sqs.createQueue(r -> r.queueName("recheck-" + UUID.randomUUID())).queueUrl();
        topicArn = sns.createTopic(r -> r.name("findings-" + UUID.randomUUID())).topicArn();
        try (InputStream in = getClass().getResourceAsStream("/demo/demo-incident.json")) {
            demo = new BundleCodec().read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo");
        }
    }

    @AfterEach
    void tearDown() {
        slack.close();
    }

    /** At alarm time CloudTrail has not delivered the last minutes' calls yet; later it has. */
    private Evidence evidence(Incident incident, Instant read) {
        gathered.incrementAndGet();
        Evidence full = demo.evidence();
        if (read.isAfter(full.collectedAt().plus(Duration.ofMinutes(10)))) {
            return full;
        }
        List<Gap> gaps = new ArrayList<>(full.gaps());
        gaps.add(new Gap(EvidenceSource.CHANGES, GapReason.INCOMPLETE, "delivery delay: CloudTrail delivers events about 5 (up to 15)"
                + " minutes late; changes made after " + read.minus(Duration.ofMinutes(5)) + " may not be listed yet"));
        return new Evidence(read, full.window(), full.metrics(),
                full.changes().stream().filter(c -> c.eventTime().isBefore(read.minus(Duration.ofMinutes(5)))).toList(),
                full.logs(), full.topology(), gaps, full.awsCalls());
    }

    private Responder responder(boolean app, Instant recheckDue) {
        EmfMetrics metrics = new EmfMetrics(new PrintStream(emf, true, StandardCharsets.UTF_8), null, clock, json);
        SlackApp slackApp = app ? new SlackApp(new SlackWebApi(SlackWebhook.defaultHttpClient(), slack.apiBase(),
                SlackBotToken.fixed(SlackStandIn.TOKEN), json, clock), "C0INCIDENTS", metrics, json) : null;
        SlackWebhook webhook = app ? null
                : new SlackWebhook(SlackWebhook.defaultHttpClient(), WebhookUrlProvider.fixed(slack.url()), clock);
        // SQS's delay runs in real time: the scheduler's clock stands 2 s before the re-check is due.
        RecheckScheduler recheck = moto.deliveryCalls().recheckScheduler(queueUrl, json, Clock.fixed(recheckDue.minusSeconds(2), ZoneOffset.UTC));
        ChannelDelivery delivery = new ChannelDelivery(ledger, webhook, slackApp, app ? new MetricGraph(cloudWatch) : null, recheck,
                moto.deliveryCalls().snsPublisher(topicArn), metrics, json, clock, Duration.ofSeconds(10));
        EvidenceGatherer gatherer = (incident, deadline) -> evidence(incident, clock.instant());
        return new Responder(new TriggerParser("us-east-1"), gatherer, new RunbookAnalyzer(), delivery, metrics, clock,
                new InvocationLog(logLines::add, clock));
    }

    private ResponderResponse respond(Responder responder, String event) {
        Instant now = clock.instant();
        return responder.respond(event.getBytes(StandardCharsets.UTF_8), now.plusSeconds(20), now.plusSeconds(40));
    }

    /** When the first report's re-check is due: onset + 15 minutes, as the analysis finds the onset. */
    private Instant recheckDue() {
        Incident incident = ((TriggerOutcome.Investigate) new TriggerParser("us-east-1").parse(SampleEvents.text("sns-alarm-rest.json"))).incident();
        Findings f = new RunbookAnalyzer().analyze(incident, evidence(incident, ALARM_READ), ALARM_READ);
        gathered.set(0);
        return f.onset().plus(ChannelDelivery.RECHECK_AFTER_ONSET);
    }

    private List<Message> receive(int waitSeconds) {
        return sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(waitSeconds).maxNumberOfMessages(10)).messages();
    }

    private String sqsEvent(Message m) {
        ObjectNode event = json.createObjectNode();
        event.putArray("Records").addObject().put("messageId", m.messageId()).put("receiptHandle", m.receiptHandle())
                .put("eventSource", "aws:sqs").put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:recheck").put("body", m.body());
        return event.toString();
    }

    private Map<String, AttributeValue> alarmItem() {
        return ddb.scan(r -> r.tableName(table)).items().stream()
                .filter(it -> it.get("sk").s().startsWith("ALARM#")).findFirst().orElseThrow();
    }

    @Test
    void alarmThenRecheckThenOk_allInOneThread() throws Exception {
        Instant due = recheckDue();
        Responder responder = responder(true, due);

        ResponderResponse first = respond(responder, SampleEvents.text("sns-alarm-rest.json"));

        assertThat(first.status()).isEqualTo("investigated");
        assertThat(first.deliveries()).extracting(d -> d.channel() + "=" + d.status())
                .contains("slack=DELIVERED", "sns=DELIVERED", "recheck=DELIVERED");
        assertThat(slack.topLevel()).singleElement().satisfies(m -> assertThat(m.text()).contains("rerun_investigation"));
        String threadTs = slack.topLevel().getFirst().ts();
        assertThat(slack.replies(threadTs)).singleElement().satisfies(m -> {
            assertThat(m.files()).hasSize(1);
            assertThat(slack.file(m.files().getFirst())).isEqualTo(widgets.png());
        });
        assertThat(widgets.widgets()).isNotEmpty();
        Map<String, AttributeValue> item = alarmItem();
        assertThat(item.get("slackChannel").s()).isEqualTo("C0INCIDENTS");
        assertThat(item.get("slackTs").s()).isEqualTo(threadTs);
        assertThat(item.get("followUp").s()).isEqualTo("SCHEDULED");

        // A retried delivery of the same alarm posts nothing and schedules no second re-check.
        assertThat(respond(responder, SampleEvents.text("sns-alarm-rest.json")).status()).isEqualTo("duplicate");
        assertThat(receive(0)).as("SQS holds the re-check back until it is due").isEmpty();
        List<Message> arrived = receive(10);
        assertThat(arrived).hasSize(1);
        assertThat(receive(3)).as("exactly one re-check per transition").isEmpty();

        clock.set(due.plusSeconds(20));
        ResponderResponse recheck = respond(responder, sqsEvent(arrived.getFirst()));

        assertThat(recheck.status()).isEqualTo("investigated");
        assertThat(gathered.get()).isEqualTo(2);
        List<SlackStandIn.Message> replies = slack.replies(threadTs);
        assertThat(replies).hasSize(2);
        String update = replies.get(1).text();
        assertThat(update).contains("Re-check at").contains("New change").contains("by gha-deploy-8812");
        assertThat(alarmItem().get("followUp").s()).isEqualTo("DONE");

        // SQS delivers at least once: the same re-check again posts nothing.
        assertThat(respond(responder, sqsEvent(arrived.getFirst())).status()).isEqualTo("duplicate");
        assertThat(gathered.get()).isEqualTo(2);

        clock.set(Instant.parse("2026-03-14T10:03:20Z"));
        ResponderResponse ok = respond(responder, SampleEvents.text("sns-ok.json"));

        assertThat(ok.status()).isEqualTo("resolved");
        assertThat(slack.topLevel()).hasSize(1);
        assertThat(slack.replies(threadTs)).hasSize(3);
        assertThat(slack.replies(threadTs).get(2).text()).contains("RESOLVED");
        System.out.println("Example thread (bot mode):");
        System.out.println("  top:   " + slack.topLevel().getFirst().body().path("text").asText());
        slack.replies(threadTs).forEach(m -> System.out.println("  reply: " + (m.files().isEmpty()
                ? m.body().path("text").asText() : "[PNG " + m.files().getFirst() + "] " + m.body().at("/files/0/title").asText())
                + (m.replyBroadcast() ? " (also sent to the channel)" : "")));
    }

    @Test
    void recheckAfterTheAlarmWentBackToOk_postsNothing() throws Exception {
        Instant due = recheckDue();
        Responder responder = responder(true, due);
        respond(responder, SampleEvents.text("sns-alarm-rest.json"));
        List<Message> arrived = receive(10);
        clock.set(Instant.parse("2026-03-14T09:50:00Z"));
        String okEarly = SampleEvents.text("sns-ok.json").replace("2026-03-14T10:03:17.502+0000", "2026-03-14T09:49:00.000+0000");
        assertThat(respond(responder, okEarly).status()).isEqualTo("resolved");
        int before = slack.messages().size();

        clock.set(due.plusSeconds(20));
        ResponderResponse recheck = respond(responder, sqsEvent(arrived.getFirst()));

        assertThat(recheck.status()).isEqualTo("settled");
        assertThat(recheck.reason()).contains("back to OK");
        assertThat(slack.messages()).hasSize(before);
        assertThat(gathered.get()).as("nothing investigated").isEqualTo(1);
    }

    @Test
    void rerunAskedFromTheThread_repliesThereAndSchedulesNoRecheck() throws Exception {
        Responder responder = responder(true, recheckDue());
        respond(responder, SampleEvents.text("sns-alarm-rest.json"));
        SlackStandIn.Message top = slack.topLevel().getFirst();
        JsonNode button = json.readTree(top.text()).at("/blocks").findValues("elements").stream()
                .flatMap(e -> java.util.stream.StreamSupport.stream(e.spliterator(), false))
                .filter(e -> "rerun_investigation".equals(e.path("action_id").asText())).findFirst().orElseThrow();
        // What the front door sends after a click: the button's value plus the thread and who clicked.
        ObjectNode rerun = (ObjectNode) json.readTree(button.get("value").asText());
        rerun.putObject("slackThread").put("channel", top.channel()).put("ts", top.ts());
        rerun.put("requestedBy", "slack:U0123ONCALL");
        receive(10); // the first report's own re-check

        ResponderResponse answer = respond(responder, rerun.toString());

        assertThat(answer.status()).isEqualTo("investigated");
        assertThat(answer.deliveries()).noneMatch(d -> d.channel().equals("recheck"));
        assertThat(slack.topLevel()).hasSize(1);
        assertThat(slack.replies(top.ts())).last().satisfies(m -> assertThat(m.text()).contains("requested by slack:U0123ONCALL"));
        assertThat(receive(3)).isEmpty();
    }

    @Test
    void botNotInChannel_snsStillDeliveredAndTheErrorCounted() throws Exception {
        slack.channel("C0INCIDENTS", false);
        Responder responder = responder(true, recheckDue());

        ResponderResponse r = respond(responder, SampleEvents.text("sns-alarm-rest.json"));

        assertThat(r.deliveries()).anySatisfy(d -> {
            assertThat(d.channel()).isEqualTo("slack");
            assertThat(d.detail()).contains("not_in_channel").contains("/invite");
        });
        assertThat(r.deliveries()).extracting(d -> d.channel() + "=" + d.status()).contains("sns=DELIVERED");
        assertThat(emf.toString(StandardCharsets.UTF_8)).contains("\"Error\":\"not_in_channel\"");
    }

    @Test
    void graphUploadFails_theReportStandsWithANote() throws Exception {
        slack.thenFor("files.getUploadURLExternal", SlackStandIn.Reply.error("file_uploads_disabled"));
        Responder responder = responder(true, recheckDue());

        ResponderResponse r = respond(responder, SampleEvents.text("sns-alarm-rest.json"));

        assertThat(r.deliveries()).anySatisfy(d -> assertThat(d.detail()).contains("Graph not attached").contains("file_uploads_disabled"));
        SlackStandIn.Message top = slack.topLevel().getFirst();
        assertThat(top.text()).contains("Graph not attached").contains("rerun_investigation");
        assertThat(slack.replies(top.ts())).isEmpty();
    }

    @Test
    void webhookMode_recheckIsAStandaloneMessageNamingTheOriginal() throws Exception {
        Instant due = recheckDue();
        Responder responder = responder(false, due);
        respond(responder, SampleEvents.text("sns-alarm-rest.json"));
        List<Message> arrived = receive(10);
        clock.set(due.plusSeconds(20));

        respond(responder, sqsEvent(arrived.getFirst()));

        assertThat(slack.received()).hasSize(2);
        assertThat(slack.received().get(0)).doesNotContain("rerun_investigation");
        assertThat(slack.received().get(1)).contains("Re-check of orders-api/prod ALARM at 2026-03-14T09:42:17.481Z");
    }
}
