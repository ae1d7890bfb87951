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

    /** The model.json path, checked to exist. */
    Path modelFile() {
        Path p = Path.of(model);
        if (!Files.isRegularFile(p)) {
            throw new BadInputException("--model " + model + ": no such file (and not mlp:... or cnn:... short syntax)");
        }
        return p;
    }

    /** The weights path, checked to exist. */
    Path weightsFile() {
        if (!Files.isRegularFile(weights)) {
            throw new BadInputException("--weights " + weights + ": no such file");
        }
        return weights;
    }
}
