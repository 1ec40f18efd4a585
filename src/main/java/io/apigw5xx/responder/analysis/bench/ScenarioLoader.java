package io.apigw5xx.responder.analysis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.analysis.CauseKind;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.ErrorPattern;
import io.apigw5xx.responder.analysis.Severity;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.InvalidBundleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads one scenario file; anything wrong with it becomes a {@link BadScenarioException} with a one-line reason. */
public final class ScenarioLoader {

    private final ObjectMapper mapper;
    private final BundleCodec codec;

    public ScenarioLoader(ObjectMapper mapper, BundleCodec codec) {
        this.mapper = mapper;
        this.codec = codec;
    }

    public static final class BadScenarioException extends Exception {
        public BadScenarioException(String reason) {
            super(reason);
        }
    }

    public Scenario load(Path file) throws BadScenarioException {
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new BadScenarioException("not readable JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new BadScenarioException("not a JSON object");
        }
        for (String field : List.of("trigger", "evidence", "expect")) {
            if (!root.hasNonNull(field)) {
                throw new BadScenarioException("missing \"" + field + "\"");
            }
        }
        Evidence evidence;
        try {
            evidence = codec.readEvidence(root.get("evidence"), file.getFileName().toString());
        } catch (InvalidBundleException e) {
            throw new BadScenarioException("evidence: " + String.join("; ", e.problems()));
        } catch (IllegalArgumentException e) {
            throw new BadScenarioException("evidence: " + firstLine(e.getMessage()));
        }
        String name = root.path("name").asText(file.getFileName().toString().replaceFirst("\\.json$", ""));
        return new Scenario(name, root.path("description").asText(""), root.get("trigger"), evidence, expectation(root.get("expect")));
    }

    private static Scenario.Expectation expectation(JsonNode e) throws BadScenarioException {
        if (!e.hasNonNull("topCause")) {
            throw new BadScenarioException("expect.topCause is required");
        }
        List<CauseKind> alternates = new ArrayList<>();
        for (JsonNode a : e.path("alternates")) {
            alternates.add(parse(CauseKind.class, a.asText(), "expect.alternates"));
        }
        List<String> notBlamed = new ArrayList<>();
        e.path("notBlamed").forEach(n -> notBlamed.add(n.asText()));
        return new Scenario.Expectation(
                parse(CauseKind.class, e.get("topCause").asText(), "expect.topCause"),
                alternates,
                e.hasNonNull("severity") ? parse(Severity.class, e.get("severity").asText(), "expect.severity") : null,
                e.hasNonNull("pattern") ? parse(ErrorPattern.class, e.get("pattern").asText(), "expect.pattern") : null,
                notBlamed,
                e.hasNonNull("minConfidence") ? parse(Confidence.class, e.get("minConfidence").asText(), "expect.minConfidence") : null,
                e.hasNonNull("maxConfidence") ? parse(Confidence.class, e.get("maxConfidence").asText(), "expect.maxConfidence") : null);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) throws BadScenarioException {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new BadScenarioException(field + ": unknown value \"" + value + "\"");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
