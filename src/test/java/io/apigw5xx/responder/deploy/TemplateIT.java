package io.apigw5xx.responder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * template.yaml through the tools a user runs before {@code sam deploy}: cfn-lint, {@code sam validate --lint}
 * and {@code sam build} (pinned, from target/venv-sam). No AWS credentials are needed or used.
 */
class TemplateIT {

    private final Path basedir = Path.of(System.getProperty("project.basedir"));
    private final Path venv = Path.of(System.getProperty("sam.venv"));
    private final Path template = basedir.resolve("template.yaml");

    private record Run(int exitCode, String output) { }

    private Run run(List<String> command, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path out = Files.createTempFile("template-it", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(basedir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("SAM_CLI_TELEMETRY", "0");
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 5 minutes");
        }
        return new Run(process.exitValue(), Files.readString(out));
    }

    @Test
    void cfnLint_template_reportsNothing() throws Exception {
        Run lint = run(List.of(venv.resolve("bin/cfn-lint").toString(), template.toString()), Map.of());

        assertThat(lint.output()).isBlank();
        assertThat(lint.exitCode()).isZero();
    }

    @Test
    void samValidateLint_template_isValid() throws Exception {
        Run validate = run(List.of(venv.resolve("bin/sam").toString(), "validate", "--lint",
                "--template-file", template.toString()), Map.of());

        assertThat(validate.exitCode()).as(validate.output()).isZero();
        assertThat(validate.output()).contains("is a valid SAM Template");
    }

    @Test
    void samBuild_template_packagesShadedJarWithHandler() throws Exception {
        Path buildDir = basedir.resolve("target/sam-build");
        // The Makefile would otherwise run ./mvnw package inside this Maven run; verify just built the jar.
        Run build = run(List.of(venv.resolve("bin/sam").toString(), "build", "--template-file", template.toString(),
                "--build-dir", buildDir.toString(), "--build-in-source"), Map.of("APIGW5XX_JAR_PREBUILT", "1"));

        assertThat(build.exitCode()).as(build.output()).isZero();
        Path packaged = buildDir.resolve("ResponderFunction/lib/apigw-5xx-responder.jar");
        assertThat(packaged).exists();
        String handlerClass = new LocalLambda.Layout(packaged, null, null, template, List.of()).handlerFromTemplate()
                .replaceAll("::.*$", "").replace('.', '/') + ".class";
        try (ZipFile jar = new ZipFile(packaged.toFile())) {
            assertThat(jar.getEntry(handlerClass)).as("%s in the packaged jar", handlerClass).isNotNull();
        }
        List<String> builtTemplate = new ArrayList<>(Files.readAllLines(buildDir.resolve("template.yaml")));
        assertThat(builtTemplate).anyMatch(line -> line.strip().equals("CodeUri: ResponderFunction"));

        // The front door ships its own jar, with its handler and without the responder's evidence clients.
        Path frontDoor = buildDir.resolve("FrontDoorFunction/lib/apigw-5xx-responder-frontdoor.jar");
        assertThat(frontDoor).exists();
        String frontDoorHandler = new LocalLambda.Layout(frontDoor, null, null, template, List.of())
                .handlerFromTemplate("FrontDoorFunction").replaceAll("::.*$", "").replace('.', '/') + ".class";
        try (ZipFile jar = new ZipFile(frontDoor.toFile())) {
            assertThat(jar.getEntry(frontDoorHandler)).as("%s in the front door jar", frontDoorHandler).isNotNull();
            assertThat(jar.getEntry("software/amazon/awssdk/services/cloudtrail/CloudTrailClient.class")).isNull();
        }
        assertThat(builtTemplate).anyMatch(line -> line.strip().equals("CodeUri: FrontDoorFunction"));
    }
}
