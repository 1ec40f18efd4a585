package io.apigw5xx.responder.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Arguments shared by {@code demo} and {@code analyze}: positional files plus an optional {@code --out DIR}. */
record ReplayOptions(List<String> positional, Optional<Path> outDir) {

    static ReplayOptions parse(List<String> args) {
        List<String> positional = new ArrayList<>();
        Path out = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--out")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--out needs a directory");
                }
                out = Path.of(args.get(++i));
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        return new ReplayOptions(List.copyOf(positional), Optional.ofNullable(out));
    }
}
