package org.jlaplace.bench.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.jlaplace.autodiff.io.ModelFormatException;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.model.ArchitectureSpec;
import org.jlaplace.autodiff.io.ModelIO;

/**
 * Resolves {@code --model}/{@code --weights} into a network and {@code --out} into a run directory,
 * mapping file problems to bad input.
 */
final class ModelLoading {
    private ModelLoading() {
    }

    /**
     * The network of the options for data {@code d}: a model.json file (then {@code --weights} is
     * required) or short syntax (weights optional: fresh initialisation from {@code seed}).
     */
    static Sequential load(ModelOptions o, Dataset d, boolean weightsRequired, String defaultSpec, long seed) {
        String model = o.model != null ? o.model : defaultSpec;
        if (model == null) {
            throw new BadInputException("--model FILE|SPEC is required");
        }
        if (weightsRequired && o.weights == null) {
            throw new BadInputException("--weights FILE is required (the trained parameters of --model)");
        }
        try {
            if (ArchitectureSpec.isShortSyntax(model)) {
                Sequential net;
                try {
                    org.jlaplace.autodiff.io.ModelSpec spec;
                    java.util.List<org.jlaplace.autodiff.nn.Layer> layers = ArchitectureSpec.expand(model, d.inputShape(), d.outputs());
                    try {
                        spec = ModelIO.specOf(d.inputShape(), layers);
                    } catch (IllegalArgumentException e) {
                        throw new BadInputException("--model " + model + ": " + e.getMessage(), e);
                    }
                    MemoryPlanner.require(MemoryPlanner.model(spec), "--model " + model + " (" + spec.parameterCount()
                            + " parameters)", "a smaller model");
                    net = ArchitectureSpec.build(model, d.inputShape(), d.outputs(), seed);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(e.getMessage());
                }
                if (o.weights != null) {
                    return ModelIO.load(ModelIO.specOf(net), Path.of("--model " + model), o.weightsFile());
                }
                return net;
            }
            Path json = o.modelFile();
            if (o.weights == null) {
                throw new BadInputException("--weights FILE is required with --model " + model);
            }
            org.jlaplace.autodiff.io.ModelSpec spec = org.jlaplace.autodiff.io.ModelSpec.read(json);
            MemoryPlanner.require(MemoryPlanner.model(spec), "--model " + model + " (" + spec.parameterCount() + " parameters)",
                    "a smaller model");
            return ModelIO.load(spec, json, o.weightsFile());
        } catch (ModelFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException("cannot read the model: " + e.getMessage(), e);
        }
    }

    /**
     * The run directory for {@code --out}; an existing or unusable directory is bad input. Stale
     * staging directories removed (or found in use) are reported on {@code err}.
     */
    static org.jlaplace.bench.report.RunDirectory runDirectory(Path out, boolean overwrite, java.io.PrintStream err) {
        try {
            return org.jlaplace.bench.report.RunDirectory.create(out, overwrite, err::println);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
