package org.jlaplace.bench.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Entry point of the {@code jlaplace} command line. {@link #main} exits with the status of
 * {@link #run}; tests call {@link #run} (or {@link #commandLine} and {@code execute}) in-process
 * with captured streams. No failure reaches the user as a bare stack trace unless it is an
 * internal error: {@link Failures} words bad input, numerical failures, a full disk and running
 * out of memory (also when the JVM throws {@link OutOfMemoryError}, which picocli passes through).
 */
public final class Main {
    private Main() {
    }

    /** Runs {@code jlaplace ARGS} and exits with its status. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : "";
        // Other threads report without a stack trace too; a daemon helper (the warm-up, the progress
        // bar) does not decide the outcome, so its failure is a note and the command goes on.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (thread.isDaemon()) {
                System.err.println("jlaplace: note: background thread " + thread.getName() + " stopped: " + e);
            } else {
                report(Failures.of(e, command), e, System.err);
            }
        });
        Warmup.startFor(args);
        int status = run(args, System.out, System.err);
        System.exit(status);
    }

    /** Runs {@code jlaplace ARGS}, writing to the given streams; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : "";
        try {
            return commandLine(out, err).execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // picocli passes Errors through; the heap is free again once the stack has unwound.
            return report(Failures.of(e, command), e, err);
        }
    }

    private static int report(Failures.Report r, Throwable t, PrintStream err) {
        err.println(r.message());
        if (r.stackTrace()) {
            t.printStackTrace(err);
        }
        err.flush();
        return r.exit();
    }

    /**
     * The configured command line: output and error writers, exit status 2 for usage errors and
     * bad input (message only), 1 for internal failures (with the stack trace).
     */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = new CommandLine(new JlaplaceCommand(out, err));
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // A later occurrence of an option overrides an earlier one, so scripts can append overrides.
        cl.setOverwrittenOptionsAllowed(true);
        cl.setExitCodeExceptionMapper(t -> ExitCodes.isBadInput(t) ? ExitCodes.BAD_INPUT : ExitCodes.INTERNAL);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("jlaplace: " + ex.getMessage());
            e.println("Try 'jlaplace " + ex.getCommandLine().getCommandName().replace("jlaplace", "").trim()
                    + (ex.getCommandLine().getCommandName().equals("jlaplace") ? "" : " ") + "--help' for the options.");
            e.flush();
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, command, parseResult) -> {
            PrintWriter e = command.getErr();
            Failures.Report r = Failures.of(ex, command.getCommandName());
            e.println(r.message());
            if (r.stackTrace()) {
                ex.printStackTrace(e);
            }
            e.flush();
            return r.exit();
        });
        return cl;
    }
}
