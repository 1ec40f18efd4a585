package io.apigw5xx.responder.analysis.bench;

import io.apigw5xx.responder.analysis.Analyzer;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.Confidence;
import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.trigger.TriggerOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs every {@code *.json} scenario of a directory through trigger parsing and the analyzer, prints one
 * line per scenario, then top-1 accuracy and HIGH-confidence-wrong counts for the engine and the naive
 * baseline, and last {@code N passed, M failed}. A malformed scenario is a FAIL line, never a crash.
 */
public final class ScenarioBench {

    private final Analyzer analyzer;
    private final NaiveBaseline baseline;
    private final ScenarioLoader loader;
    private final Function<String, TriggerOutcome> triggers;

    /** @param triggers the trigger parser: raw event JSON → outcome */
    public ScenarioBench(Analyzer analyzer, NaiveBaseline baseline, ScenarioLoader loader, Function<String, TriggerOutcome> triggers) {
        this.analyzer = analyzer;
        this.baseline = baseline;
        this.loader = loader;
        this.triggers = triggers;
    }

    /** One scenario's outcome; {@code got} is null when the scenario could not be run. */
    public record Line(String name, String expected, String got, Confidence confidence, boolean passed, String reason,
                       boolean topCorrect, boolean baselineCorrect, boolean baselineHighWrong) {}

    public record Report(List<Line> lines) {
        public long passed() {
            return lines.stream().filter(Line::passed).count();
        }

        public long failed() {
            return lines.size() - passed();
        }

        public double accuracy() {
            return lines.isEmpty() ? 0 : 100.0 * lines.stream().filter(Line::topCorrect).count() / lines.size();
        }

        public long highConfidenceWrong() {
            return lines.stream().filter(l -> l.got() != null && !l.topCorrect() && l.confidence() == Confidence.HIGH).count();
        }

        public double baselineAccuracy() {
            return lines.isEmpty() ? 0 : 100.0 * lines.stream().filter(Line::baselineCorrect).count() / lines.size();
        }

        public long baselineHighConfidenceWrong() {
            return lines.stream().filter(Line::baselineHighWrong).count();
        }
    }

    public Report run(Path dir, PrintStream out) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<Line> lines = new ArrayList<>();
        out.printf("%-44s %-26s %-26s %-7s %s%n", "scenario", "expected", "got", "conf", "result");
        for (Path file : files) {
            Line line = runOne(file);
            lines.add(line);
            out.printf("%-44s %-26s %-26s %-7s %s%n", line.name(), line.expected(), line.got() == null ? "-" : line.got(),
                    line.confidence() == null ? "-" : line.confidence(), line.passed() ? "PASS" : "FAIL " + line.reason());
        }
        Report report = new Report(lines);
        out.printf(Locale.ROOT, "engine:   top-1 accuracy %.1f%% (%d/%d), HIGH-confidence wrong %d%n", report.accuracy(),
                lines.stream().filter(Line::topCorrect).count(), lines.size(), report.highConfidenceWrong());
        out.printf(Locale.ROOT, "baseline: top-1 accuracy %.1f%% (%d/%d), HIGH-confidence wrong %d (any change <= 5 min before onset, else UNKNOWN)%n",
                report.baselineAccuracy(), lines.stream().filter(Line::baselineCorrect).count(), lines.size(),
                report.baselineHighConfidenceWrong());
        out.printf("%d passed, %d failed%n", report.passed(), report.failed());
        return report;
    }

    /** How one mutated variant came out against the scenario's expected top cause. */
    public enum Outcome { KEPT, DEGRADED, WRONG }

    /** @param baselineRight the naive baseline named the expected cause; {@code baselineHighWrong} it named another at HIGH */
    public record MutationLine(String scenario, ScenarioMutations.Kind kind, String label, String got, Confidence confidence,
                               Outcome outcome, boolean baselineRight, boolean baselineHighWrong) {
        public boolean highWrong() {
            return outcome == Outcome.WRONG && confidence == Confidence.HIGH;
        }
    }

    public record MutationReport(List<MutationLine> lines) {
        public long count(Outcome o) {
            return lines.stream().filter(l -> l.outcome() == o).count();
        }

        public long highConfidenceWrong() {
            return lines.stream().filter(MutationLine::highWrong).count();
        }
    }

    /**
     * {@code bench-scenarios DIR --mutations}: every scenario's variants ({@link ScenarioMutations}); each must keep
     * the expected top cause or degrade honestly (the right cause at lower confidence, or UNKNOWN). Prints one
     * line per mutation kind, the totals, then {@code N passed, M failed} (a variant fails when another cause tops it).
     */
    public MutationReport runMutations(Path dir, ScenarioMutations mutations, PrintStream out) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<MutationLine> lines = new ArrayList<>();
        for (Path file : files) {
            Scenario scenario;
            Incident incident;
            try {
                scenario = loader.load(file);
                incident = incidentOf(triggers.apply(scenario.trigger().toString()));
            } catch (ScenarioLoader.BadScenarioException | RuntimeException e) {
                continue; // the plain run reports it
            }
            if (incident == null) {
                continue;
            }
            Findings original = analyzer.analyze(incident, scenario.evidence(), scenario.evidence().collectedAt());
            Confidence reference = original.topCause().kind() == scenario.expect().topCause() ? original.topCause().confidence() : Confidence.HIGH;
            java.time.Instant onset = original.onset() != null ? original.onset() : incident.at();
            for (ScenarioMutations.Variant v : mutations.variants(incident, scenario.evidence(), onset)) {
                Findings f;
                try {
                    f = analyzer.analyze(incident, v.evidence(), v.evidence().collectedAt());
                } catch (RuntimeException e) {
                    lines.add(new MutationLine(scenario.name(), v.kind(), v.label(), "analyzer threw " + e, null, Outcome.WRONG, false, false));
                    continue;
                }
                Cause top = f.topCause();
                Outcome outcome;
                if (top.kind() == scenario.expect().topCause()) {
                    outcome = top.confidence().compareTo(reference) <= 0 ? Outcome.KEPT : Outcome.DEGRADED;
                } else {
                    outcome = top.kind() == io.apigw5xx.responder.analysis.CauseKind.UNKNOWN ? Outcome.DEGRADED : Outcome.WRONG;
                }
                NaiveBaseline.Verdict naive = baseline.diagnose(incident, v.evidence());
                boolean naiveRight = naive.kind() == scenario.expect().topCause();
                lines.add(new MutationLine(scenario.name(), v.kind(), v.label(), top.kind().name(), top.confidence(), outcome,
                        naiveRight, !naiveRight && naive.confidence() == Confidence.HIGH));
            }
        }
        MutationReport report = new MutationReport(lines);
        for (MutationLine l : lines) {
            if (l.outcome() == Outcome.WRONG) {
                out.printf("  wrong: %s [%s %s] -> %s %s%n", l.scenario(), l.kind().label(), l.label(), l.got(), l.confidence());
            }
        }
        for (ScenarioMutations.Kind k : ScenarioMutations.Kind.values()) {
            List<MutationLine> of = lines.stream().filter(l -> l.kind() == k).toList();
            MutationReport r = new MutationReport(of);
            out.printf("%-12s %3d variants, kept %d, degraded %d, wrong %d (HIGH %d); baseline right %d, HIGH-confidence wrong %d%n",
                    k.label(), of.size(), r.count(Outcome.KEPT), r.count(Outcome.DEGRADED), r.count(Outcome.WRONG), r.highConfidenceWrong(),
                    of.stream().filter(MutationLine::baselineRight).count(), of.stream().filter(MutationLine::baselineHighWrong).count());
        }
        out.printf("mutations: %d variants, kept %d, degraded %d, HIGH-confidence wrong %d%n", lines.size(), report.count(Outcome.KEPT),
                report.count(Outcome.DEGRADED), report.highConfidenceWrong());
        out.printf("%d passed, %d failed%n", lines.size() - report.count(Outcome.WRONG), report.count(Outcome.WRONG));
        return report;
    }

    private static Incident incidentOf(TriggerOutcome outcome) {
        return switch (outcome) {
            case TriggerOutcome.Investigate i -> i.incident();
            case TriggerOutcome.Resolved r -> r.incident();
            case TriggerOutcome.Ignored i -> null;
            case TriggerOutcome.Refused r -> null;
        };
    }

    Line runOne(Path file) {
        String fileName = file.getFileName().toString().replaceFirst("\\.json$", "");
        Scenario scenario;
        try {
            scenario = loader.load(file);
        } catch (ScenarioLoader.BadScenarioException e) {
            return new Line(fileName, "?", null, null, false, "bad scenario: " + e.getMessage(), false, false, false);
        }
        String expected = scenario.expect().topCause().name();
        TriggerOutcome outcome;
        try {
            outcome = triggers.apply(scenario.trigger().toString());
        } catch (RuntimeException e) {
            return new Line(scenario.name(), expected, null, null, false, "trigger parser threw " + e, false, false, false);
        }
        Incident incident = switch (outcome) {
            case TriggerOutcome.Investigate i -> i.incident();
            case TriggerOutcome.Resolved r -> r.incident();
            case TriggerOutcome.Ignored i -> null;
            case TriggerOutcome.Refused r -> null;
        };
        if (incident == null) {
            return new Line(scenario.name(), expected, null, null, false, "trigger not investigated: " + outcome, false, false, false);
        }
        Findings findings;
        try {
            findings = analyzer.analyze(incident, scenario.evidence(), scenario.evidence().collectedAt());
        } catch (RuntimeException e) {
            return new Line(scenario.name(), expected, null, null, false, "analyzer threw " + e, false, false, false);
        }
        NaiveBaseline.Verdict naive = baseline.diagnose(incident, scenario.evidence());
        boolean baselineCorrect = naive.kind() == scenario.expect().topCause();
        boolean baselineHighWrong = !baselineCorrect && naive.confidence() == Confidence.HIGH;

        Cause top = findings.topCause();
        boolean topCorrect = top.kind() == scenario.expect().topCause();
        List<String> problems = problems(scenario.expect(), findings);
        return new Line(scenario.name(), expected, top.kind().name(), top.confidence(), problems.isEmpty(),
                String.join("; ", problems), topCorrect, baselineCorrect, baselineHighWrong);
    }

    static List<String> problems(Scenario.Expectation expect, Findings findings) {
        List<String> problems = new ArrayList<>();
        Cause top = findings.topCause();
        if (top.kind() != expect.topCause()) {
            problems.add("top cause " + top.kind());
        }
        if (expect.minConfidence() != null && top.confidence().compareTo(expect.minConfidence()) > 0) {
            problems.add("confidence " + top.confidence() + " below " + expect.minConfidence());
        }
        if (expect.maxConfidence() != null && top.confidence().compareTo(expect.maxConfidence()) < 0) {
            problems.add("confidence " + top.confidence() + " above " + expect.maxConfidence());
        }
        if (expect.severity() != null && findings.severity() != expect.severity()) {
            problems.add("severity " + findings.severity() + " not " + expect.severity());
        }
        if (expect.pattern() != null && findings.pattern() != expect.pattern()) {
            problems.add("pattern " + findings.pattern() + " not " + expect.pattern());
        }
        for (Cause c : findings.causes().subList(1, findings.causes().size())) {
            if (c.confidence() != Confidence.LOW && c.kind() != expect.topCause() && !expect.alternates().contains(c.kind())) {
                problems.add("unexpected " + c.confidence() + " alternate " + c.kind());
            }
        }
        for (Cause c : findings.causes()) {
            for (EvidenceItem item : c.evidence()) {
                if (item.reference() != null && expect.notBlamed().contains(item.reference())) {
                    problems.add(c.kind() + " blames " + item.reference());
                }
            }
        }
        return problems;
    }
}
