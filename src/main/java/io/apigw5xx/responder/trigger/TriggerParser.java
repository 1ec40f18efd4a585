package io.apigw5xx.responder.trigger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.incident.TriggerSource;
import java.io.IOException;

/**
 * Turns any incoming event into exactly one {@link TriggerOutcome}, and never throws: a poison message that
 * made the handler throw would be retried by Lambda (and SNS) over and over.
 *
 * <p>The shape is recognised by its top-level fields and then checked field by field, because anything can be
 * sent to a function: {@code Records} → SNS, {@code detail-type}/{@code detail} → EventBridge,
 * {@code alarmData} → alarm action, {@code apiName}/{@code apiId}/{@code stage} → manual re-run. Whatever does
 * not fit is {@link TriggerOutcome.Refused} with one line naming the field and what was found, quoting at most
 * a few short pieces of the input.
 */
public final class TriggerParser {

    /** SNS messages are at most 256 KiB and Lambda async payloads 1 MiB; a bigger "alarm" is not one. */
    static final int MAX_EVENT_BYTES = 1024 * 1024;
    /** Reasons are log lines; this bounds them whatever a reader put in. */
    static final int MAX_REASON_CHARS = 400;

    private static final System.Logger LOG = System.getLogger(TriggerParser.class.getName());

    private final ObjectReader json;
    private final SnsAlarmReader sns;
    private final SqsRecordReader queue;
    private final EventBridgeAlarmReader eventBridge;
    private final AlarmActionReader alarmAction;
    private final ManualRerunReader manual;
    private final String defaultRegion;

    /** @param defaultRegion region for manual events that name none (the function's AWS_REGION); may be null */
    public TriggerParser(String defaultRegion) {
        this(defaultRegion, AlarmDirectory.NONE);
    }

    /**
     * @param defaultRegion region for manual events that name none (the function's AWS_REGION); may be null
     * @param alarms        reads a composite alarm's children (DescribeAlarms); {@link AlarmDirectory#NONE} refuses them
     */
    public TriggerParser(String defaultRegion, AlarmDirectory alarms) {
        // Trailing tokens and duplicate keys mean a truncated, concatenated or forged event: refuse, don't guess.
        this.json = JsonMappers.create().reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        CompositeAlarmReader composites = new CompositeAlarmReader(json, alarms);
        AlarmStateChangeReader stateChanges = new AlarmStateChangeReader(json, composites);
        this.eventBridge = new EventBridgeAlarmReader(stateChanges);
        this.sns = new SnsAlarmReader(json, eventBridge, composites);
        this.alarmAction = new AlarmActionReader(stateChanges);
        this.queue = new SqsRecordReader(json, sns, this::route);
        this.manual = new ManualRerunReader(defaultRegion);
        this.defaultRegion = defaultRegion;
    }

    /** The function's own region (null when unknown). */
    public String defaultRegion() {
        return defaultRegion;
    }

    public TriggerOutcome parse(byte[] rawEvent) {
        if (rawEvent == null || rawEvent.length == 0) {
            return refused("event is empty");
        }
        if (rawEvent.length > MAX_EVENT_BYTES) {
            return refused("event is " + rawEvent.length + " bytes, more than the " + MAX_EVENT_BYTES + "-byte limit for a trigger");
        }
        return safely(() -> json.readTree(rawEvent));
    }

    public TriggerOutcome parse(String event) {
        if (event == null || event.isEmpty()) {
            return refused("event is empty");
        }
        if (event.length() > MAX_EVENT_BYTES) {
            return refused("event is " + event.length() + " characters, more than the " + MAX_EVENT_BYTES + " limit for a trigger");
        }
        return safely(() -> json.readTree(event));
    }

    /**
     * Every trigger in the event: one per record of an SQS batch (each parsed on its own, so one bad record
     * refuses only itself), else the event's one outcome. Never throws.
     */
    public QueuedTriggers parseEach(byte[] rawEvent) {
        if (rawEvent != null && rawEvent.length > 0 && rawEvent.length <= MAX_EVENT_BYTES) {
            try {
                JsonNode root = json.readTree(rawEvent);
                if (SqsRecordReader.isQueueBatch(root)) {
                    return queue.readBatch(root, this::guarded);
                }
                return QueuedTriggers.single(safely(() -> root));
            } catch (IOException | RuntimeException | StackOverflowError unreadable) {
                // fall through: parse() gives the one-line reason
            }
        }
        return QueuedTriggers.single(parse(rawEvent));
    }

    interface TreeSource {
        JsonNode read() throws IOException;
    }

    TriggerOutcome safely(TreeSource source) {
        return guarded(() -> route(source.read()));
    }

    interface Reading {
        TriggerOutcome read() throws IOException;
    }

    /** Runs one reading and turns every way it can fail into a one-line refusal. */
    TriggerOutcome guarded(Reading reading) {
        try {
            return bounded(reading.read());
        } catch (TriggerRefusedException refused) {
            return refused(refused.getMessage());
        } catch (JsonProcessingException malformed) {
            return refused("event is not valid JSON: " + describe(malformed));
        } catch (IOException | RuntimeException | StackOverflowError unexpected) {
            // Not an expected refusal: a gap in the readers. Keep the stack for whoever fixes it, answer anyway.
            LOG.log(System.Logger.Level.WARNING, "trigger parser failed unexpectedly", unexpected);
            return refused("internal error reading the event: " + unexpected.getClass().getSimpleName());
        }
    }

    TriggerOutcome route(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw new TriggerRefusedException("event is empty (only whitespace)");
        }
        if (!root.isObject()) {
            throw new TriggerRefusedException("event is " + EventFields.kind(root) + ", expected a JSON object");
        }
        if (SqsRecordReader.isQueueBatch(root)) {
            return queue.readSingle(root);
        }
        JsonNode source = EventFields.present(root, "source");
        if (source != null && source.isTextual() && RecheckEvent.SOURCE.equals(source.textValue())) {
            return RecheckEvent.read(root, json);
        }
        if (EventFields.present(root, "Records") != null) {
            return sns.read(root);
        }
        if (EventFields.present(root, "detail-type") != null || EventFields.present(root, "detail") != null) {
            return eventBridge.read(root, TriggerSource.EVENTBRIDGE);
        }
        if (EventFields.present(root, "alarmData") != null) {
            return alarmAction.read(root);
        }
        for (String field : new String[] {"apiName", "apiId", "apiType", "stage"}) {
            if (EventFields.present(root, field) != null) {
                return manual.read(root);
            }
        }
        throw new TriggerRefusedException("unrecognised event (fields: " + EventFields.fieldNames(root)
                + "): not an SNS or SQS record, an EventBridge alarm event, an alarm action, or a manual {apiName|apiId, stage, at|from+to}");
    }

    /** Jackson's own message, first line only and shortened: it can quote the offending token. */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String firstLine = message.lines().findFirst().orElse("").strip();
        if (firstLine.startsWith("Trailing token")) {
            firstLine = "more content after the first JSON value (concatenated events or trailing garbage)";
        }
        // Jackson names the limit's setter in backticks; the reader of a log line needs only the limit.
        firstLine = firstLine.replaceAll(", from `[^`]*`", "");
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return shorten(firstLine, 120) + where;
    }

    private static TriggerOutcome bounded(TriggerOutcome outcome) {
        if (outcome instanceof TriggerOutcome.Ignored ignored) {
            return new TriggerOutcome.Ignored(oneLine(ignored.reason()));
        }
        return outcome;
    }

    private static TriggerOutcome.Refused refused(String reason) {
        return new TriggerOutcome.Refused(oneLine(reason));
    }

    private static String oneLine(String reason) {
        String text = reason == null || reason.isBlank() ? "event refused" : reason;
        // C0 and C1 controls (U+0085 is a line break too) and the Unicode line/paragraph separators: a
        // reason is one log line whatever bytes the event carried.
        return shorten(text.replaceAll("[\\p{Cntrl}\\u0080-\\u009F\\u2028\\u2029]", " "), MAX_REASON_CHARS);
    }

    private static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        // Don't split a surrogate pair: the reason is logged and posted as UTF-8.
        int cut = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, cut) + "…";
    }
}
