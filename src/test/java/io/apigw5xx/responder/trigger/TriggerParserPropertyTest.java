package io.apigw5xx.responder.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.AlarmState;
import io.apigw5xx.responder.incident.ApiType;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.incident.TimeWindow;
import io.apigw5xx.responder.incident.TriggerSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * However an event is damaged, the parser answers: no exception escapes, and every answer is either an
 * investigation of a complete incident or a one-line reason. 12,000 events per run, mutated from every sample in
 * events/ (API-wide, per-method, metric-math, anomaly, composite and SQS shapes included); the counts are checked
 * after the container so the run proves it really fed them, and that every sample shape still parses when the
 * mutation spares what matters.
 */
class TriggerParserPropertyTest {

    private static final int MUTATED = 8_000;
    private static final int RANDOM_JSON = 3_000;
    private static final int RANDOM_BYTES = 1_000;
    private static final EventMutator MUTATOR = EventMutator.fromSampleEvents();
    /** Events fed per generator, and outcomes of the mutated ones: checked once all properties ran. */
    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    private final TriggerParser parser = new TriggerParser("us-east-1", compositeChildren());

    @Property(tries = MUTATED, shrinking = ShrinkingMode.OFF)
    void parse_mutatedSampleEvent_answersWithoutThrowing(@ForAll("mutatedEvents") EventMutator.Mutant event) {
        TriggerOutcome outcome = answer(event.bytes());
        count("fed");
        count("mutated");
        count("mutated:" + outcome.getClass().getSimpleName());
        count("seed:" + event.seed() + ":" + outcome.getClass().getSimpleName());
    }

    @Property(tries = RANDOM_JSON, shrinking = ShrinkingMode.OFF)
    void parse_randomJson_answersWithoutThrowing(@ForAll("randomJson") byte[] event) {
        answer(event);
        count("fed");
        count("randomJson");
    }

    @Property(tries = RANDOM_BYTES, shrinking = ShrinkingMode.OFF)
    void parse_randomBytes_answersWithoutThrowing(@ForAll("randomBytes") byte[] event) {
        answer(event);
        count("fed");
        count("randomBytes");
    }

    @AfterContainer
    static void everyGeneratedEventWasFed() {
        assertThat(count("mutated", 0)).isEqualTo(MUTATED);
        assertThat(count("randomJson", 0)).isEqualTo(RANDOM_JSON);
        assertThat(count("randomBytes", 0)).isEqualTo(RANDOM_BYTES);
        assertThat(count("fed", 0)).isGreaterThanOrEqualTo(10_000);
        // The mutations must not be so destructive that nothing survives, nor so mild that nothing is refused.
        assertThat(count("mutated:Investigate", 0)).isGreaterThan(MUTATED / 20);
        assertThat(count("mutated:Refused", 0)).isGreaterThan(MUTATED / 5);
        assertThat(count("mutated:Resolved", 0)).isPositive();
        for (String seed : TriggerEvents.FILES) {
            String parsed = seed.endsWith("-ok.json") ? "Resolved" : "Investigate";
            assertThat(count("seed:" + seed + ":" + parsed, 0)).as("mutants of %s still %s", seed, parsed).isPositive();
        }
        System.out.println("trigger parser properties: " + new java.util.TreeMap<>(COUNTS));
    }

    @Provide
    Arbitrary<EventMutator.Mutant> mutatedEvents() {
        return Arbitraries.randomValue(MUTATOR::mutant);
    }

    /** DescribeAlarms as the composite sample's child would answer it. */
    private static AlarmDirectory compositeChildren() {
        AlarmShapesTest.FakeDirectory directory = new AlarmShapesTest.FakeDirectory();
        directory.add(AlarmShapesTest.metricAlarm("orders-api-prod-5xx", "5XXError", Map.of("ApiName", "orders-api", "Stage", "prod")));
        return directory;
    }

    @Provide
    Arbitrary<byte[]> randomJson() {
        return Arbitraries.randomValue(MUTATOR::randomJson);
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.randomValue(MUTATOR::randomBytes);
    }

    /** Parses both ways (bytes and, when it decodes, text) and checks the outcome's contract. */
    private TriggerOutcome answer(byte[] event) {
        TriggerOutcome outcome = parser.parse(event);
        checkContract(outcome);
        QueuedTriggers each = parser.parseEach(event);
        assertThat(each.items()).isNotEmpty();
        each.items().forEach(item -> checkContract(item.outcome()));
        if (!each.queued()) {
            assertThat(each.items()).singleElement().extracting(QueuedTriggers.Item::outcome).isEqualTo(outcome);
        }
        checkContract(parser.parse(new String(event, java.nio.charset.StandardCharsets.UTF_8)));
        return outcome;
    }

    private static void checkContract(TriggerOutcome outcome) {
        assertThat(outcome).isNotNull();
        switch (outcome) {
            case TriggerOutcome.Investigate investigate -> checkIncident(investigate.incident(), AlarmState.ALARM);
            case TriggerOutcome.Resolved resolved -> {
                assertThat(resolved.incident().source()).isNotEqualTo(TriggerSource.MANUAL);
                checkIncident(resolved.incident(), AlarmState.OK);
            }
            case TriggerOutcome.Ignored ignored -> checkReason(ignored.reason());
            case TriggerOutcome.Refused refused -> checkReason(refused.reason());
        }
    }

    private static void checkIncident(Incident incident, AlarmState expectedState) {
        assertThat(incident.region()).matches("[a-z]{2,4}(-[a-z]+)+-\\d{1,2}");
        assertThat(incident.stage()).isNotBlank();
        assertThat(incident.api().label()).isNotBlank();
        if (incident.api().type() == ApiType.HTTP) {
            assertThat(incident.api().id()).isNotBlank();
        }
        if (incident.account() != null) {
            assertThat(incident.account()).matches("\\d{12}");
        }
        TimeWindow window = incident.window();
        assertThat(incident.at()).isBetween(window.from(), window.to());
        if (incident.source() == TriggerSource.MANUAL) {
            assertThat(incident.alarm()).isNull();
            return;
        }
        Alarm alarm = incident.alarm();
        assertThat(alarm).isNotNull();
        assertThat(alarm.name()).isNotBlank();
        assertThat(alarm.arn()).startsWith("arn:aws").contains(":cloudwatch:" + incident.region().substring(0, 2));
        assertThat(alarm.state()).isEqualTo(expectedState);
        assertThat(alarm.namespace()).isEqualTo("AWS/ApiGateway");
        assertThat(alarm.stateChangeTime()).isEqualTo(incident.at());
        assertThat(window).isEqualTo(TimeWindow.around(incident.at()));
    }

    private static void checkReason(String reason) {
        assertThat(reason).isNotBlank().doesNotStartWith("internal error");
        assertThat(reason.chars().noneMatch(Character::isISOControl)).as("one line: %s", reason).isTrue();
        assertThat(reason.length()).isLessThanOrEqualTo(TriggerParser.MAX_REASON_CHARS + 1);
    }

    private static void count(String key) {
        COUNTS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    private static int count(String key, int absent) {
        AtomicInteger value = COUNTS.get(key);
        return value == null ? absent : value.get();
    }
}
