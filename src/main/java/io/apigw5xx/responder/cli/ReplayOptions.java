package io.apigw5xx.responder.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Arguments shared by {@code demo} and {@code analyze}: positional files plus an optional {@code --out DIR}. */
record ReplayOptions(List<String> positional, Optional<Path> outDir) {

    /**
     * @return the options, or empty after printing a one-line reason and the usage to {@code err}
     */
    static Optional<ReplayOptions> parse(List<String> args, int positionals, String usage, PrintStream err) {
        List<String> positional = new ArrayList<>();
        Path out = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--out") && i + 1 < args.size()) {
                out = Path.of(args.get(++i));
            } else if (arg.startsWith("--")) {
                return refuse(arg.equals("--out") ? "--out needs a directory" : "unknown option " + arg, usage, err);
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() != positionals) {
            return refuse(positionals == 0 ? "takes no file" : "needs exactly " + positionals + " file", usage, err);
        }
        return Optional.of(new ReplayOptions(List.copyOf(positional), Optional.ofNullable(out)));
    }

    private static Optional<ReplayOptions> refuse(String reason, String usage, PrintStream err) {
        err.println(reason + "; usage: " + usage);
        return Optional.empty();
    }
}
