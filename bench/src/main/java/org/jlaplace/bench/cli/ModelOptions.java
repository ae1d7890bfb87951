package org.jlaplace.bench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The network: a model.json file or the short syntax, and optionally its weights. */
public final class ModelOptions {
    @Option(names = "--model", paramLabel = "FILE|SPEC",
            description = "model.json (FORMATS.md §1–§2), or short syntax mlp:W1-...-Wk[:act] / cnn:C1-...:W1-...-Wk[:act] (last width = outputs).")
    String model;

    @Option(names = "--weights", paramLabel = "FILE", description = "model.safetensors with the parameters of --model.")
    Path weights;

    /** Whether {@code --model} is short syntax. */
    boolean isShortSyntax() {
        return model != null && org.jlaplace.bench.model.ArchitectureSpec.isShortSyntax(model);
    }

    /** The model.json path, checked to be a readable regular file. */
    Path modelFile() {
        Path p = Path.of(model);
        if (!Files.exists(p)) {
            throw new BadInputException("--model " + model + ": no such file (and not mlp:... or cnn:... short syntax)");
        }
        return regularFile("--model", p, "model.json");
    }

    /** The weights path, checked to be a readable regular file. */
    Path weightsFile() {
        return regularFile("--weights", weights, "safetensors");
    }

    /**
     * {@code p} if it is a readable regular file; otherwise bad input saying what it is instead
     * (missing, a directory, a device such as /dev/zero, unreadable).
     */
    static Path regularFile(String option, Path p, String kind) {
        if (!Files.exists(p)) {
            throw new BadInputException(option + " " + p + ": no such file");
        }
        if (Files.isDirectory(p)) {
            throw new BadInputException(option + " " + p + ": is a directory, not a " + kind + " file");
        }
        if (!Files.isRegularFile(p)) {
            throw new BadInputException(option + " " + p + ": is not a regular file (a device or pipe?); give a "
                    + kind + " file");
        }
        if (!Files.isReadable(p)) {
            throw new BadInputException(option + " " + p + ": permission denied");
        }
        return p;
    }
}
