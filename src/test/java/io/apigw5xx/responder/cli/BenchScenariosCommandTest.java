package io.apigw5xx.responder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.trigger.TriggerParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchScenariosCommandTest {

    private static final Path CATALOGUE = Path.of("src/test/resources/scenarios");
    private final BenchScenariosCommand command = new BenchScenariosCommand(new TriggerParser("us-east-1")::parse);

    @Test
    void run_mutations_printsOneLinePerKindThenTotalsThenPassedFailed(@TempDir Path dir) throws Exception {
        Files.copy(CATALOGUE.resolve("rest-lambda-deploy-regression.json"), dir.resolve("a.json"));
        Files.copy(CATALOGUE.resolve("alarm-time-rest-permission-removed.json"), dir.resolve("b.json"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = command.run(List.of(dir.toString(), "--mutations"), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("  wrong:")).toList();
        assertThat(exit).isZero();
        assertThat(lines).hasSize(7);
        assertThat(lines.subList(0, 5)).extracting(l -> l.split(" +")[0])
                .containsExactly("alarm-time", "read-only", "unrelated", "shifted", "harmless");
        assertThat(lines.get(5)).matches("mutations: \\d+ variants, kept \\d+, degraded \\d+, HIGH-confidence wrong 0");
        assertThat(lines.get(6)).matches("\\d+ passed, \\d+ failed");
    }

    @Test
    void run_unknownOption_isAUsageError() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = command.run(List.of(CATALOGUE.toString(), "--mutate"), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: bench-scenarios DIR [--mutations]");
    }
}
