package org.jlaplace.bench.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ParseResult;

/**
 * The defaults of {@code jlaplace marglik} that change with {@code --invariance}, applied to every
 * such option the user did not give. Why they differ: the extents must be learned while the
 * network adapts to the augmentation, so hyper-steps start early (a burn-in of
 * {@value #BURN_IN} epochs, then {@value #HYPER_STEPS} steps after every epoch rather than 10 steps
 * every 5 epochs); the augmented model trains more slowly than the plain one, so it gets
 * {@value #EPOCHS} epochs at an initial Adam rate of {@value #LEARNING_RATE}. The bound itself is
 * the plain default (kernel, {@code M} = 100, grouped by class): on rotated digits the looser
 * output-wise bound on 30 inputs learned prior precisions large enough to underfit.
 */
final class InvarianceDefaults {
    static final int EPOCHS = 70;
    static final int BURN_IN = 10;
    static final int FREQUENCY = 1;
    static final int HYPER_STEPS = 3;
    static final double LEARNING_RATE = 0.01;

    /** The help line appended to the command's description. */
    static final String HELP = "With --invariance the defaults are --epochs " + EPOCHS + " --burn-in " + BURN_IN
        + " --marglik-frequency " + FREQUENCY + " --hyper-steps " + HYPER_STEPS + " --lr " + LEARNING_RATE + " (Adam; --schedule cosine or constant); options given explicitly win.";

    private InvarianceDefaults() {
    }

    /**
     * Sets every invariance default whose option is absent from {@code parsed}; returns the names of
     * the options it set.
     */
    static List<String> applyTo(MarglikCommand c, ParseResult parsed) {
        List<String> set = new ArrayList<>();
        apply(parsed, "--epochs", set, () -> c.epochs = EPOCHS);
        apply(parsed, "--burn-in", set, () -> c.burnIn = BURN_IN);
        apply(parsed, "--marglik-frequency", set, () -> c.frequency = FREQUENCY);
        apply(parsed, "--hyper-steps", set, () -> c.hyperSteps = HYPER_STEPS);
        apply(parsed, "--lr", set, () -> c.lr = LEARNING_RATE);
        return set;
    }

    private static void apply(ParseResult parsed, String option, List<String> set, Runnable setter) {
        if (parsed == null || !parsed.hasMatchedOption(option)) {
            setter.run();
            set.add(option);
        }
    }
}
