package io.apigw5xx.responder.cli;

import io.apigw5xx.responder.analysis.RunbookAnalyzer;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.EvidenceBundle;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** {@code demo [--out DIR]}: the built-in incident, analysed and printed — no AWS account needed. */
final class DemoCommand implements Command {

    static final String DEMO_BUNDLE = "/demo/demo-incident.json";

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String usage() {
        return "[--out DIR]  analyse the built-in incident (a Lambda deploy, then a 502 spike) and print the report";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Optional<ReplayOptions> options = ReplayOptions.parse(args, 0, "demo [--out DIR] (to replay a file: analyze FILE)", err);
        if (options.isEmpty()) {
            return 2;
        }
        EvidenceBundle bundle = new BundleCodec().read(demoBundleJson(), "built-in demo incident");
        new BundleReplay(new RunbookAnalyzer()).run(bundle, options.get().outDir(), out);
        return 0;
    }

    static String demoBundleJson() throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(DEMO_BUNDLE)) {
            if (in == null) {
                throw new IOException(DEMO_BUNDLE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
