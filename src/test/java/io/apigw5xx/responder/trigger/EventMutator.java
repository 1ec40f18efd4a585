package io.apigw5xx.responder.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Makes hostile variants of the sample events: fields dropped, types swapped, nulls, garbage and huge strings,
 * deep nesting, wrong dimension names, plausible-but-wrong values; inside the SNS message too (then re-embedded
 * as a string), and sometimes cut or corrupted as text afterwards. Also makes events from nothing.
 */
final class EventMutator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DEEP = "__DEEP_";
    private static final Pattern DEEP_PLACEHOLDER = Pattern.compile("\"" + DEEP + "(\\d+)__\"");

    static final String[] KEYS = {
        "Records", "Sns", "Message", "EventSource", "eventSource", "detail-type", "detail", "source", "alarmData",
        "apiName", "apiId", "apiType", "stage", "region", "at", "from", "to", "AlarmName", "AlarmArn", "alarmArn",
        "NewStateValue", "OldStateValue", "StateChangeTime", "Trigger", "Metrics", "MetricStat", "Metric",
        "Dimensions", "MetricName", "Namespace", "name", "value", "metrics", "metricStat", "metric", "dimensions",
        "namespace", "state", "timestamp", "resources", "configuration", "alarmRule", "AlarmRule", "Expression",
        "expression", "Period", "Threshold", "reasonData", "account", "AWSAccountId", "Statistic", "ExtendedStatistic",
        "ThresholdMetricId", "TriggeringChildren", "Arn", "triggeringAlarms", "arn", "body", "messageId", "awsRegion",
        "TopicArn", "EventSubscriptionArn", "Type", "Region", "Id", "ReturnData", "returnData", "id"
    };

    static final String[] STRINGS = {
        "ALARM", "OK", "INSUFFICIENT_DATA", "alarm", "5XXError", "5xx", "5XX", "4XXError", "Latency", "Count",
        "AWS/ApiGateway", "AWS/Lambda", "ApiName", "ApiId", "Stage", "apiname", "Resource", "Method", "$default",
        "prod", "orders-api", "x7k2m9p4q1", "us-east-1", "US East (N. Virginia)",
        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-api-prod-5xx", "arn:aws:cloudwatch::::alarm:",
        "arn:aws:cloudwatch:us-east-1:12345:alarm:a", "arn:aws:sns:us-east-1:123456789012:api-alarms",
        "2026-03-14T09:42:17.481+0000", "2026-03-14T09:42:17Z", "2026-03-14T09:42:17.481", "1970-01-01T00:00:00Z",
        "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00+0000", "2026-02-30T00:00:00Z",
        "2026-03-14T09:42:17.481+1800", "", " ", "aws:sns", "aws:sqs", "aws.cloudwatch",
        "CloudWatch Alarm State Change", "REST", "HTTP", "{}", "[]", "{\"AlarmName\":1}", "{\"threshold\":\"x\"}",
        "null", "\u0000", "\uD800", "\uD83D\uDCA5", "123456789012", "SUM", "p99", "Sum",
        "100*m1/m2", "m1/m2", "ANOMALY_DETECTION_BAND(m1, 2)", "ANOMALY_DETECTION_BAND(", "m1", "ad1", "GET", "/orders/{id}",
        "Notification", "EU (Ireland)", "US - N. Virginia", "ALARM(a) OR ALARM(b)", "arn:aws:sns:eu-west-1:123456789012:t"
    };

    private final List<ObjectNode> seeds;
    private final List<String> names;

    EventMutator(List<ObjectNode> seeds, List<String> names) {
        this.seeds = List.copyOf(seeds);
        this.names = List.copyOf(names);
    }

    static EventMutator fromSampleEvents() {
        return new EventMutator(Arrays.stream(TriggerEvents.FILES).map(TriggerEvents::load).toList(), List.of(TriggerEvents.FILES));
    }

    /** A mutated event and the sample file it came from. */
    record Mutant(String seed, byte[] bytes) {
        @Override
        public String toString() {
            return seed + ": " + new String(bytes, StandardCharsets.UTF_8);
        }
    }

    Mutant mutant(Random random) {
        int seed = random.nextInt(seeds.size());
        return new Mutant(names.get(seed), mutated(seeds.get(seed), random));
    }

    /** A sample event with 1-4 structural mutations and, now and then, damage to its text. */
    byte[] mutated(Random random) {
        return mutated(seeds.get(random.nextInt(seeds.size())), random);
    }

    private byte[] mutated(ObjectNode seed, Random random) {
        ObjectNode event = seed.deepCopy();
        // The alarm of an SNS record or an SQS record is a JSON string inside the event: mutate it there too.
        String embedded = event.at("/Records/0/Sns/Message").isTextual() ? "/Records/0/Sns/Message" : "/Records/0/body";
        JsonNode messageNode = event.at(embedded);
        String originalMessage = messageNode.isTextual() ? messageNode.textValue() : null;
        ObjectNode message = originalMessage == null ? null : (ObjectNode) TriggerEvents.tree(originalMessage);

        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            // Most interesting fields of an SNS event live in the embedded message.
            JsonNode target = message != null && random.nextInt(10) < 7 ? message : event;
            mutateOnce(target, random);
        }
        JsonNode nowMessage = event.at(embedded);
        if (message != null && nowMessage.isTextual() && nowMessage.textValue().equals(originalMessage)) {
            ((ObjectNode) event.at(embedded.substring(0, embedded.lastIndexOf('/')))).put(embedded.substring(embedded.lastIndexOf('/') + 1), write(message));
        }
        byte[] bytes = write(event).getBytes(StandardCharsets.UTF_8);
        return random.nextInt(5) == 0 ? damageText(bytes, random) : bytes;
    }

    /** A random JSON document built from the keys and values the parser looks for. */
    byte[] randomJson(Random random) {
        JsonNode root = random.nextInt(10) < 8 ? randomObject(random, 0) : randomValue(random, 0);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes with no structure at all (sometimes a JSON-ish prefix). */
    byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(2048)];
        random.nextBytes(bytes);
        if (bytes.length > 2 && random.nextBoolean()) {
            bytes[0] = '{';
            bytes[1] = '"';
        }
        return bytes;
    }

    private record Slot(JsonNode parent, String field, int index) {
        JsonNode value() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static String write(JsonNode node) {
        return DEEP_PLACEHOLDER.matcher(node.toString()).replaceAll(m -> {
            int depth = Integer.parseInt(m.group(1));
            return "[".repeat(depth) + "]".repeat(depth);
        });
    }

    private static void mutateOnce(JsonNode root, Random random) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return;
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        JsonNode current = slot.value();
        switch (random.nextInt(11)) {
            case 0 -> slot.remove();
            case 1 -> slot.set(NODES.nullNode());
            case 2 -> slot.set(randomScalar(random));
            case 3 -> slot.set(swapType(current, random));
            case 4 -> slot.set(NODES.textNode(garbage(random, 1 + random.nextInt(40))));
            case 5 -> slot.set(NODES.textNode(huge(random)));
            case 6 -> slot.set(nest(current, random, 1 + random.nextInt(random.nextBoolean() ? 20 : 1500)));
            case 7 -> rename(slot, random);
            case 8 -> slot.set(random.nextBoolean() ? NODES.objectNode() : NODES.arrayNode());
            case 9 -> slot.set(randomValue(random, 3));
            default -> slot.set(NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]));
        }
    }

    private static void collect(JsonNode node, List<Slot> out) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                out.add(new Slot(node, name, -1));
                collect(node.get(name), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new Slot(node, null, i));
                collect(node.get(i), out);
            }
        }
    }

    private static void rename(Slot slot, Random random) {
        if (slot.field() == null) {
            slot.remove();
            return;
        }
        JsonNode value = slot.value();
        slot.remove();
        String name = switch (random.nextInt(3)) {
            case 0 -> slot.field().toLowerCase();
            case 1 -> KEYS[random.nextInt(KEYS.length)];
            default -> garbage(random, 1 + random.nextInt(10));
        };
        ((ObjectNode) slot.parent()).set(name, value);
    }

    private static JsonNode swapType(JsonNode current, Random random) {
        if (current == null) {
            return NODES.nullNode();
        }
        if (current.isTextual()) {
            String text = current.textValue();
            try {
                return NODES.numberNode(new BigDecimal(text));
            } catch (NumberFormatException notANumber) {
                return random.nextBoolean() ? NODES.arrayNode().add(text) : NODES.numberNode(text.length());
            }
        }
        if (current.isValueNode()) {
            return NODES.textNode(current.asText());
        }
        // containers become their text: the shape an un-parsed JSON string would have
        return NODES.textNode(current.toString());
    }

    /**
     * Jackson refuses to write more than 1000 levels, so deeper nesting is a placeholder that {@link #write}
     * expands into brackets after serialising.
     */
    private static JsonNode nest(JsonNode value, Random random, int depth) {
        if (depth > 200) {
            return NODES.textNode(DEEP + depth + "__");
        }
        JsonNode node = value == null ? NODES.nullNode() : value;
        for (int i = 0; i < depth; i++) {
            node = random.nextBoolean() ? NODES.arrayNode().add(node) : NODES.objectNode().set("x", node);
        }
        return node;
    }

    private static JsonNode randomScalar(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.numberNode(random.nextInt());
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(600) - 300));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.numberNode(new BigInteger(300, random));
            case 5 -> NODES.numberNode(-random.nextInt(100));
            case 6 -> NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
            default -> NODES.numberNode(0);
        };
    }

    private static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 3 : 5);
        return switch (kind) {
            case 0, 1 -> randomScalar(random);
            case 2 -> NODES.textNode(random.nextBoolean() ? STRINGS[random.nextInt(STRINGS.length)] : garbage(random, random.nextInt(30)));
            case 3 -> randomObject(random, depth + 1);
            default -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
        };
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode object = NODES.objectNode();
        for (int i = random.nextInt(7); i > 0; i--) {
            String key = random.nextInt(5) == 0 ? garbage(random, 1 + random.nextInt(8)) : KEYS[random.nextInt(KEYS.length)];
            object.set(key, randomValue(random, depth + 1));
        }
        return object;
    }

    /** Any UTF-16 code units: controls, lone surrogates, quotes, backslashes. */
    private static String garbage(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(switch (random.nextInt(4)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) (0xD800 + random.nextInt(0x800));
                case 2 -> "\"\\{}[]:,".charAt(random.nextInt(8));
                default -> (char) random.nextInt(0xFFFF);
            });
        }
        return out.toString();
    }

    private static String huge(Random random) {
        return String.valueOf((char) ('A' + random.nextInt(26))).repeat(10_000 + random.nextInt(200_000));
    }

    private static byte[] damageText(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return bytes;
        }
        return switch (random.nextInt(4)) {
            case 0 -> Arrays.copyOf(bytes, random.nextInt(bytes.length)); // truncated
            case 1 -> {
                byte[] out = bytes.clone(); // a few flipped bytes
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
                yield out;
            }
            case 2 -> { // doubled: two events back to back
                byte[] out = Arrays.copyOf(bytes, bytes.length * 2);
                System.arraycopy(bytes, 0, out, bytes.length, bytes.length);
                yield out;
            }
            default -> { // a slice out of the middle
                int from = random.nextInt(bytes.length);
                yield Arrays.copyOfRange(bytes, from, from + random.nextInt(bytes.length - from + 1));
            }
        };
    }
}
