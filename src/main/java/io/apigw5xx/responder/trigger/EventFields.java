package io.apigw5xx.responder.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Typed reads of event fields that refuse with the field's path and what was found instead. Absent and JSON
 * null mean "not given"; a value of the wrong type is refused rather than guessed at.
 */
final class EventFields {

    /** Longest piece of input a refusal quotes, so reasons stay one short line. */
    private static final int QUOTE_LIMIT = 60;

    private EventFields() {}

    static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = present(parent, field);
        if (node == null) {
            throw new TriggerRefusedException(join(path, field) + " is missing");
        }
        if (!node.isObject()) {
            throw new TriggerRefusedException(join(path, field) + " is " + kind(node) + ", expected an object");
        }
        return node;
    }

    /** An optional object: null when absent. */
    static JsonNode optionalObject(JsonNode parent, String field, String path) {
        JsonNode node = present(parent, field);
        if (node != null && !node.isObject()) {
            throw new TriggerRefusedException(join(path, field) + " is " + kind(node) + ", expected an object");
        }
        return node;
    }

    static JsonNode array(JsonNode parent, String field, String path) {
        JsonNode node = present(parent, field);
        if (node == null) {
            throw new TriggerRefusedException(join(path, field) + " is missing");
        }
        if (!node.isArray()) {
            throw new TriggerRefusedException(join(path, field) + " is " + kind(node) + ", expected an array");
        }
        return node;
    }

    /** A required, non-blank string. */
    static String text(JsonNode parent, String field, String path) {
        String value = optionalText(parent, field, path);
        if (value == null) {
            throw new TriggerRefusedException(join(path, field) + " is missing");
        }
        if (value.isBlank()) {
            throw new TriggerRefusedException(join(path, field) + " is blank");
        }
        return value;
    }

    static String optionalText(JsonNode parent, String field, String path) {
        JsonNode node = present(parent, field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new TriggerRefusedException(join(path, field) + " is " + kind(node) + ", expected a string");
        }
        return node.textValue();
    }

    static Boolean optionalBoolean(JsonNode parent, String field, String path) {
        JsonNode node = present(parent, field);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new TriggerRefusedException(join(path, field) + " is " + kind(node) + ", expected true or false");
        }
        return node.booleanValue();
    }

    static Double optionalNumber(JsonNode parent, String field, String path) {
        JsonNode node = present(parent, field);
        if (node == null) {
            return null;
        }
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw new TriggerRefusedException(join(path, field) + " is " + kind(node) + ", expected a number");
        }
        return node.doubleValue();
    }

    /** An optional positive whole number (periods, evaluation counts). */
    static Integer optionalPositiveInt(JsonNode parent, String field, String path) {
        JsonNode node = present(parent, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() <= 0) {
            throw new TriggerRefusedException(
                    join(path, field) + " is " + kind(node) + ", expected a positive whole number");
        }
        return node.intValue();
    }

    /** The field's node, or null when it is absent or JSON null. */
    static JsonNode present(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    /** What a node is, for a refusal: "a string 'abc'", "an array", "a number 12". */
    static String kind(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isTextual()) {
            return "a string " + quote(node.textValue());
        }
        if (node.isNumber()) {
            return "a number " + quote(node.asText());
        }
        if (node.isBoolean()) {
            return "a boolean " + node.asText();
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "a " + node.getNodeType().name().toLowerCase();
    }

    /** Input echoed into a reason: quoted, one line, at most {@value #QUOTE_LIMIT} characters. */
    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(value.length(), QUOTE_LIMIT);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        if (value.length() > QUOTE_LIMIT) {
            out.append("…(").append(value.length()).append(" chars)");
        }
        return out.append('\'').toString();
    }

    /** The first few field names of an object, quoted, for "found: ..." in a refusal. */
    static String fieldNames(JsonNode node) {
        if (node == null || !node.isObject()) {
            return kind(node);
        }
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        int total = node.size();
        while (it.hasNext() && names.size() < 5) {
            String name = it.next();
            names.add(quote(name.length() > 30 ? name.substring(0, 30) : name));
        }
        if (names.isEmpty()) {
            return "no fields";
        }
        return String.join(", ", names) + (total > names.size() ? " and " + (total - names.size()) + " more" : "");
    }

    private static String join(String path, String field) {
        return path == null || path.isEmpty() ? field : path + "." + field;
    }
}
