package io.github.diffusionnlp.opennlp.cmdline;

import ai.djl.Device;
import io.github.diffusionnlp.checkpoint.MissingPath;
import io.github.diffusionnlp.corpus.Visible;
import io.github.diffusionnlp.opennlp.DiffusionModel;
import io.github.diffusionnlp.opennlp.DiffusionToolFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import opennlp.tools.cmdline.TerminateToolException;

/**
 * {@code Package}: writes a model directory (one {@code train} wrote, say) as an OpenNLP model package,
 * with the sampling defaults its tools take unless told otherwise: what {@code
 * DiffusionModel.builder().optModel(dir).optFactory(new DiffusionToolFactory(steps)).build().serialize(file)} does
 * in Java.
 */
final class PackageTool extends CmdTool<Params.PackageParams> {
    PackageTool() {
        super(Params.PackageParams.class);
    }

    @Override
    String name() {
        return "Package";
    }

    @Override
    String description() {
        return "Writes a model directory as a model package, with the default steps and temperature of its tools.";
    }

    @Override
    void run(Params.PackageParams p, InputStream in, PrintStream out, PrintStream err) throws IOException {
        Path dir = Path.of(p.getModel());
        if (!Files.isDirectory(dir)) {
            throw badParameter("-model " + Visible.of(p.getModel()) + ": not a model directory"
                    + (Files.isRegularFile(dir) ? " (a file: a package is packaged already)"
                    : " (" + MissingPath.named(dir) + " does not exist)" + MissingPath.tildeHint(dir)));
        }
        Path file = packageFile("-out", p.getOut());
        for (String name : java.util.stream.Stream.concat(DiffusionModel.MODEL_FILES.stream(),
                DiffusionModel.OPTIONAL_FILES.stream()).toList()) {
            requireNotSame("-out", p.getOut(), file, dir.resolve(name), "the model directory's " + name);
        }
        DiffusionToolFactory factory = factory(p);
        String language = checked("-lang", () -> DiffusionModel.checkedLanguage(p.getLang()));
        DiffusionModel model;
        try {
            // loaded whole, so that a damaged directory or one of another kind fails here, not in the user's
            // pipeline; on the CPU, since packaging samples nothing
            model = DiffusionModel.builder().optModel(dir).optFactory(factory).optLanguage(language)
                    .optDevice(Device.cpu()).build();
        } catch (IOException | RuntimeException e) {
            throw new TerminateToolException(FAILED, "cannot load model " + Visible.of(p.getModel()) + ": "
                    + message(e), e);
        }
        try (model) {
            writePackage(model, file);
        }
        err.printf(Locale.ROOT, "Wrote the model package to %s (%.1f MB): %d steps, temperature %s, language %s%n",
                Visible.of(file), Files.size(file) / 1e6, factory.getSteps(), factory.getTemperature().isPresent()
                        ? factory.getTemperature().getAsDouble() : "each tool's own", language);
    }

    /** The tool defaults of {@code -steps} and {@code -temperature}; a bad one is a usage error naming it as typed. */
    private DiffusionToolFactory factory(Params.PackageParams p) {
        DiffusionToolFactory stepsOnly = checked("-steps", () -> new DiffusionToolFactory(p.getSteps()));
        if (p.getTemperature() == null) {
            return stepsOnly;
        }
        // the steps passed just now, so what this constructor refuses is the temperature
        return checked("-temperature", () -> new DiffusionToolFactory(p.getSteps(),
                number(p.getTemperature(), "temperature must be a number in [0, 1]")));
    }
}
