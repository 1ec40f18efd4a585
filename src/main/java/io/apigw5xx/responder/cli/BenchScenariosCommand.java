package io.apigw5xx.responder.cli;

import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.ChangeInterpreter;
import io.apigw5xx.responder.analysis.RunbookAnalyzer;
import io.apigw5xx.responder.analysis.bench.NaiveBaseline;
import io.apigw5xx.responder.analysis.bench.ScenarioBench;
import io.apigw5xx.responder.analysis.bench.ScenarioLoader;
import io.apigw5xx.responder.analysis.bench.ScenarioMutations;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.trigger.TriggerOutcome;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** {@code bench-scenarios DIR}: runs a scenario catalogue and prints the accuracy table. Exit 1 when any scenario fails. */
public final class BenchScenariosCommand implements Command {

    private final Function<String, TriggerOutcome> triggers;

    public BenchScenariosCommand(Function<String, TriggerOutcome> triggers) {
        this.triggers = triggers;
    }

    @Override
    public String name() {
        return "bench-scenarios";
    }

    @Override
    public String usage() {
        return "DIR [--mutations]  run every *.json scenario in DIR; print per-scenario results, top-1 accuracy and the naive baseline; "
                + "--mutations: derived variants (alarm time, read-only calls, unrelated and harmless changes, shifted times)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        boolean mutations = args.size() == 2 && args.get(1).equals("--mutations");
        if (args.size() != 1 && !mutations) {
            err.println("usage: bench-scenarios DIR [--mutations]");
            return 2;
        }
        Path dir = Path.of(args.getFirst());
        if (!Files.isDirectory(dir)) {
            err.println("bench-scenarios: " + dir + " is not a directory");
            return 2;
        }
        var mapper = JsonMappers.create();
        ScenarioBench bench = new ScenarioBench(new RunbookAnalyzer(), new NaiveBaseline(new ChangeInterpreter(mapper)),
                new ScenarioLoader(mapper, new BundleCodec(mapper)), triggers);
        if (mutations) {
            // W (another cause at HIGH on a variant) is what must be zero; a variant at lower confidence is honest
            return bench.runMutations(dir, new ScenarioMutations(mapper), out).highConfidenceWrong() == 0 ? 0 : 1;
        }
        return bench.run(dir, out).failed() == 0 ? 0 : 1;
    }
}
