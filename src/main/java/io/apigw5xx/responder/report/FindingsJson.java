package io.apigw5xx.responder.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.evidence.Gap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Findings as JSON (for the SNS attribute and the ledger), and the same findings trimmed step by step until
 * they fit a byte budget: SNS messages stop at 256 KB, DynamoDB items at 400 KB. A trimmed copy says so in
 * its notes. A NaN error rate is written as the string "NaN" (Jackson's default) and read back as NaN.
 */
public final class FindingsJson {

    /** A findings copy that fits, its JSON, and whether anything was cut. */
    public record Fitted(Findings findings, String json, boolean trimmed) {}

    /** Per level: longest string, evidence items per cause, causes, items per list. */
    private record Level(int maxString, int evidencePerCause, int causes, int listItems) {}

    private static final List<Level> LEVELS = List.of(
            new Level(2000, 50, 20, 50),
            new Level(500, 10, 10, 20),
            new Level(200, 3, 5, 10),
            new Level(100, 1, 3, 5));

    private final ObjectMapper json;

    public FindingsJson(ObjectMapper json) {
        this.json = json;
    }

    public String write(Findings f) {
        try {
            return json.writeValueAsString(f);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("findings did not serialise: " + e.getOriginalMessage(), e);
        }
    }

    public Findings read(String text) {
        try {
            return json.readValue(text, Findings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a findings document: " + e.getOriginalMessage(), e);
        }
    }

    /** The findings as they are when their JSON fits {@code maxBytes}; else trimmed copies; empty if nothing fits. */
    public Optional<Fitted> fit(Findings f, int maxBytes) {
        String full = write(f);
        if (bytes(full) <= maxBytes) {
            return Optional.of(new Fitted(f, full, false));
        }
        for (Level level : LEVELS) {
            Findings t = trim(f, level);
            String text = write(t);
            if (bytes(text) <= maxBytes) {
                return Optional.of(new Fitted(t, text, true));
            }
        }
        return Optional.empty();
    }

    /** Cuts every list and string to the level's size and adds a note saying what was dropped. */
    static Findings trim(Findings f, Level level) {
        int droppedCauses = Math.max(0, f.causes().size() - level.causes());
        int droppedEvidence = 0;
        List<Cause> causes = new ArrayList<>();
        for (Cause c : f.causes().subList(0, Math.min(level.causes(), f.causes().size()))) {
            droppedEvidence += Math.max(0, c.evidence().size() - level.evidencePerCause());
            List<EvidenceItem> ev = c.evidence().stream().limit(level.evidencePerCause())
                    .map(e -> new EvidenceItem(e.time(), cut(e.summary(), level), cut(e.actor(), level),
                            cut(e.resource(), level), cut(e.reference(), level), e.origin()))
                    .toList();
            causes.add(new Cause(c.kind(), cut(c.title(), level), c.confidence(), cut(c.why(), level), ev,
                    cutAll(c.nextCommands(), level)));
        }
        List<Gap> gaps = f.gaps().stream().limit(level.listItems())
                .map(g -> new Gap(g.source(), g.reason(), cut(g.detail(), level))).toList();
        List<String> notes = new ArrayList<>(cutAll(f.notes(), level));
        notes.add("Trimmed to fit a size limit: long texts cut to " + level.maxString() + " characters, " + droppedCauses
                + " causes and " + droppedEvidence + " evidence items left out; the Slack report and the function's log"
                + " have the rest.");
        return new Findings(f.incident(), f.window(), f.onset(), f.severity(), f.errorRatePercent(), f.errors(),
                f.requests(), f.statusMix(), f.pattern(), causes, cutAll(f.checkedClean(), level), gaps, notes,
                f.generatedAt(), f.awsCalls());
    }

    private static List<String> cutAll(List<String> lines, Level level) {
        return lines.stream().limit(level.listItems()).map(s -> cut(s, level)).toList();
    }

    private static String cut(String s, Level level) {
        if (s == null || s.length() <= level.maxString()) {
            return s;
        }
        int end = level.maxString() - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
