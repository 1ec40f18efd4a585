package io.apigw5xx.responder.cli;

import io.apigw5xx.responder.trigger.TriggerParser;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The laptop entry point: {@code java -jar target/apigw-5xx-responder.jar <command> [args]}. */
public final class Main {

    private Main() {}

    static List<Command> commands() {
        return List.of(
                // one line per command; keep alphabetical to keep merges trivial
                new AnalyzeCommand(),
                new BenchScenariosCommand(new TriggerParser(System.getenv("AWS_REGION"))::parse),
                new DemoCommand(),
                new InvestigateCommand()
        );
    }

    public static void main(String[] argv) {
        System.exit(run(Arrays.asList(argv), System.out, System.err));
    }

    static int run(List<String> argv, PrintStream out, PrintStream err) {
        if (argv.isEmpty() || argv.getFirst().equals("help") || argv.getFirst().equals("--help")) {
            printUsage(out);
            return argv.isEmpty() ? 2 : 0;
        }
        Optional<Command> command = commands().stream().filter(c -> c.name().equals(argv.getFirst())).findFirst();
        if (command.isEmpty()) {
            err.println("unknown command '" + argv.getFirst() + "'");
            printUsage(err);
            return 2;
        }
        try {
            return command.get().run(argv.subList(1, argv.size()), out, err);
        } catch (Exception e) {
            err.println(command.get().name() + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static void printUsage(PrintStream out) {
        out.println("usage: java -jar apigw-5xx-responder.jar <command> [args]");
        for (Command c : commands()) {
            out.printf("  %-16s %s%n", c.name(), c.usage());
        }
    }
}
