package io.apigw5xx.responder.cli;

import io.apigw5xx.responder.analysis.RunbookAnalyzer;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.EvidenceBundle;
import io.apigw5xx.responder.evidence.InvalidBundleException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code analyze FILE [--out DIR]}: replays a bundle saved by {@code investigate --save-evidence}. */
final class AnalyzeCommand implements Command {

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String usage() {
        return "FILE [--out DIR]  replay a saved evidence bundle and print the report";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Optional<ReplayOptions> options = ReplayOptions.parse(args, 1, "analyze FILE [--out DIR]", err);
        if (options.isEmpty()) {
            return 2;
        }
        Path file = Path.of(options.get().positional().getFirst());
        EvidenceBundle bundle;
        try {
            bundle = new BundleCodec().read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            err.println("analyze: no such file " + file);
            return 2;
        } catch (InvalidBundleException e) {
            err.println("analyze: " + e.getMessage());
            return 2;
        }
        new BundleReplay(new RunbookAnalyzer()).run(bundle, options.get().outDir(), out);
        return 0;
    }
}
