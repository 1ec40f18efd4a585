package io.apigw5xx.responder.cli;

import java.io.PrintStream;
import java.util.List;

/** One CLI subcommand. Returns the process exit code; reports bad arguments on {@code err}, never throws for them. */
public interface Command {

    String name();

    /** One line: arguments and what the command does. */
    String usage();

    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
