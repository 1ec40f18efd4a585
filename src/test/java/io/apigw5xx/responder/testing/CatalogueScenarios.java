package io.apigw5xx.responder.testing;

import io.apigw5xx.responder.JsonMappers;
import io.apigw5xx.responder.analysis.bench.Scenario;
import io.apigw5xx.responder.analysis.bench.ScenarioLoader;
import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.trigger.TriggerOutcome;
import io.apigw5xx.responder.trigger.TriggerParser;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A scenario of src/test/resources/scenarios read as the incident its trigger raises and its evidence. */
public final class CatalogueScenarios {

    public record Investigation(Incident incident, Evidence evidence) {}

    private CatalogueScenarios() {
    }

    public static Investigation investigation(String file) throws Exception {
        return investigation(file, UnaryOperator.identity(), "us-east-1");
    }

    /** @param triggerEdit applied to the trigger event's JSON text before it is parsed (e.g. another region) */
    public static Investigation investigation(String file, UnaryOperator<String> triggerEdit, String functionRegion)
            throws Exception {
        Scenario scenario = new ScenarioLoader(JsonMappers.create(), new BundleCodec())
                .load(Path.of("src/test/resources/scenarios", file));
        Incident incident = switch (new TriggerParser(functionRegion).parse(triggerEdit.apply(scenario.trigger().toString()))) {
            case TriggerOutcome.Investigate i -> i.incident();
            case TriggerOutcome.Resolved r -> r.incident();
            default -> throw new AssertionError(file + ": the trigger raises no incident");
        };
        return new Investigation(incident, scenario.evidence());
    }
}
