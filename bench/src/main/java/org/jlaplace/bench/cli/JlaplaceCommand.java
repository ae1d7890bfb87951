package org.jlaplace.bench.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code jlaplace} command: prints usage when called without a subcommand. */
@Command(name = "jlaplace", mixinStandardHelpOptions = true, version = "jlaplace 0.1.0",
        description = "Bayesian model selection of neural networks with the linearized Laplace approximation.",
        subcommands = {MarglikCommand.class, EvidenceCommand.class, BoundsCommand.class, CompareCommand.class,
            CommandLine.HelpCommand.class})
public final class JlaplaceCommand implements Callable<Integer> {
    final PrintStream out;
    final PrintStream err;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    JlaplaceCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }
}
