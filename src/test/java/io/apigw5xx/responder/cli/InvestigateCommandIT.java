package io.apigw5xx.responder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.apigw5xx.responder.evidence.BundleCodec;
import io.apigw5xx.responder.evidence.EvidenceBundle;
import io.apigw5xx.responder.evidence.aws.EvidenceFixtures;
import io.apigw5xx.responder.testing.MotoAccount;
import io.apigw5xx.responder.testing.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The laptop path: {@code investigate --endpoint-url} against a seeded moto account, as a user would run it. */
@ExtendWith(MotoServer.Extension.class)
class InvestigateCommandIT {

    @BeforeAll
    static void credentials() {
        // investigate uses the default credential chain; system properties are part of it
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
    }

    @AfterEach
    void reset(MotoServer moto) {
        moto.reset();
    }

    @Test
    void investigate_seededAccount_printsReportAndSavesAReplayableBundle(MotoServer moto, @TempDir Path dir) throws Exception {
        moto.reset();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        EvidenceFixtures.seedRestIncident(new MotoAccount(moto.endpoint()), at);
        Path bundle = dir.resolve("bundle.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(List.of("investigate", "--api-name", EvidenceFixtures.API_NAME, "--stage", EvidenceFixtures.STAGE,
                        "--region", MotoAccount.REGION, "--at", at.toString(), "--deadline-seconds", "15",
                        "--endpoint-url", moto.endpoint().toString(), "--save-evidence", bundle.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(report).contains("5xx on orders-api/prod").contains("## Likely causes").contains(EvidenceFixtures.ORDERS);
        // moto has no CloudTrail LookupEvents: the report must say so and still come out
        assertThat(report.substring(report.indexOf("## Could not check"))).contains("CHANGES");
        EvidenceBundle saved = new BundleCodec().read(Files.readString(bundle), bundle.toString());
        assertThat(saved.evidence().topology().lambdaTargets()).isNotEmpty();
        assertThat(saved.evidence().metrics()).isNotEmpty();
    }
}
